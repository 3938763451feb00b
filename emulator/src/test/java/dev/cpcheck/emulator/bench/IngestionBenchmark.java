package dev.cpcheck.emulator.bench;

import dev.cpcheck.emulator.EmulatedPipe;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.emulator.S3Endpoint;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ingestion throughput of the emulator: 100 JSONEachRow files of 10,000 rows each (cpcheck's row
 * schema, about 1.4 MB per file) in the embedded S3, ingested by one pipe into the embedded
 * ClickHouse, with the default batch size (100 files) and with batches of 10 files. The clock runs
 * from the create request to the last checkpoint commit. Prints the numbers; not run by the normal
 * build. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl emulator -am verify -DskipITs -Dtest=IngestionBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class IngestionBenchmark {
    private static final int FILES = 100;
    private static final int ROWS = 10_000;
    private static final String BUCKET = "bench-data";

    @Test
    void hundredFilesOfTenThousandRows() throws Exception {
        try (LocalStack stack = LocalStack.builder()
                .noRateLimit()
                .provisioningDelay(Duration.ZERO)
                .start()) {
            stack.s3().createBucket(BUCKET);
            long t0 = System.nanoTime();
            upload(stack.s3(), "run");
            long uploadMs = (System.nanoTime() - t0) / 1_000_000;
            ClickHouseHttp sql = new ClickHouseHttp(stack.clickHouse());
            List<String> lines = new ArrayList<>();
            lines.add(String.format("upload of %d files x %d rows: %d ms", FILES, ROWS, uploadMs));
            for (int batch : new int[] {100, 10}) {
                String table = "bench_" + batch;
                sql.query("CREATE TABLE " + table + " (run_id String, file_id UInt32, row_id UInt32,"
                        + " phase LowCardinality(String), event_time DateTime64(3), payload String, source_file String)"
                        + " ENGINE = MergeTree ORDER BY (file_id, row_id)");
                long start = System.nanoTime();
                String id = createPipe(stack, table, batch);
                EmulatedPipe pipe;
                do {
                    Thread.sleep(50);
                    pipe = stack.emulator().pipe(id).orElseThrow();
                } while (pipe.filesIngested() < FILES && pipe.lastError() == null);
                long ms = (System.nanoTime() - start) / 1_000_000;
                long rows = Long.parseLong(
                        sql.queryValue("SELECT count() FROM " + table).trim());
                if (rows != (long) FILES * ROWS || pipe.lastError() != null) {
                    throw new AssertionError("ingested " + rows + " rows; " + pipe);
                }
                lines.add(String.format(
                        "batches of %d files: %d rows in %d ms = %,.0f rows/s (%d batches)",
                        batch, rows, ms, rows * 1000.0 / ms, pipe.batchesCommitted()));
            }
            System.out.println();
            lines.forEach(l -> System.out.println("BENCHMARK ingestion " + l));
            System.out.println();
        }
    }

    private static void upload(S3Endpoint s3, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (S3Client client = s3.newClient()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int f = 0; f < FILES; f++) {
                int fileId = f;
                futures.add(pool.submit(() -> {
                    StringBuilder sb = new StringBuilder(ROWS * 150);
                    for (int r = 0; r < ROWS; r++) {
                        sb.append("{\"run_id\":\"bench\",\"file_id\":")
                                .append(fileId)
                                .append(",\"row_id\":")
                                .append(r)
                                .append(
                                        ",\"phase\":\"before\",\"event_time\":\"2026-01-01 00:00:00.000\",\"payload\":\"")
                                .append("payload-")
                                .append(fileId)
                                .append('-')
                                .append(r)
                                .append("-abcdefghijklmnop\"}\n");
                    }
                    client.putObject(
                            b -> b.bucket(BUCKET).key(String.format("%s/file-%05d.json", prefix, fileId)),
                            RequestBody.fromBytes(sb.toString().getBytes(StandardCharsets.UTF_8)));
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String createPipe(LocalStack stack, String table, int maxFileCount) {
        S3Endpoint s3 = stack.s3();
        List<Map<String, String>> mappings = new ArrayList<>();
        for (String c : List.of("run_id", "file_id", "row_id", "phase", "event_time", "payload")) {
            mappings.add(Map.of("sourceField", c, "destinationField", c));
        }
        mappings.add(Map.of("sourceField", "_file", "destinationField", "source_file"));
        Map<String, Object> request = Map.of(
                "name",
                "bench-" + table,
                "source",
                Map.of(
                        "objectStorage",
                        Map.of(
                                "type",
                                "s3",
                                "format",
                                "JSONEachRow",
                                "url",
                                s3.objectUrl(BUCKET, "run/*.json"),
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
                        table,
                        "managedTable",
                        false,
                        "columns",
                        Fixture.COLUMNS.entrySet().stream()
                                .map(c -> Map.of("name", c.getKey(), "type", c.getValue()))
                                .toList()),
                "fieldMappings",
                mappings,
                "settings",
                Map.of("object_storage_polling_interval_ms", 200, "object_storage_max_file_count", maxFileCount));
        ApiClient.Response created = new ApiClient(stack.clickPipes()).post("/clickpipes", request);
        if (created.status() != 200) {
            throw new AssertionError(created.toString());
        }
        return created.result().get("id").asText();
    }
}
