package dev.cpcheck.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.spi.FileBatch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When files become visible, observed on a store that records when each put arrives and when it
 * is answered (after a random delay, so concurrent puts finish out of order).
 */
class UploadOrderIT {
    record Put(String key, long arrived, long answered, String sha256) {}

    private HttpServer server;
    private final List<Put> puts = new CopyOnWriteArrayList<>();
    private volatile int delayMillis = 20;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            long arrived = System.nanoTime();
            String key = exchange.getRequestURI().getPath().replaceFirst("^/fixtures/", "");
            if (!key.endsWith(Fixtures.MARKER_NAME)) {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(delayMillis / 2, delayMillis + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
            puts.add(new Put(
                    key,
                    arrived,
                    System.nanoTime(),
                    exchange.getRequestHeaders().getFirst("x-amz-checksum-sha256")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private S3Settings settings() {
        return S3Settings.builder()
                .bucket("fixtures")
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials("k", "s")
                .concurrency(16)
                .build();
    }

    private static FileBatch batch(String runId, int count) {
        return new FileBatch(
                runId, "initial", 1, count, 2, 8, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND, 1L);
    }

    private List<Put> filePuts() {
        return puts.stream()
                .filter(p -> !p.key().endsWith(Fixtures.MARKER_NAME))
                .sorted(Comparator.comparing(Put::key))
                .toList();
    }

    @Test
    void keyOrderSendsAFileOnlyAfterTheLowerKeyWasAcknowledged() {
        String runId = RunIds.newRunId();
        List<ManifestFile> files;
        try (S3Fixture fixture = S3Fixture.open(settings(), runId)) {
            files = fixture.write(batch(runId, 30), UploadOrder.KEY_ORDER, null);
            assertThat(files).allMatch(f -> f.outcome() == UploadOutcome.OK);
        }
        List<Put> p = filePuts();
        assertThat(p).hasSize(30);
        // every put asks the store to verify the SHA-256 the manifest records
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.get(i).sha256())
                    .isEqualTo(Base64.getEncoder()
                            .encodeToString(HexFormat.of().parseHex(files.get(i).sha256())));
        }
        for (int i = 1; i < p.size(); i++) {
            assertThat(p.get(i).arrived())
                    .as(
                            "%s arrived before %s was answered",
                            p.get(i).key(), p.get(i - 1).key())
                    .isGreaterThan(p.get(i - 1).answered());
        }
    }

    @Test
    void anyOrderOverlapsRequests() {
        // slow answers, so overlap shows even when signing the requests is slow on a loaded machine
        delayMillis = 200;
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = S3Fixture.open(settings(), runId)) {
            List<ManifestFile> files = fixture.write(batch(runId, 30), UploadOrder.ANY_ORDER, null);
            assertThat(files).allMatch(f -> f.outcome() == UploadOutcome.OK);
        }
        List<Put> p = filePuts();
        int maxOverlap = 0;
        for (Put a : p) {
            int overlap = (int) p.stream()
                    .filter(b -> b.arrived() <= a.arrived() && b.answered() > a.arrived())
                    .count();
            maxOverlap = Math.max(maxOverlap, overlap);
        }
        assertThat(maxOverlap).isGreaterThan(4);
    }

    @Test
    void interruptingAWriteRecordsEveryFileAndKeepsTheInterrupt() throws Exception {
        delayMillis = 200;
        String runId = RunIds.newRunId();
        AtomicReference<List<ManifestFile>> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        try (S3Fixture fixture = S3Fixture.open(settings(), runId)) {
            Thread writer = new Thread(() -> {
                result.set(fixture.write(batch(runId, 20), UploadOrder.KEY_ORDER, null));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            writer.start();
            // interrupt once the second file reached the store: in key order it is sent only after
            // the first was acknowledged, however long the first request took
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (filePuts().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(filePuts()).as("two files were stored").hasSizeGreaterThanOrEqualTo(2);
            writer.interrupt();
            writer.join(30_000);
            assertThat(writer.isAlive()).isFalse();
        }
        List<ManifestFile> files = result.get();
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(files).hasSize(20);
        List<UploadOutcome> outcomes =
                new ArrayList<>(files.stream().map(ManifestFile::outcome).toList());
        assertThat(outcomes.get(0)).isEqualTo(UploadOutcome.OK);
        assertThat(outcomes.get(19)).isEqualTo(UploadOutcome.FAILED);
        assertThat(files.get(19).error()).contains("interrupted");
        // key order: ok files, then at most one whose request was cut off, then files never sent
        int firstNotOk = outcomes.indexOf(
                outcomes.stream().filter(o -> o != UploadOutcome.OK).findFirst().orElseThrow());
        assertThat(outcomes.subList(0, firstNotOk)).containsOnly(UploadOutcome.OK);
        assertThat(outcomes.subList(firstNotOk + 1, 20)).containsOnly(UploadOutcome.FAILED);
    }
}
