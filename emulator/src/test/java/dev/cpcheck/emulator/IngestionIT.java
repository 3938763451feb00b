package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Await;
import dev.cpcheck.emulator.support.Fixture;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingestion worker against the real embedded ClickHouse and S3, driven through the HTTP API:
 * exactly once per file, nothing while stopped, lexicographic checkpoint, settings on a running
 * pipe, field mappings with virtual columns, managed tables, one-shot pipes, failures.
 */
class IngestionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClickPipesEmulator emulator;
    private ApiClient api;

    @BeforeEach
    void startEmulator() {
        emulator = ClickPipesEmulator.builder()
                .clickHouse(TestEnvironment.clickHouse().endpoint())
                .provisioningDelay(Duration.ZERO)
                .noRateLimit()
                .ingestionRetries(2, Duration.ofMillis(100))
                .start();
        api = new ApiClient(emulator.endpoint());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private String createPipe(Map<String, Object> request) {
        ApiClient.Response created = api.post("/clickpipes", request);
        assertThat(created.status()).as("create: %s", created).isEqualTo(200);
        return created.result().get("id").asText();
    }

    private EmulatedPipe pipe(String id) {
        return emulator.pipe(id).orElseThrow();
    }

    private String state(String id) {
        return api.get("/clickpipes/" + id).result().get("state").asText();
    }

    private void awaitState(String id, String expected) {
        Await.until("state " + expected, TIMEOUT, () -> state(id).equals(expected), () -> state(id));
    }

    private void awaitCheckpoint(String id, String key) {
        Await.until(
                "checkpoint at " + key,
                TIMEOUT,
                () -> key.equals(pipe(id).checkpointKey())
                        && pipe(id).pendingBatch().isEmpty(),
                () -> pipe(id).toString());
    }

    @Test
    void ingestsTwelveFilesOfThreeRowsEachExactlyOnce() {
        try (Fixture f = Fixture.create("twelve")) {
            f.writeFiles(0, 12, 3, "before");
            String id = createPipe(f.pipeRequest(5, 200));

            awaitCheckpoint(id, f.key(11));

            assertThat(f.rows()).isEqualTo(36);
            assertThat(f.filesNotExactlyOnce(12, 3)).isEmpty();
            assertThat(f.sql()
                            .queryValue("SELECT uniqExact(source_file) FROM " + f.table)
                            .trim())
                    .isEqualTo("12");
            assertThat(f.sql()
                            .queryValue("SELECT count(), uniqExact(file_name), max(batch_seq) FROM `s3_clickpipe_" + id
                                    + "_archive` FORMAT TabSeparated"))
                    .as("the archive table lists every ingested file with its batch")
                    .isEqualTo("12\t12\t3");
            assertThat(f.sql()
                            .queryValue("SELECT count() FROM system.tables WHERE name LIKE 's3_clickpipe_" + id
                                    + "_staging_%'")
                            .trim())
                    .as("no staging table is left behind")
                    .isEqualTo("0");
            assertThat(f.sql().queryValue("SELECT engine_full FROM system.tables WHERE name = '" + f.table + "'"))
                    .as("the destination table is never altered")
                    .doesNotContain("deduplication");
            EmulatedPipe p = pipe(id);
            assertThat(p.batchesCommitted()).as("batches of max_file_count=5").isEqualTo(3);
            assertThat(p.filesIngested()).isEqualTo(12);
            assertThat(p.rowsIngested()).isEqualTo(36);
            assertThat(p.state()).isEqualTo("Running");
        }
    }

    @Test
    void filesWrittenWhileStoppedWaitForStartAndThenLandOnce() throws Exception {
        try (Fixture f = Fixture.create("paused")) {
            f.writeFiles(0, 6, 3, "before");
            String id = createPipe(f.pipeRequest(4, 200));
            awaitCheckpoint(id, f.key(5));

            ApiClient.Response stop = api.patch("/clickpipes/" + id + "/state", Map.of("command", "stop"));
            assertThat(stop.status()).isEqualTo(200);
            awaitState(id, "Stopped");
            f.writeFiles(6, 9, 3, "paused");
            Thread.sleep(1_200); // six polling intervals
            assertThat(f.rows()).as("nothing ingested while Stopped").isEqualTo(18);
            assertThat(pipe(id).checkpointKey()).isEqualTo(f.key(5));

            assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"))
                            .status())
                    .isEqualTo(200);
            awaitState(id, "Running");
            awaitCheckpoint(id, f.key(8));
            f.writeFiles(9, 12, 3, "after");
            awaitCheckpoint(id, f.key(11));

            assertThat(f.rows()).isEqualTo(36);
            assertThat(f.filesNotExactlyOnce(12, 3)).isEmpty();
        }
    }

    @Test
    void newKeysThatSortBelowTheCheckpointAreIgnored() throws Exception {
        try (Fixture f = Fixture.create("lower")) {
            f.writeFiles(5, 7, 3, "before");
            String id = createPipe(f.pipeRequest(10, 200));
            awaitCheckpoint(id, f.key(6));

            f.writeFile(1, 3, "late-lower");
            f.writeFile(7, 3, "later");
            awaitCheckpoint(id, f.key(7));
            Thread.sleep(600);

            assertThat(f.sql()
                            .query("SELECT DISTINCT file_id FROM " + f.table + " ORDER BY file_id FORMAT CSV")
                            .lines()
                            .toList())
                    .containsExactly("5", "6", "7");
        }
    }

    @Test
    void settingsPutOnARunningPipeTakeEffectAtOnce() {
        try (Fixture f = Fixture.create("settings")) {
            f.writeFiles(0, 2, 3, "before");
            String id = createPipe(f.pipeRequest(100, 3_600_000)); // polls hourly
            awaitCheckpoint(id, f.key(1));
            f.writeFiles(2, 10, 3, "later");

            ApiClient.Response asText = api.put(
                    "/clickpipes/" + id + "/settings",
                    Map.of("object_storage_polling_interval_ms", 200, "object_storage_max_file_count", "2"));
            assertThat(asText.status())
                    .as("the spec types the settings: integers, not strings")
                    .isEqualTo(400);
            assertThat(asText.error()).contains("/object_storage_max_file_count: string found");
            ApiClient.Response put = api.put(
                    "/clickpipes/" + id + "/settings",
                    Map.of("object_storage_polling_interval_ms", 200, "object_storage_max_file_count", 2));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.result().get("object_storage_max_file_count").asLong())
                    .isEqualTo(2);

            awaitCheckpoint(id, f.key(9));
            assertThat(pipe(id).batchesCommitted())
                    .as("1 initial batch, then 8 files by 2")
                    .isEqualTo(5);
            assertThat(f.filesNotExactlyOnce(10, 3)).isEmpty();
        }
    }

    @Test
    void fieldMappingsFillVirtualColumnsAndLeaveColumnsOutsideTheRequestToTheirDefault() {
        try (Fixture f = Fixture.withoutTable("virtual")) {
            f.sql()
                    .query("CREATE TABLE " + f.table + " (file_id UInt32, row_id UInt32, p String, size UInt64,"
                            + " time DateTime, name String, marker String DEFAULT 'unmapped')"
                            + " ENGINE = MergeTree ORDER BY (file_id, row_id)");
            f.writeFiles(0, 2, 3, "x");
            Map<String, Object> request = f.pipeRequest(10, 200);
            request.put(
                    "fieldMappings",
                    List.of(
                            Map.of("sourceField", "file_id", "destinationField", "file_id"),
                            Map.of("sourceField", "row_id", "destinationField", "row_id"),
                            Map.of("sourceField", "_path", "destinationField", "p"),
                            Map.of("sourceField", "_size", "destinationField", "size"),
                            Map.of("sourceField", "_time", "destinationField", "time"),
                            Map.of("sourceField", "_file", "destinationField", "name")));
            request.put(
                    "destination",
                    Map.of(
                            "database",
                            "default",
                            "table",
                            f.table,
                            "managedTable",
                            false,
                            "columns",
                            List.of(
                                    Map.of("name", "file_id", "type", "UInt32"),
                                    Map.of("name", "row_id", "type", "UInt32"),
                                    Map.of("name", "p", "type", "String"),
                                    Map.of("name", "size", "type", "UInt64"),
                                    Map.of("name", "time", "type", "DateTime"),
                                    Map.of("name", "name", "type", "String"))));
            String id = createPipe(request);
            awaitCheckpoint(id, f.key(1));

            String row = f.sql()
                    .queryValue("SELECT p, size > 0, time > now() - INTERVAL 1 HOUR, name, marker FROM " + f.table
                            + " WHERE file_id = 1 LIMIT 1 FORMAT TabSeparated");
            assertThat(row.split("\t"))
                    .containsExactly(
                            TestEnvironment.BUCKET + "/" + f.key(1),
                            "1",
                            "1",
                            f.key(1).substring(f.key(1).lastIndexOf('/') + 1),
                            "unmapped");
        }
    }

    @Test
    void managedTableIsCreatedFromColumnsAndTableDefinition() {
        try (Fixture f = Fixture.withoutTable("managed")) {
            f.writeFiles(0, 3, 3, "x");
            Map<String, Object> request = f.pipeRequest(10, 200);
            request.put(
                    "destination",
                    Map.of(
                            "database",
                            "default",
                            "table",
                            f.table,
                            "managedTable",
                            true,
                            "tableDefinition",
                            Map.of("engine", Map.of("type", "MergeTree"), "sortingKey", List.of("file_id", "row_id")),
                            "columns",
                            Fixture.COLUMNS.entrySet().stream()
                                    .map(c -> Map.of("name", c.getKey(), "type", c.getValue()))
                                    .toList()));
            String id = createPipe(request);
            awaitCheckpoint(id, f.key(2));

            assertThat(f.rows()).isEqualTo(9);
            String ddl = f.sql().queryValue("SELECT engine_full FROM system.tables WHERE name = '" + f.table + "'");
            assertThat(ddl).contains("ORDER BY (file_id, row_id)").doesNotContain("deduplication");
            JsonNode destination = api.get("/clickpipes/" + id).result().get("destination");
            assertThat(destination.get("managedTable").asBoolean()).isTrue();
            assertThat(destination.get("columns")).hasSize(7);

            ApiClient.Response again = api.post("/clickpipes", request);
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.error()).startsWith("BAD_REQUEST: ").contains("already exists");
        }
    }

    @Test
    void oneShotPipeIngestsWhatIsThereAndCompletes() throws Exception {
        try (Fixture f = Fixture.create("oneshot")) {
            f.writeFiles(0, 5, 3, "x");
            Map<String, Object> request = f.pipeRequest(2, 200);
            @SuppressWarnings("unchecked")
            Map<String, Object> os = new java.util.HashMap<>(
                    (Map<String, Object>) ((Map<String, Object>) request.get("source")).get("objectStorage"));
            os.put("isContinuous", false);
            request.put("source", Map.of("objectStorage", os));
            String id = createPipe(request);

            awaitState(id, "Completed");
            assertThat(f.rows()).isEqualTo(15);
            f.writeFile(9, 3, "late");
            Thread.sleep(600);
            assertThat(f.rows()).as("a completed pipe ingests nothing more").isEqualTo(15);
            ApiClient.Response start = api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"));
            assertThat(start.status()).isEqualTo(400);
        }
    }

    @Test
    void ingestionErrorTurnsThePipeFailedAndStartRetriesTheSameBatch() {
        try (Fixture f = Fixture.create("failed")) {
            f.writeFile(0, 3, "x");
            String id = createPipe(f.pipeRequest(10, 200));
            awaitCheckpoint(id, f.key(0));

            f.sql().query("ALTER TABLE " + f.table + " ADD COLUMN required UInt8");
            f.sql().query("RENAME TABLE " + f.table + " TO " + f.table + "_moved");
            f.writeFile(1, 3, "x");
            awaitState(id, "Failed");
            assertThat(pipe(id).lastError()).contains(f.table);
            assertThat(pipe(id).pendingBatch()).containsExactly(f.key(1));

            f.sql().query("RENAME TABLE " + f.table + "_moved TO " + f.table);
            assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"))
                            .status())
                    .isEqualTo(200);
            awaitCheckpoint(id, f.key(1));
            assertThat(f.filesNotExactlyOnce(2, 3)).isEmpty();
            assertThat(state(id)).isEqualTo("Running");
        }
    }

    @Test
    void startAfterSkipsKeysUpToAndIncludingIt() {
        try (Fixture f = Fixture.create("startafter")) {
            f.writeFiles(0, 6, 3, "x");
            Map<String, Object> request = f.pipeRequest(10, 200);
            @SuppressWarnings("unchecked")
            Map<String, Object> os = new java.util.HashMap<>(
                    (Map<String, Object>) ((Map<String, Object>) request.get("source")).get("objectStorage"));
            os.put("startAfter", f.key(2));
            request.put("source", Map.of("objectStorage", os));
            String id = createPipe(request);
            awaitCheckpoint(id, f.key(5));

            assertThat(f.sql()
                            .query("SELECT DISTINCT file_id FROM " + f.table + " ORDER BY file_id FORMAT CSV")
                            .lines()
                            .toList())
                    .containsExactly("3", "4", "5");
        }
    }

    @Test
    void aFileThatDoesNotFitTheSchemaGoesToTheErrorTableAndTheOthersLandOnce() {
        try (Fixture f = Fixture.create("errors")) {
            f.writeFile(0, 3, "x");
            f.writeRaw(f.key(1), "{\"run_id\":\"r\",\"file_id\":\"not a number\",\"row_id\":0}\n");
            f.writeFile(2, 3, "x");
            String id = createPipe(f.pipeRequest(10, 200));
            awaitCheckpoint(id, f.key(2));

            assertThat(f.sql()
                            .query("SELECT DISTINCT file_id FROM " + f.table + " ORDER BY file_id FORMAT CSV")
                            .lines()
                            .toList())
                    .containsExactly("0", "2");
            assertThat(f.filesNotExactlyOnce(1, 3)).isEmpty();
            String error = f.sql()
                    .queryValue(
                            "SELECT source, pipe_id, error FROM " + f.table + "_clickpipes_error FORMAT TabSeparated");
            assertThat(error).startsWith(f.key(1) + "\t" + id + "\t").contains("not a number");
            assertThat(pipe(id).state()).isEqualTo("Running");
        }
    }

    @Test
    void everyPartitionOfAPartitionedTableIsMovedInOnce() {
        try (Fixture f = Fixture.withoutTable("partitioned")) {
            f.sql()
                    .query("CREATE TABLE " + f.table + " (run_id String, file_id UInt32, row_id UInt32,"
                            + " phase LowCardinality(String), event_time DateTime64(3), payload String,"
                            + " source_file String) ENGINE = MergeTree PARTITION BY file_id % 3"
                            + " ORDER BY (file_id, row_id)");
            f.writeFiles(0, 9, 3, "x");
            String id = createPipe(f.pipeRequest(9, 200));
            awaitCheckpoint(id, f.key(8));

            assertThat(f.rows()).isEqualTo(27);
            assertThat(f.filesNotExactlyOnce(9, 3)).isEmpty();
            assertThat(f.sql()
                            .queryValue("SELECT uniqExact(partition_id) FROM system.parts WHERE table = '" + f.table
                                    + "' AND active")
                            .trim())
                    .isEqualTo("3");
            assertThat(pipe(id).batchesCommitted())
                    .as("one batch, three partitions")
                    .isEqualTo(1);
        }
    }
}
