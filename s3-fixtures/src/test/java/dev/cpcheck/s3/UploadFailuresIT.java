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
import dev.cpcheck.s3.testing.S3ProxyServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Uploads that do not succeed are recorded, never dropped. */
class UploadFailuresIT {

    private static FileBatch batch(String runId, long first, int count) {
        return new FileBatch(
                runId,
                "initial",
                first,
                count,
                2,
                8,
                FileFormat.JSON_EACH_ROW,
                Compression.GZIP,
                KeyPlacement.APPEND,
                1L);
    }

    @Test
    void aStoppedServerFailsEveryFileWithTheConnectionError() {
        String runId = RunIds.newRunId();
        S3ProxyServer s3 = S3ProxyServer.start();
        boolean stopped = false;
        try (S3Fixture fixture = S3Fixture.open(s3.settings().maxAttempts(2).build(), runId)) {
            assertThat(fixture.write(batch(runId, 1, 2))).allMatch(f -> f.outcome() == UploadOutcome.OK);
            s3.close();
            stopped = true;

            for (UploadOrder order : UploadOrder.values()) {
                List<ManifestFile> files = fixture.write(batch(runId, 3, 4), order, null);
                assertThat(files).hasSize(4).allSatisfy(f -> {
                    assertThat(f.outcome()).isEqualTo(UploadOutcome.FAILED);
                    assertThat(f.error()).containsIgnoringCase("connect");
                    assertThat(f.etag()).isNull();
                    assertThat(f.bytes()).isPositive(); // what would have been stored
                });
                assertThat(files).extracting(ManifestFile::fileId).containsExactly(3L, 4L, 5L, 6L);
            }
        } finally {
            if (!stopped) {
                s3.close();
            }
        }
    }

    /**
     * A store that accepts the run marker and then never answers: the requests were sent, so the
     * objects may exist, and the files are indeterminate rather than failed.
     */
    @Test
    void anUnansweredRequestIsIndeterminate() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith(Fixtures.MARKER_NAME)) {
                exchange.getResponseHeaders().add("ETag", "\"marker\"");
                exchange.sendResponseHeaders(200, -1);
            } else {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.close();
        });
        server.start();
        String runId = RunIds.newRunId();
        S3Settings settings = S3Settings.builder()
                .bucket("fixtures")
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials("k", "s")
                .maxAttempts(2)
                .attemptTimeout(Duration.ofMillis(700))
                .callTimeout(Duration.ofSeconds(2))
                .build();
        try (S3Fixture fixture = S3Fixture.open(settings, runId)) {
            List<ManifestFile> files = fixture.write(batch(runId, 1, 3), UploadOrder.ANY_ORDER, null);
            assertThat(files).hasSize(3).allSatisfy(f -> {
                assertThat(f.outcome()).isEqualTo(UploadOutcome.INDETERMINATE);
                assertThat(f.error()).containsIgnoringCase("timeout");
                assertThat(f.uploadStartedAt()).isNotNull();
            });
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    /** A store that answers every file's first PUT with 503 SlowDown: the SDK retries, nothing fails. */
    @Test
    void aTransientServerErrorIsRetriedByTheSdkPolicy() throws Exception {
        Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            int attempt = puts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            if (!path.endsWith(Fixtures.MARKER_NAME) && attempt == 1) {
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                                + "<Message>Please reduce your request rate.</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(path.hashCode()) + "\"");
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
        String runId = RunIds.newRunId();
        S3Settings settings = S3Settings.builder()
                .bucket("fixtures")
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials("k", "s")
                .maxAttempts(3)
                .build();
        try (S3Fixture fixture = S3Fixture.open(settings, runId)) {
            List<ManifestFile> files = fixture.write(batch(runId, 1, 4), UploadOrder.KEY_ORDER, null);
            assertThat(files).hasSize(4).allSatisfy(f -> {
                assertThat(f.outcome()).as(f.key() + ": " + f.error()).isEqualTo(UploadOutcome.OK);
                assertThat(f.etag()).isNotNull();
            });
            for (ManifestFile f : files) {
                assertThat(puts.get("/fixtures/" + f.key())).as(f.key()).hasValue(2);
            }
        } finally {
            server.stop(0);
        }
    }
}
