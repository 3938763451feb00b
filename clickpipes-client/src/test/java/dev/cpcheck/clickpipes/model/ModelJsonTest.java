package dev.cpcheck.clickpipes.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesJson;
import dev.cpcheck.clickpipes.TestSecrets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelJsonTest {

    private final ObjectMapper json = ClickPipesJson.mapper();

    static Stream<Arguments> everyRecord() {
        return Stream.of(
                Arguments.of(ModelFixtures.fullPipe()),
                Arguments.of(ModelFixtures.fullPipe().toBuilder()
                        .rawState("Hibernating")
                        .build()),
                Arguments.of(ModelFixtures.fullCreateRequest()),
                Arguments.of(ModelFixtures.fullUpdateRequest()),
                Arguments.of(ModelFixtures.fullSource()),
                Arguments.of(ModelFixtures.fullObjectStorage()),
                Arguments.of(ModelFixtures.fullCreateObjectStorage()),
                Arguments.of(ModelFixtures.fullUpdateObjectStorage()),
                Arguments.of(new ClickPipeCreateSource(ModelFixtures.fullCreateObjectStorage(), true)),
                Arguments.of(new ClickPipeUpdateSource(ModelFixtures.fullUpdateObjectStorage(), true)),
                Arguments.of(ModelFixtures.fullDestination()),
                Arguments.of(new ClickPipeUpdateDestination(ModelFixtures.columns())),
                Arguments.of(ModelFixtures.fullTableDefinition()),
                Arguments.of(ModelFixtures.fullEngine()),
                Arguments.of(new ClickPipeDestinationColumn("file_id", "UInt32")),
                Arguments.of(new ClickPipeFieldMapping("_file", "source_file")),
                Arguments.of(ModelFixtures.fullScaling()),
                Arguments.of(new ClickPipeScalingRequest(2, 3, 250, 0.5)),
                Arguments.of(ModelFixtures.fullSettings()),
                Arguments.of(ModelFixtures.accessKey()),
                Arguments.of(new ClickPipeStateRequest(ClickPipeCommand.STOP)),
                Arguments.of(new ServiceStateRequest(ServiceCommand.START)),
                Arguments.of(ModelFixtures.fullService()),
                Arguments.of(Service.of("s1", "svc", ServiceState.IDLE)),
                Arguments.of(new ServiceEndpoint("https", "h.example", 8443, null)),
                Arguments.of(ApiError.of(400, "BAD_REQUEST", "ClickPipe is already running", "req-1")));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyRecord")
    void everyRecordSurvivesAJsonRoundTrip(Object value) throws Exception {
        String text = json.writeValueAsString(value);
        Object back = json.readValue(text, value.getClass());
        assertThat(back).isEqualTo(value);
        assertThat(json.writeValueAsString(back)).isEqualTo(text);
    }

    @Test
    void genericEnvelopeRoundTrips() throws Exception {
        ApiResponse<ClickPipe> envelope = ApiResponse.ok("req-1", ModelFixtures.fullPipe());
        String text = json.writeValueAsString(envelope);
        ApiResponse<ClickPipe> back =
                json.readValue(text, json.getTypeFactory().constructParametricType(ApiResponse.class, ClickPipe.class));
        assertThat(back).isEqualTo(envelope);
        assertThat(json.readTree(text).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void secretsAreSerializedForTheServer() throws Exception {
        JsonNode body = json.valueToTree(ModelFixtures.fullCreateRequest());
        JsonNode os = body.at("/source/objectStorage");
        assertThat(os.at("/accessKey/secretKey").asText()).isEqualTo(TestSecrets.S3_SECRET_KEY);
        assertThat(os.at("/accessKey/accessKeyId").asText()).isEqualTo(TestSecrets.S3_ACCESS_KEY_ID);
        assertThat(os.get("connectionString").asText()).isEqualTo(TestSecrets.CONNECTION_STRING);
        assertThat(os.get("serviceAccountKey").asText()).isEqualTo(TestSecrets.SERVICE_ACCOUNT_KEY);
    }

    @Test
    void toStringNeverShowsSecrets() {
        List<Object> withSecrets = List.of(
                ModelFixtures.accessKey(),
                ModelFixtures.fullCreateObjectStorage(),
                ModelFixtures.fullUpdateObjectStorage(),
                ModelFixtures.fullCreateRequest(),
                ModelFixtures.fullUpdateRequest(),
                new ClickPipeCreateSource(ModelFixtures.fullCreateObjectStorage(), null));
        for (Object o : withSecrets) {
            String text = o.toString();
            assertThat(text).contains("****");
            for (String secret : TestSecrets.ALL) {
                assertThat(text).doesNotContain(secret);
            }
        }
        assertThat(ModelFixtures.accessKey().toString())
                .contains(TestSecrets.S3_ACCESS_KEY_ID)
                .contains("secretKey=****");
        assertThat(new ClickPipeAccessKey("id", null).toString()).contains("secretKey=null");
    }

    @Test
    void responseRecordsCannotCarrySecrets() throws Exception {
        ClickPipe fromCreate = ClickPipe.builder()
                .source(ClickPipeSource.objectStorage(
                        ModelFixtures.fullCreateObjectStorage().withoutSecrets()))
                .build();
        String text = json.writeValueAsString(fromCreate);
        for (String secret : TestSecrets.ALL) {
            assertThat(text).doesNotContain(secret);
        }
        // even when a server sends them, they are not read into the response record
        String withSecrets = "{\"type\":\"azureblobstorage\",\"connectionString\":\""
                + TestSecrets.CONNECTION_STRING
                + "\",\"accessKey\":{\"accessKeyId\":\"a\",\"secretKey\":\""
                + TestSecrets.S3_SECRET_KEY
                + "\"}}";
        ClickPipeObjectStorageSource parsed = json.readValue(withSecrets, ClickPipeObjectStorageSource.class);
        assertThat(json.writeValueAsString(parsed) + parsed)
                .doesNotContain(TestSecrets.CONNECTION_STRING)
                .doesNotContain(TestSecrets.S3_SECRET_KEY);
    }

    @Test
    void realisticResponseParsesLeniently() throws Exception {
        String response = """
        {
          "id": "9b6f2f4e-3c1a-4f7e-8d2b-5a6c7e8f9a01",
          "serviceId": "3e1d7c55-8a2b-4f6e-9c0d-1b2a3c4d5e6f",
          "name": "cpcheck-run-42",
          "description": "",
          "state": "Running",
          "scaling": {"replicas": "1", "concurrency": 0,
                      "replicaCpuMillicores": "250m", "replicaMemoryGb": "1Gi"},
          "source": {"objectStorage": {
              "type": "s3", "format": "JSONEachRow",
              "url": "https://cpcheck-fixtures.s3.eu-west-1.amazonaws.com/run-42/**.ndjson",
              "delimiter": null, "compression": "auto", "isContinuous": true,
              "authentication": "IAM_USER", "accessKey": {"accessKeyId": "AKIAEXAMPLE"},
              "someFutureField": {"nested": [1, 2, 3]}}},
          "destination": {"database": "default", "table": "events", "managedTable": true,
              "tableDefinition": {"engine": {"type": "MergeTree()"},
                                  "sortingKey": ["file_id", "row_id"], "partitionBy": ""},
              "columns": [{"name": "file_id", "type": "UInt32"}]},
          "fieldMappings": [{"sourceField": "_file", "destinationField": "source_file"}],
          "settings": {"object_storage_polling_interval_ms": 30000, "some_new_setting": "x"},
          "createdAt": "2025-06-01T10:15:30.123Z",
          "updatedAt": "2025-06-01 10:16:02",
          "reversePrivateEndpointIds": []
        }
        """;
        ClickPipe pipe = json.readValue(response, ClickPipe.class);

        assertThat(pipe.state()).isEqualTo(ClickPipeState.RUNNING);
        assertThat(pipe.rawState()).isEqualTo("Running");
        assertThat(pipe.scaling()).isEqualTo(new ClickPipeScaling(1, 0, 250, 1.0));
        assertThat(pipe.objectStorage().type()).isEqualTo(ObjectStorageType.S3);
        assertThat(pipe.objectStorage().format()).isEqualTo(ObjectStorageFormat.JSON_EACH_ROW);
        assertThat(pipe.objectStorage().compression()).isEqualTo(ObjectStorageCompression.AUTO);
        assertThat(pipe.objectStorage().isContinuous()).isTrue();
        assertThat(pipe.objectStorage().delimiter()).isNull();
        assertThat(pipe.destination().tableDefinition().engine().type()).isEqualTo("MergeTree");
        assertThat(pipe.destination().tableDefinition().sortingKey()).containsExactly("file_id", "row_id");
        assertThat(pipe.settings().objectStoragePollingIntervalMs()).contains(30000L);
        assertThat(pipe.settings().get("some_new_setting")).contains("x");
        assertThat(pipe.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:15:30.123Z"));
        assertThat(pipe.updatedAt()).isEqualTo(Instant.parse("2025-06-01T10:16:02Z"));
        assertThat(pipe.fieldMappings()).containsExactly(new ClickPipeFieldMapping("_file", "source_file"));
    }

    @Test
    void unknownStateKeepsItsRawValue() throws Exception {
        ClickPipe pipe = json.readValue("{\"id\":\"p\",\"state\":\"Hibernating\"}", ClickPipe.class);
        assertThat(pipe.state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(pipe.rawState()).isEqualTo("Hibernating");
        assertThat(json.writeValueAsString(pipe)).contains("\"state\":\"Hibernating\"");

        ClickPipe specUnknown = json.readValue("{\"state\":\"Unknown\"}", ClickPipe.class);
        assertThat(specUnknown.state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(specUnknown.rawState()).isEqualTo("Unknown");
    }

    @Test
    void stateEnumUsesTheSpecStrings() throws Exception {
        assertThat(json.writeValueAsString(ClickPipeState.INTERNAL_ERROR)).isEqualTo("\"InternalError\"");
        assertThat(json.writeValueAsString(ClickPipeState.RUNNING)).isEqualTo("\"Running\"");
        assertThat(ClickPipeState.fromValue("running")).isEqualTo(ClickPipeState.RUNNING);
        assertThat(ClickPipeState.fromValue("Bogus")).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(ClickPipeState.fromValue(null)).isNull();
        assertThat(ClickPipeState.FAILED.isFailure()).isTrue();
        assertThat(ClickPipeState.INTERNAL_ERROR.isFailure()).isTrue();
        assertThat(ClickPipeState.STOPPED.isFailure()).isFalse();
    }

    @Test
    void unknownEnumValuesDoNotFailParsing() throws Exception {
        ClickPipeObjectStorageSource s = json.readValue(
                "{\"type\":\"minio\",\"format\":\"ORC\",\"compression\":\"lz4\",\"authentication\":\"OIDC\"}",
                ClickPipeObjectStorageSource.class);
        assertThat(s.type()).isEqualTo(ObjectStorageType.UNKNOWN);
        assertThat(s.format()).isEqualTo(ObjectStorageFormat.UNKNOWN);
        assertThat(s.compression()).isEqualTo(ObjectStorageCompression.UNKNOWN);
        assertThat(s.authentication()).isEqualTo(ObjectStorageAuthentication.UNKNOWN);
        // the server's strings are kept, and written back unchanged
        assertThat(s.rawType()).isEqualTo("minio");
        assertThat(s.rawFormat()).isEqualTo("ORC");
        assertThat(s.rawCompression()).isEqualTo("lz4");
        assertThat(s.rawAuthentication()).isEqualTo("OIDC");
        JsonNode written = json.valueToTree(s);
        assertThat(written.get("type").asText()).isEqualTo("minio");
        assertThat(written.get("format").asText()).isEqualTo("ORC");
        assertThat(written.get("compression").asText()).isEqualTo("lz4");
        assertThat(written.get("authentication").asText()).isEqualTo("OIDC");
        assertThat(json.writeValueAsString(s)).doesNotContain("unknown");
        assertThat(json.readValue(json.writeValueAsString(s), ClickPipeObjectStorageSource.class))
                .isEqualTo(s);
        Service service = json.readValue("{\"state\":\"hibernating\"}", Service.class);
        assertThat(service.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(service.rawState()).isEqualTo("hibernating");
    }

    @Test
    void unknownObjectStorageValuesSurviveAPipeRoundTripAndACopy() throws Exception {
        String response = """
        {"id": "p1", "state": "Running",
         "source": {"objectStorage": {"type": "minio", "format": "ORC",
             "url": "https://minio.example/bucket/*.orc", "compression": "lz4",
             "authentication": "OIDC", "isContinuous": false}}}
        """;
        ClickPipe pipe = json.readValue(response, ClickPipe.class);
        ClickPipe back = json.readValue(json.writeValueAsString(pipe), ClickPipe.class);
        assertThat(back).isEqualTo(pipe);
        ClickPipeObjectStorageSource os = back.objectStorage();
        assertThat(os.type()).isEqualTo(ObjectStorageType.UNKNOWN);
        assertThat(os.rawType()).isEqualTo("minio");
        assertThat(os.format()).isEqualTo(ObjectStorageFormat.UNKNOWN);
        assertThat(os.rawFormat()).isEqualTo("ORC");
        assertThat(json.readTree(json.writeValueAsString(back)).at("/source/objectStorage"))
                .isEqualTo(json.readTree(response).at("/source/objectStorage"));
        // a copy keeps the raw strings it does not change
        ClickPipeObjectStorageSource copy = os.toBuilder().startAfter("k").build();
        assertThat(copy.rawType()).isEqualTo("minio");
        assertThat(copy.rawFormat()).isEqualTo("ORC");
        assertThat(copy.rawCompression()).isEqualTo("lz4");
        assertThat(copy.rawAuthentication()).isEqualTo("OIDC");
    }

    @Test
    void objectStorageBuilderAcceptsEnumsAndRawValues() throws Exception {
        ClickPipeObjectStorageSource typed = ClickPipeObjectStorageSource.builder()
                .type(ObjectStorageType.GCS)
                .format(ObjectStorageFormat.PARQUET)
                .compression(ObjectStorageCompression.ZSTD)
                .authentication(ObjectStorageAuthentication.SERVICE_ACCOUNT)
                .build();
        assertThat(typed.rawType()).isEqualTo("gcs");
        assertThat(typed.rawFormat()).isEqualTo("Parquet");
        assertThat(typed.rawCompression()).isEqualTo("zstd");
        assertThat(typed.rawAuthentication()).isEqualTo("SERVICE_ACCOUNT");
        assertThat(typed.type()).isEqualTo(ObjectStorageType.GCS);
        assertThat(json.writeValueAsString(typed))
                .isEqualTo("{\"type\":\"gcs\",\"format\":\"Parquet\",\"compression\":\"zstd\","
                        + "\"authentication\":\"SERVICE_ACCOUNT\"}");
        // null enums clear the field, as before
        ClickPipeObjectStorageSource cleared =
                typed.toBuilder().compression(null).authentication(null).build();
        assertThat(cleared.compression()).isNull();
        assertThat(cleared.rawCompression()).isNull();
        assertThat(cleared.authentication()).isNull();
        assertThat(json.writeValueAsString(cleared)).doesNotContain("compression", "authentication");
        // raw values: known ones parse leniently, unknown ones stay as given
        ClickPipeObjectStorageSource raw = ClickPipeObjectStorageSource.builder()
                .rawType("S3")
                .rawFormat("avro")
                .build();
        assertThat(raw.type()).isEqualTo(ObjectStorageType.S3);
        assertThat(raw.format()).isEqualTo(ObjectStorageFormat.AVRO);
        assertThat(raw.rawType()).isEqualTo("S3");
        assertThat(ModelFixtures.fullCreateObjectStorage().withoutSecrets().format())
                .isEqualTo(ObjectStorageFormat.JSON_EACH_ROW);
    }

    @Test
    void stateIsDerivedFromTheRawState() {
        ClickPipe pipe = ClickPipe.builder().state(ClickPipeState.STOPPED).build();
        assertThat(pipe.rawState()).isEqualTo("Stopped");
        assertThat(pipe.withState(ClickPipeState.RUNNING).rawState()).isEqualTo("Running");
        assertThat(ModelFixtures.fullService().withState(ServiceState.IDLE).rawState())
                .isEqualTo("idle");
        assertThat(ModelFixtures.fullService().withState(ServiceState.IDLE).state())
                .isEqualTo(ServiceState.IDLE);
        assertThat(ClickPipe.builder().build().state()).isNull();
    }

    @Test
    void scalingQuantitiesParseLikeKubernetes() throws Exception {
        assertThat(json.readValue(
                        "{\"replicaCpuMillicores\":\"0.5\",\"replicaMemoryGb\":\"512Mi\"}", ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, 500, 0.5));
        assertThat(json.readValue("{\"replicaCpuMillicores\":1000,\"replicaMemoryGb\":4}", ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, 1000, 4.0));
        assertThat(json.readValue(
                        "{\"replicaCpuMillicores\":\"2\",\"replicaMemoryGb\":\"2G\"}", ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, 2000, 2.0));
        assertThat(json.readValue(
                        "{\"replicaCpuMillicores\":\"lots\",\"replicaMemoryGb\":\"big\"}", ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, null, null));
        assertThat(json.writeValueAsString(json.readValue(
                        "{\"replicaCpuMillicores\":\"250m\",\"replicaMemoryGb\":\"1Gi\"}", ClickPipeScaling.class)))
                .isEqualTo("{\"replicaCpuMillicores\":250,\"replicaMemoryGb\":1.0}");
    }

    @Test
    void engineTypeDropsParentheses() throws Exception {
        assertThat(json.readValue("{\"type\":\"ReplacingMergeTree(version)\"}", ClickPipeDestinationTableEngine.class)
                        .type())
                .isEqualTo("ReplacingMergeTree");
        assertThat(ClickPipeDestinationTableEngine.mergeTree().type()).isEqualTo("MergeTree");
        assertThat(new ClickPipeDestinationTableEngine(" Null() ", null, null).type())
                .isEqualTo("Null");
    }

    @Test
    void settingsNormaliseNumbersSoEqualSettingsStayEqual() throws Exception {
        ClickPipeSettings fromInts = ClickPipeSettings.of(Map.of("a", 1, "b", 2.5f));
        ClickPipeSettings fromLongs = ClickPipeSettings.of(Map.of("a", 1L, "b", 2.5d));
        assertThat(fromInts).isEqualTo(fromLongs);
        assertThat(json.readValue(json.writeValueAsString(fromInts), ClickPipeSettings.class))
                .isEqualTo(fromLongs);
        assertThat(json.writeValueAsString(
                        ClickPipeSettings.empty().with(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, 1000)))
                .isEqualTo("{\"object_storage_polling_interval_ms\":1000}");
        assertThat(fromInts.with("a", null).values()).containsOnlyKeys("b");
    }

    @Test
    void typedSettingsWriteTheFlatSpecMapAndReadItBack() throws Exception {
        ClickPipeSettings typed = ClickPipeSettings.empty()
                .withStreamingMaxInsertWaitMs(5000L)
                .withObjectStorageConcurrency(1L)
                .withObjectStoragePollingIntervalMs(1000L)
                .withObjectStorageMaxInsertBytes(10737418240L)
                .withObjectStorageMaxFileCount(100L)
                .withClickhouseMaxThreads(8L)
                .withClickhouseMaxInsertThreads(1L)
                .withClickhouseMinInsertBlockSizeBytes(1073741824L)
                .withClickhouseMaxDownloadThreads(4L)
                .withClickhouseParallelDistributedInsertSelect(2L)
                .withObjectStorageUseClusterFunction(true)
                .withClickhouseParallelViewProcessing(false);
        // the same flat map, in the same order, as the fixture built from constants
        assertThat(typed).isEqualTo(ModelFixtures.fullSettings());
        assertThat(json.writeValueAsString(typed))
                .isEqualTo(json.writeValueAsString(ModelFixtures.fullSettings()))
                .startsWith("{\"streaming_max_insert_wait_ms\":5000,")
                .endsWith("\"object_storage_use_cluster_function\":true,"
                        + "\"clickhouse_parallel_view_processing\":false}");

        ClickPipeSettings back = json.readValue(json.writeValueAsString(typed), ClickPipeSettings.class);
        assertThat(back).isEqualTo(typed);
        assertThat(back.streamingMaxInsertWaitMs()).contains(5000L);
        assertThat(back.objectStorageConcurrency()).contains(1L);
        assertThat(back.objectStoragePollingIntervalMs()).contains(1000L);
        assertThat(back.objectStorageMaxInsertBytes()).contains(10737418240L);
        assertThat(back.objectStorageMaxFileCount()).contains(100L);
        assertThat(back.clickhouseMaxThreads()).contains(8L);
        assertThat(back.clickhouseMaxInsertThreads()).contains(1L);
        assertThat(back.clickhouseMinInsertBlockSizeBytes()).contains(1073741824L);
        assertThat(back.clickhouseMaxDownloadThreads()).contains(4L);
        assertThat(back.clickhouseParallelDistributedInsertSelect()).contains(2L);
        assertThat(back.objectStorageUseClusterFunction()).contains(Boolean.TRUE);
        assertThat(back.clickhouseParallelViewProcessing()).contains(Boolean.FALSE);
        // held with the spec's types, whatever the JSON number size
        assertThat(back.values().get(ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY))
                .isInstanceOf(Long.class);
        assertThat(back.values().get(ClickPipeSettings.CLICKHOUSE_PARALLEL_VIEW_PROCESSING))
                .isInstanceOf(Boolean.class);
    }

    @Test
    void typedSettingsAreEmptyWhenAbsentOrOfAnotherTypeAndNullRemoves() throws Exception {
        ClickPipeSettings s = json.readValue(
                "{\"object_storage_concurrency\":\"4\",\"clickhouse_max_threads\":\"many\","
                        + "\"object_storage_use_cluster_function\":\"TRUE\","
                        + "\"clickhouse_parallel_view_processing\":1,"
                        + "\"some_new_setting\":\"x\"}",
                ClickPipeSettings.class);
        assertThat(s.objectStorageConcurrency()).contains(4L);
        assertThat(s.clickhouseMaxThreads()).isEmpty();
        assertThat(s.objectStorageUseClusterFunction()).contains(Boolean.TRUE);
        assertThat(s.clickhouseParallelViewProcessing()).isEmpty();
        assertThat(s.streamingMaxInsertWaitMs()).isEmpty();
        assertThat(ClickPipeSettings.empty().objectStorageUseClusterFunction()).isEmpty();

        ClickPipeSettings changed = s.withObjectStorageConcurrency(null)
                .withObjectStorageUseClusterFunction(null)
                .withClickhouseParallelViewProcessing(true)
                .withObjectStorageMaxFileCount(10L);
        assertThat(changed.values())
                .containsOnlyKeys(
                        ClickPipeSettings.CLICKHOUSE_MAX_THREADS,
                        ClickPipeSettings.CLICKHOUSE_PARALLEL_VIEW_PROCESSING,
                        ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT,
                        "some_new_setting");
        assertThat(json.readTree(json.writeValueAsString(changed)))
                .isEqualTo(json.readTree("{\"clickhouse_max_threads\":\"many\","
                        + "\"clickhouse_parallel_view_processing\":true,"
                        + "\"some_new_setting\":\"x\","
                        + "\"object_storage_max_file_count\":10}"));
        // the original is unchanged
        assertThat(s.objectStorageConcurrency()).contains(4L);
    }

    @Test
    void nullFieldsAreNotWritten() throws Exception {
        String text = json.writeValueAsString(ClickPipeUpdateRequest.builder()
                .source(ClickPipeUpdateObjectStorageSource.builder()
                        .startAfter("k")
                        .build())
                .build());
        assertThat(text).isEqualTo("{\"source\":{\"objectStorage\":{\"startAfter\":\"k\"}}}");
    }

    @Test
    void otherSourceKindsAreKeptRawAndShownByNameOnly() throws Exception {
        ClickPipe kafka = json.readValue("""
        {"id":"k1","name":"orders","state":"Running",
         "source":{"kafka":{"type":"confluent","brokers":"b:9092","topics":"orders",
                            "authentication":"PLAIN"}},
         "destination":{"database":"default","table":"orders","managedTable":false}}
        """, ClickPipe.class);
        assertThat(kafka.source().kinds()).containsExactly("kafka");
        assertThat(kafka.source().hasObjectStorage()).isFalse();
        assertThat(kafka.objectStorage()).isNull();
        assertThat(kafka.source().kafka().get("topics").asText()).isEqualTo("orders");
        assertThat(kafka.source().toString()).contains("otherKinds=[kafka]").doesNotContain("b:9092");
    }

    @Test
    void apiErrorSplitsCodeAndMessage() {
        ApiError e = new ApiError(424, "FAILED_DEPENDENCY: Service is not running. Current state: idle", "r");
        assertThat(e.code()).isEqualTo("FAILED_DEPENDENCY");
        assertThat(e.message()).isEqualTo("Service is not running. Current state: idle");
        ApiError plain = new ApiError(500, "something broke: badly", null);
        assertThat(plain.code()).isNull();
        assertThat(plain.message()).isEqualTo("something broke: badly");
    }
}
