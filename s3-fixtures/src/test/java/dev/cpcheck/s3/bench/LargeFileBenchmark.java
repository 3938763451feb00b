package dev.cpcheck.s3.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.s3.S3Fixture;
import dev.cpcheck.s3.UploadOrder;
import dev.cpcheck.s3.testing.S3ProxyServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;

/**
 * Generates and uploads one ~1 GiB file (JSONEachRow, uncompressed, multipart) and samples the
 * heap every 10 ms with {@link MemoryMXBean}. S3Proxy runs in the same JVM with an on-disk store,
 * so the numbers include its own buffers. Then re-reads the object, streaming, and checks its
 * SHA-256 against the manifest.
 *
 * <p>Not part of the build. Run it with a small heap to show the upload streams:
 * <pre>
 * ./mvnw -B -pl s3-fixtures -am verify -Dit.test=LargeFileBenchmark -Dtest=NONE \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
 *     "-Dsurefire.argLine=-Xmx256m -XX:+UseSerialGC" -Dbench.mib=1024
 * </pre>
 */
class LargeFileBenchmark {

    @Test
    void oneGibFileWithBoundedHeap(@TempDir Path store) throws Exception {
        long mib = Long.getLong("bench.mib", 1024);
        int payload = 1000;
        long rowBytes = 140 + payload; // a JSONEachRow line of this schema, roughly
        long rows = mib * 1024 * 1024 / rowBytes;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);

        try (S3ProxyServer s3 = S3ProxyServer.startOnDisk(store)) {
            String runId = RunIds.newRunId();
            try (S3Fixture fixture = S3Fixture.open(s3.settings().build(), runId)) {
                System.gc();
                long baseline = memory.getHeapMemoryUsage().getUsed();
                sampler.start();
                long t0 = System.nanoTime();
                List<ManifestFile> files = fixture.write(
                        new FileBatch(
                                runId,
                                "big",
                                1,
                                1,
                                rows,
                                payload,
                                FileFormat.JSON_EACH_ROW,
                                Compression.NONE,
                                KeyPlacement.APPEND,
                                1L),
                        UploadOrder.KEY_ORDER,
                        null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                sampler.interrupt();
                sampler.join();
                ManifestFile f = files.get(0);
                assertThat(f.outcome()).as(f.error()).isEqualTo(UploadOutcome.OK);

                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long size = 0;
                try (InputStream in = s3.client()
                        .getObject(
                                b -> b.bucket(S3ProxyServer.BUCKET).key(f.key()),
                                AsyncResponseTransformer.toBlockingInputStream())
                        .join()) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                        size += n;
                    }
                }
                assertThat(size).isEqualTo(f.bytes());
                assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(f.sha256());

                System.out.printf(
                        Locale.ROOT,
                        "%nLargeFileBenchmark: 1 file, %d rows, %.0f MiB stored, multipart ETag %s%n",
                        rows,
                        f.bytes() / 1048576.0,
                        f.etag());
                System.out.printf(
                        Locale.ROOT,
                        "  max heap %d MiB; heap used: baseline %d MiB, peak %d MiB (sampled every 10 ms)%n",
                        memory.getHeapMemoryUsage().getMax() >> 20,
                        baseline >> 20,
                        peak.get() >> 20);
                System.out.printf(
                        Locale.ROOT,
                        "  generate+upload %.1f s = %.0f MiB/s; SHA-256 of the stored object matches%n%n",
                        seconds,
                        f.bytes() / 1048576.0 / seconds);
                fixture.deleteAll();
            }
        }
    }
}
