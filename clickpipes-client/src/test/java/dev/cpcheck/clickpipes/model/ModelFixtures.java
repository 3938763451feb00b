package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcheck.clickpipes.ClickPipesJson;
import dev.cpcheck.clickpipes.TestSecrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fully populated instances of every model record: every field set, so every name is tested. */
public final class ModelFixtures {

    public static final String PIPE_ID = "9b6f2f4e-3c1a-4f7e-8d2b-5a6c7e8f9a01";
    public static final String SERVICE_ID = "3e1d7c55-8a2b-4f6e-9c0d-1b2a3c4d5e6f";

    private ModelFixtures() {}

    public static List<ClickPipeDestinationColumn> columns() {
        return List.of(
                new ClickPipeDestinationColumn("run_id", "String"),
                new ClickPipeDestinationColumn("file_id", "UInt32"),
                new ClickPipeDestinationColumn("row_id", "UInt32"),
                new ClickPipeDestinationColumn("source_file", "String"));
    }

    public static List<ClickPipeFieldMapping> fieldMappings() {
        return List.of(
                new ClickPipeFieldMapping("run_id", "run_id"),
                new ClickPipeFieldMapping("file_id", "file_id"),
                new ClickPipeFieldMapping("row_id", "row_id"),
                new ClickPipeFieldMapping("_file", "source_file"));
    }

    public static ClickPipeDestinationTableEngine fullEngine() {
        return new ClickPipeDestinationTableEngine("SummingMergeTree", "version", List.of("row_count", "bytes"));
    }

    public static ClickPipeDestinationTableDefinition fullTableDefinition() {
        return new ClickPipeDestinationTableDefinition(
                fullEngine(), List.of("file_id", "row_id"), "toYYYYMM(event_time)", "file_id");
    }

    public static ClickPipeDestination fullDestination() {
        return ClickPipeDestination.builder()
                .database("default")
                .table("events")
                .managedTable(true)
                .tableDefinition(fullTableDefinition())
                .columns(columns())
                .roles(List.of("cpcheck_writer"))
                .build();
    }

    public static ClickPipeScaling fullScaling() {
        return new ClickPipeScaling(2, 1, 500, 2.0);
    }

    public static ClickPipeSettings fullSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ClickPipeSettings.STREAMING_MAX_INSERT_WAIT_MS, 5000);
        m.put(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY, 1);
        m.put(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, 1000);
        m.put(ClickPipeSettings.OBJECT_STORAGE_MAX_INSERT_BYTES, 10737418240L);
        m.put(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT, 100);
        m.put(ClickPipeSettings.CLICKHOUSE_MAX_THREADS, 8);
        m.put(ClickPipeSettings.CLICKHOUSE_MAX_INSERT_THREADS, 1);
        m.put(ClickPipeSettings.CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES, 1073741824L);
        m.put(ClickPipeSettings.CLICKHOUSE_MAX_DOWNLOAD_THREADS, 4);
        m.put(ClickPipeSettings.CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT, 2);
        m.put(ClickPipeSettings.OBJECT_STORAGE_USE_CLUSTER_FUNCTION, true);
        m.put(ClickPipeSettings.CLICKHOUSE_PARALLEL_VIEW_PROCESSING, false);
        return ClickPipeSettings.of(m);
    }

    public static ClickPipeAccessKey accessKey() {
        return new ClickPipeAccessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY);
    }

    public static ClickPipeCreateObjectStorageSource fullCreateObjectStorage() {
        return ClickPipeCreateObjectStorageSource.builder()
                .type(ObjectStorageType.S3)
                .format(ObjectStorageFormat.JSON_EACH_ROW)
                .url("https://cpcheck-fixtures.s3.eu-west-1.amazonaws.com/run-42/**.ndjson")
                .delimiter(",")
                .compression(ObjectStorageCompression.AUTO)
                .isContinuous(true)
                .queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/cpcheck")
                .skipInitialLoad(false)
                .startAfter("run-42/batch-000.ndjson")
                .authentication(ObjectStorageAuthentication.IAM_USER)
                .iamRole("arn:aws:iam::123456789012:role/cpcheck")
                .connectionString(TestSecrets.CONNECTION_STRING)
                .path("data/*.json")
                .azureContainerName("container")
                .accessKey(accessKey())
                .serviceAccountKey(TestSecrets.SERVICE_ACCOUNT_KEY)
                .build();
    }

    public static ClickPipeObjectStorageSource fullObjectStorage() {
        return fullCreateObjectStorage().withoutSecrets();
    }

    public static ClickPipeUpdateObjectStorageSource fullUpdateObjectStorage() {
        return ClickPipeUpdateObjectStorageSource.builder()
                .skipInitialLoad(true)
                .startAfter("run-42/batch-003.ndjson")
                .authentication(ObjectStorageAuthentication.IAM_USER)
                .iamRole("arn:aws:iam::123456789012:role/cpcheck")
                .connectionString(TestSecrets.CONNECTION_STRING)
                .path("data/*.json")
                .azureContainerName("container")
                .accessKey(accessKey())
                .serviceAccountKey(TestSecrets.SERVICE_ACCOUNT_KEY)
                .build();
    }

    public static ClickPipeCreateRequest fullCreateRequest() {
        return ClickPipeCreateRequest.builder()
                .name("cpcheck-run-42")
                .source(new ClickPipeCreateSource(fullCreateObjectStorage(), true))
                .destination(fullDestination())
                .fieldMappings(fieldMappings())
                .scaling(fullScaling())
                .settings(fullSettings())
                .build();
    }

    public static ClickPipeUpdateRequest fullUpdateRequest() {
        return ClickPipeUpdateRequest.builder()
                .name("cpcheck-run-42-renamed")
                .source(new ClickPipeUpdateSource(fullUpdateObjectStorage(), false))
                .destination(new ClickPipeUpdateDestination(columns()))
                .fieldMappings(fieldMappings())
                .settings(fullSettings())
                .build();
    }

    /** A source with every kind set: object storage typed, the others raw JSON. */
    public static ClickPipeSource fullSource() {
        JsonNode raw = ClickPipesJson.mapper().createObjectNode().put("format", "JSONEachRow");
        return new ClickPipeSource(fullObjectStorage(), raw, raw, raw, raw, raw, raw, raw);
    }

    public static ClickPipe fullPipe() {
        return ClickPipe.builder()
                .id(PIPE_ID)
                .serviceId(SERVICE_ID)
                .name("cpcheck-run-42")
                .state(ClickPipeState.RUNNING)
                .scaling(fullScaling())
                .source(ClickPipeSource.objectStorage(fullObjectStorage()))
                .destination(fullDestination().toBuilder().roles(null).build())
                .fieldMappings(fieldMappings())
                .settings(fullSettings())
                .createdAt(Instant.parse("2025-06-01T10:15:30.123Z"))
                .updatedAt(Instant.parse("2025-06-01T10:16:02Z"))
                .build();
    }

    public static Service fullService() {
        return new Service(
                SERVICE_ID,
                "cpcheck-dev",
                "aws",
                "eu-west-1",
                "running",
                "25.6.2.1",
                List.of(new ServiceEndpoint("https", "abc123.eu-west-1.aws.clickhouse.cloud", 8443, "default")),
                "production",
                true,
                15,
                3,
                8.0,
                16.0,
                "3e1d7c55-0000-4f6e-9c0d-1b2a3c4d5e6f",
                true,
                false,
                "default",
                Instant.parse("2025-01-20T08:00:00Z"));
    }
}
