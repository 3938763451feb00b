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
                Arguments.of(ModelFixtures.fullPipe().toBuilder().rawState("Hibernating").build()),
                Arguments.of(ModelFixtures.fullCreateRequest()),
                Arguments.of(ModelFixtures.fullUpdateRequest()),
                Arguments.of(ModelFixtures.fullSource()),
                Arguments.of(ModelFixtures.fullObjectStorage()),
                Arguments.of(ModelFixtures.fullCreateObjectStorage()),
                Arguments.of(ModelFixtures.fullUpdateObjectStorage()),
                Arguments.of(
                        new ClickPipeCreateSource(ModelFixtures.fullCreateObjectStorage(), true)),
                Arguments.of(
                        new ClickPipeUpdateSource(ModelFixtures.fullUpdateObjectStorage(), true)),
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
                Arguments.of(
                        ApiError.of(400, "BAD_REQUEST", "ClickPipe is already running", "req-1")));
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
                json.readValue(
                        text,
                        json.getTypeFactory()
                                .constructParametricType(ApiResponse.class, ClickPipe.class));
        assertThat(back).isEqualTo(envelope);
        assertThat(json.readTree(text).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void secretsAreSerializedForTheServer() throws Exception {
        JsonNode body = json.valueToTree(ModelFixtures.fullCreateRequest());
        JsonNode os = body.at("/source/objectStorage");
        assertThat(os.at("/accessKey/secretKey").asText()).isEqualTo(TestSecrets.S3_SECRET_KEY);
        assertThat(os.at("/accessKey/accessKeyId").asText())
                .isEqualTo(TestSecrets.S3_ACCESS_KEY_ID);
        assertThat(os.get("connectionString").asText()).isEqualTo(TestSecrets.CONNECTION_STRING);
        assertThat(os.get("serviceAccountKey").asText()).isEqualTo(TestSecrets.SERVICE_ACCOUNT_KEY);
    }

    @Test
    void toStringNeverShowsSecrets() {
        List<Object> withSecrets =
                List.of(
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
        ClickPipe fromCreate =
                ClickPipe.builder()
                        .source(
                                ClickPipeSource.objectStorage(
                                        ModelFixtures.fullCreateObjectStorage().withoutSecrets()))
                        .build();
        String text = json.writeValueAsString(fromCreate);
        for (String secret : TestSecrets.ALL) {
            assertThat(text).doesNotContain(secret);
        }
        // even when a server sends them, they are not read into the response record
        String withSecrets =
                "{\"type\":\"azureblobstorage\",\"connectionString\":\""
                        + TestSecrets.CONNECTION_STRING
                        + "\",\"accessKey\":{\"accessKeyId\":\"a\",\"secretKey\":\""
                        + TestSecrets.S3_SECRET_KEY
                        + "\"}}";
        ClickPipeObjectStorageSource parsed =
                json.readValue(withSecrets, ClickPipeObjectStorageSource.class);
        assertThat(json.writeValueAsString(parsed) + parsed)
                .doesNotContain(TestSecrets.CONNECTION_STRING)
                .doesNotContain(TestSecrets.S3_SECRET_KEY);
    }

    @Test
    void realisticResponseParsesLeniently() throws Exception {
        String response =
                """
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
        assertThat(pipe.destination().tableDefinition().sortingKey())
                .containsExactly("file_id", "row_id");
        assertThat(pipe.settings().objectStoragePollingIntervalMs()).contains(30000L);
        assertThat(pipe.settings().get("some_new_setting")).contains("x");
        assertThat(pipe.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:15:30.123Z"));
        assertThat(pipe.updatedAt()).isEqualTo(Instant.parse("2025-06-01T10:16:02Z"));
        assertThat(pipe.fieldMappings())
                .containsExactly(new ClickPipeFieldMapping("_file", "source_file"));
    }

    @Test
    void unknownStateKeepsItsRawValue() throws Exception {
        ClickPipe pipe =
                json.readValue("{\"id\":\"p\",\"state\":\"Hibernating\"}", ClickPipe.class);
        assertThat(pipe.state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(pipe.rawState()).isEqualTo("Hibernating");
        assertThat(json.writeValueAsString(pipe)).contains("\"state\":\"Hibernating\"");

        ClickPipe specUnknown = json.readValue("{\"state\":\"Unknown\"}", ClickPipe.class);
        assertThat(specUnknown.state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(specUnknown.rawState()).isEqualTo("Unknown");
    }

    @Test
    void stateEnumUsesTheSpecStrings() throws Exception {
        assertThat(json.writeValueAsString(ClickPipeState.INTERNAL_ERROR))
                .isEqualTo("\"InternalError\"");
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
        ClickPipeObjectStorageSource s =
                json.readValue(
                        "{\"type\":\"minio\",\"format\":\"ORC\",\"compression\":\"lz4\",\"authentication\":\"OIDC\"}",
                        ClickPipeObjectStorageSource.class);
        assertThat(s.type()).isEqualTo(ObjectStorageType.UNKNOWN);
        assertThat(s.format()).isEqualTo(ObjectStorageFormat.UNKNOWN);
        assertThat(s.compression()).isEqualTo(ObjectStorageCompression.UNKNOWN);
        assertThat(s.authentication()).isEqualTo(ObjectStorageAuthentication.UNKNOWN);
        Service service = json.readValue("{\"state\":\"hibernating\"}", Service.class);
        assertThat(service.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(service.rawState()).isEqualTo("hibernating");
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
        assertThat(
                        json.readValue(
                                "{\"replicaCpuMillicores\":\"0.5\",\"replicaMemoryGb\":\"512Mi\"}",
                                ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, 500, 0.5));
        assertThat(
                        json.readValue(
                                "{\"replicaCpuMillicores\":1000,\"replicaMemoryGb\":4}",
                                ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, 1000, 4.0));
        assertThat(
                        json.readValue(
                                "{\"replicaCpuMillicores\":\"2\",\"replicaMemoryGb\":\"2G\"}",
                                ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, 2000, 2.0));
        assertThat(
                        json.readValue(
                                "{\"replicaCpuMillicores\":\"lots\",\"replicaMemoryGb\":\"big\"}",
                                ClickPipeScaling.class))
                .isEqualTo(new ClickPipeScaling(null, null, null, null));
        assertThat(
                        json.writeValueAsString(
                                json.readValue(
                                        "{\"replicaCpuMillicores\":\"250m\",\"replicaMemoryGb\":\"1Gi\"}",
                                        ClickPipeScaling.class)))
                .isEqualTo("{\"replicaCpuMillicores\":250,\"replicaMemoryGb\":1.0}");
    }

    @Test
    void engineTypeDropsParentheses() throws Exception {
        assertThat(
                        json.readValue(
                                        "{\"type\":\"ReplacingMergeTree(version)\"}",
                                        ClickPipeDestinationTableEngine.class)
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
        assertThat(
                        json.writeValueAsString(
                                ClickPipeSettings.empty()
                                        .with(
                                                ClickPipeSettings
                                                        .OBJECT_STORAGE_POLLING_INTERVAL_MS,
                                                1000)))
                .isEqualTo("{\"object_storage_polling_interval_ms\":1000}");
        assertThat(fromInts.with("a", null).values()).containsOnlyKeys("b");
    }

    @Test
    void nullFieldsAreNotWritten() throws Exception {
        String text =
                json.writeValueAsString(
                        ClickPipeUpdateRequest.builder()
                                .source(
                                        ClickPipeUpdateObjectStorageSource.builder()
                                                .startAfter("k")
                                                .build())
                                .build());
        assertThat(text).isEqualTo("{\"source\":{\"objectStorage\":{\"startAfter\":\"k\"}}}");
    }

    @Test
    void otherSourceKindsAreKeptRawAndShownByNameOnly() throws Exception {
        ClickPipe kafka =
                json.readValue(
                        """
        {"id":"k1","name":"orders","state":"Running",
         "source":{"kafka":{"type":"confluent","brokers":"b:9092","topics":"orders",
                            "authentication":"PLAIN"}},
         "destination":{"database":"default","table":"orders","managedTable":false}}
        """,
                        ClickPipe.class);
        assertThat(kafka.source().kinds()).containsExactly("kafka");
        assertThat(kafka.source().hasObjectStorage()).isFalse();
        assertThat(kafka.objectStorage()).isNull();
        assertThat(kafka.source().kafka().get("topics").asText()).isEqualTo("orders");
        assertThat(kafka.source().toString())
                .contains("otherKinds=[kafka]")
                .doesNotContain("b:9092");
    }

    @Test
    void apiErrorSplitsCodeAndMessage() {
        ApiError e =
                new ApiError(
                        424, "FAILED_DEPENDENCY: Service is not running. Current state: idle", "r");
        assertThat(e.code()).isEqualTo("FAILED_DEPENDENCY");
        assertThat(e.message()).isEqualTo("Service is not running. Current state: idle");
        ApiError plain = new ApiError(500, "something broke: badly", null);
        assertThat(plain.code()).isNull();
        assertThat(plain.message()).isEqualTo("something broke: badly");
    }
}
