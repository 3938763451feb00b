package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole local stack: all three servers wired together, end to end, temporary and persistent. */
class LocalStackIT {
    private static final String BUCKET = "stack-data";

    @TempDir
    Path tmp;

    private static void writeFile(LocalStack stack, int fileId) {
        try (S3Client client = stack.s3().newClient()) {
            client.putObject(
                    b -> b.bucket(BUCKET).key(String.format("in/f-%03d.json", fileId)),
                    RequestBody.fromString(
                            "{\"file_id\":" + fileId + ",\"row_id\":0}\n{\"file_id\":" + fileId + ",\"row_id\":1}\n"));
        }
    }

    private static String createPipe(LocalStack stack) {
        S3Endpoint s3 = stack.s3();
        Map<String, Object> request = Map.of(
                "name",
                "stack-pipe",
                "source",
                Map.of(
                        "objectStorage",
                        Map.of(
                                "type",
                                "s3",
                                "format",
                                "JSONEachRow",
                                "url",
                                s3.objectUrl(BUCKET, "in/*.json"),
                                "isContinuous",
                                true,
                                "authentication",
                                "IAM_USER",
                                "accessKey",
                                Map.of("accessKeyId", s3.accessKey(), "secretKey", s3.secretKey()))),
                "destination",
                Map.of(
                        "database",
                        "default",
                        "table",
                        "events",
                        "managedTable",
                        true,
                        "columns",
                        List.of(
                                Map.of("name", "file_id", "type", "UInt32"),
                                Map.of("name", "row_id", "type", "UInt32"),
                                Map.of("name", "source_file", "type", "String"))),
                "fieldMappings",
                List.of(
                        Map.of("sourceField", "file_id", "destinationField", "file_id"),
                        Map.of("sourceField", "row_id", "destinationField", "row_id"),
                        Map.of("sourceField", "_file", "destinationField", "source_file")),
                "settings",
                Map.of("object_storage_polling_interval_ms", 200));
        ApiClient.Response created = new ApiClient(stack.clickPipes()).post("/clickpipes", request);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.result().get("id").asText();
    }

    private static long rows(LocalStack stack) {
        return Long.parseLong(new ClickHouseHttp(stack.clickHouse())
                .queryValue("SELECT count() FROM events")
                .trim());
    }

    @Test
    void startsAllThreeWiredTogetherAndStopsThemAll() {
        long started = System.nanoTime();
        LocalStack stack = LocalStack.builder()
                .provisioningDelay(Duration.ZERO)
                .noRateLimit()
                .start();
        long pid;
        try {
            System.out.printf(
                    "LocalStack cold start (chdb library cached): %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(stack.clickHouse().httpUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(stack.s3().url().getHost()).isEqualTo("127.0.0.1");
            assertThat(stack.clickPipes().apiBaseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(stack.clickPipes().apiKeySecret()).isNotBlank();
            assertThat(stack.emulator().endpoint()).isEqualTo(stack.clickPipes());
            pid = stack.embeddedClickHouse().pid();

            stack.s3().createBucket(BUCKET);
            writeFile(stack, 1);
            writeFile(stack, 2);
            String id = createPipe(stack);
            Await.until(
                    "2 files ingested",
                    Duration.ofSeconds(30),
                    () -> stack.emulator().pipe(id).orElseThrow().filesIngested() == 2);
            assertThat(rows(stack)).isEqualTo(4);
        } finally {
            stack.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void aStackOnAnExternalClickHouseIngestsIntoItLeavesItRunningAndKeepsTheDefaultRateLimit() {
        try (LocalStack server = LocalStack.builder().noRateLimit().start()) {
            long serverPid = server.embeddedClickHouse().pid();
            LocalStack stack = LocalStack.builder()
                    .clickHouse(server.clickHouse())
                    .provisioningDelay(Duration.ZERO)
                    .start();
            try {
                assertThat(stack.embeddedClickHouse())
                        .as("no ClickHouse of its own")
                        .isNull();
                assertThat(stack.clickHouse()).isEqualTo(server.clickHouse());
                stack.s3().createBucket(BUCKET);
                writeFile(stack, 1);
                String id = createPipe(stack);
                Await.until(
                        "1 file ingested",
                        Duration.ofSeconds(30),
                        () -> stack.emulator().pipe(id).orElseThrow().filesIngested() == 1);
                // the rows are in the external server
                assertThat(rows(server)).isEqualTo(2);

                // the default limit of the cloud API: 10 requests per 10 s, then 429 with the reset time
                ApiClient api = new ApiClient(stack.clickPipes());
                int ok = 0;
                ApiClient.Response limited = null;
                for (int i = 0; i < 12 && limited == null; i++) {
                    ApiClient.Response r = api.get("/clickpipes");
                    if (r.status() == 429) {
                        limited = r;
                    } else {
                        assertThat(r.status()).isEqualTo(200);
                        ok++;
                    }
                }
                assertThat(limited).as("a request over the limit").isNotNull();
                // 9 when the pipe creation is still inside the 10 s window, 10 once it left it
                assertThat(ok).as("requests before the limit").isBetween(9, 10);
                assertThat(limited.headers().firstValue("X-RateLimit-Reset")).isPresent();
            } finally {
                stack.close();
            }
            // closing the stack left the server it did not start running
            assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false))
                    .isTrue();
            assertThat(rows(server)).isEqualTo(2);
        }
    }

    @Test
    void emulatorMainStartsALocalStackAndDescribesIt() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode ready =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        try (AutoCloseable running = EmulatorMain.start(
                EmulatorMain.parse(new String[] {
                    "--local-stack",
                    "--state-dir",
                    tmp.resolve("main").toString(),
                    "--fault-mode",
                    "skip-paused-files",
                    "--rate-limit",
                    "20"
                }),
                ready)) {
            assertThat(running).isInstanceOf(LocalStack.class);
            LocalStack stack = (LocalStack) running;
            assertThat(stack.emulator().faultMode()).isEqualTo(FaultMode.SKIP_PAUSED_FILES);
            assertThat(ready.get("apiBaseUrl").asText())
                    .isEqualTo(stack.clickPipes().apiBaseUrl().toString());
            assertThat(ready.get("clickHouseUrl").asText())
                    .isEqualTo(stack.clickHouse().url());
            assertThat(ready.get("s3SecretKey").asText()).isEqualTo(stack.s3().secretKey());
            assertThat(new ApiClient(stack.clickPipes()).get("").status()).isEqualTo(200);
        }
    }

    @Test
    void persistentStackContinuesWhereItStopped() {
        Path root = tmp.resolve("stack");
        String id;
        int s3Port;
        try (LocalStack stack = LocalStack.builder()
                .stateDirectory(root)
                .provisioningDelay(Duration.ZERO)
                .noRateLimit()
                .start()) {
            s3Port = stack.embeddedS3().port();
            stack.s3().createBucket(BUCKET);
            writeFile(stack, 1);
            id = createPipe(stack);
            Await.until(
                    "file 1",
                    Duration.ofSeconds(30),
                    () -> stack.emulator().pipe(id).orElseThrow().filesIngested() == 1);
        }
        assertThat(root.resolve("clickhouse")).isDirectory();
        assertThat(root.resolve("s3")).isDirectory();
        assertThat(root.resolve("clickpipes").resolve("pipes").resolve(id)).isDirectory();

        try (LocalStack stack =
                LocalStack.builder().stateDirectory(root).noRateLimit().start()) {
            assertThat(stack.embeddedS3().port())
                    .as("same S3 URL for the stored pipes")
                    .isEqualTo(s3Port);
            EmulatedPipe pipe = stack.emulator().pipe(id).orElseThrow();
            assertThat(pipe.checkpointKey()).isEqualTo("in/f-001.json");
            assertThat(rows(stack)).isEqualTo(2);
            assertThat(new ApiClient(stack.clickPipes())
                            .get("/clickpipes/" + id)
                            .status())
                    .isEqualTo(200);

            writeFile(stack, 2);
            Await.until("file 2", Duration.ofSeconds(30), () -> rows(stack) == 4);
            assertThat(new ClickHouseHttp(stack.clickHouse())
                            .queryValue("SELECT count() - uniqExact(file_id, row_id) FROM events"))
                    .isEqualTo("0");
        }
    }
}
