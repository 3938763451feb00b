package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPES;
import static dev.cpcheck.clickpipes.ClientTests.PIPE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.REQUEST_ID;
import static dev.cpcheck.clickpipes.ClientTests.SERVICE;
import static dev.cpcheck.clickpipes.ClientTests.SERVICE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeAccessKey;
import dev.cpcheck.clickpipes.model.ClickPipeCreateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationColumn;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableDefinition;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableEngine;
import dev.cpcheck.clickpipes.model.ClickPipeFieldMapping;
import dev.cpcheck.clickpipes.model.ClickPipeScaling;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateDestination;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ObjectStorageCompression;
import dev.cpcheck.clickpipes.model.ObjectStorageFormat;
import dev.cpcheck.clickpipes.model.ObjectStorageType;
import dev.cpcheck.clickpipes.model.Service;
import dev.cpcheck.clickpipes.model.ServiceState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation: HTTP method, path, Basic auth, headers, the exact JSON body (field names
 * written out by hand from the OpenAPI spec), and parsing of realistic responses.
 */
@ExtendWith(NoSecretsInLogs.class)
class ClickPipesClientOperationsTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private ClickPipesClient client;

    @BeforeEach
    void setUp() {
        client = ClientTests.builder(wm).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** Method, path and the headers every request must carry. */
    private static RequestPatternBuilder authenticated(RequestPatternBuilder pattern) {
        return pattern.withBasicAuth(new BasicCredentials(TestSecrets.API_KEY_ID, TestSecrets.API_KEY_SECRET))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", matching("cpcheck-clickpipes-client/.+ Java/\\d+"));
    }

    @Test
    void listReadsEveryPipeIncludingOtherSourceKinds() {
        String kafka = """
        {"id": "k-1", "name": "orders", "state": "Running",
         "scaling": {"replicas": 2, "replicaCpuMillicores": 125, "replicaMemoryGb": 0.5},
         "source": {"kafka": {"type": "confluent", "format": "JSONEachRow",
                              "brokers": "b1:9092", "topics": "orders",
                              "authentication": "PLAIN", "consumerGroup": "cg"}},
         "destination": {"database": "default", "table": "orders", "managedTable": false,
                         "columns": [{"name": "id", "type": "UInt64"}]},
         "fieldMappings": [{"sourceField": "id", "destinationField": "id"}]}
        """;
        String postgres = """
        {"id": "pg-1", "name": "cdc", "state": "Snapshot",
         "source": {"postgres": {"host": "db", "port": 5432, "database": "app",
                                 "settings": {"replicationMode": "cdc"},
                                 "tableMappings": [{"sourceTable": "users"}]}},
         "destination": {"database": "app"}}
        """;
        wm.stubFor(get(PIPES)
                .willReturn(
                        okJson("[" + s3Pipe(PIPE, "cpcheck-run-42", "Running") + "," + kafka + "," + postgres + "]")));

        List<ClickPipe> pipes = client.list();

        wm.verify(1, authenticated(getRequestedFor(urlEqualTo(PIPES))).withHeader("Content-Type", absent()));
        assertThat(pipes).extracting(ClickPipe::id).containsExactly(PIPE, "k-1", "pg-1");
        assertThat(pipes.get(0).objectStorage().type()).isEqualTo(ObjectStorageType.S3);
        assertThat(pipes.get(1).source().kinds()).containsExactly("kafka");
        assertThat(pipes.get(1).source().kafka().get("topics").asText()).isEqualTo("orders");
        assertThat(pipes.get(2).source().kinds()).containsExactly("postgres");
        assertThat(pipes.get(2).state()).isEqualTo(ClickPipeState.SNAPSHOT);
    }

    @Test
    void listSkipsAnUnreadableNonObjectStoragePipeButNeverAnS3One() {
        String oddKafka = "{\"id\":\"k-odd\",\"source\":{\"kafka\":{}},\"fieldMappings\":\"oops\"}";
        wm.stubFor(get(PIPES).willReturn(okJson("[" + s3Pipe(PIPE, "a", "Running") + "," + oddKafka + "]")));
        assertThat(client.list()).extracting(ClickPipe::id).containsExactly(PIPE);

        String oddS3 = "{\"id\":\"s-odd\",\"source\":{\"objectStorage\":{}},\"fieldMappings\":\"oops\"}";
        wm.stubFor(get(PIPES).willReturn(okJson("[" + oddS3 + "]")));
        assertThatThrownBy(client::list)
                .isInstanceOf(ClickPipesServiceException.class)
                .hasMessageContaining("s-odd");
    }

    @Test
    void listOfAnEmptyServiceIsEmpty() {
        wm.stubFor(get(PIPES).willReturn(okJson("[]")));
        assertThat(client.list()).isEmpty();
    }

    @Test
    void createPostsTheSpecFieldsAndParsesThePipe() {
        wm.stubFor(post(PIPES).willReturn(okJson(s3Pipe(PIPE, "cpcheck-run-42", "Provisioning"))));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, 1000);
        settings.put(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT, 10);
        ClickPipeCreateRequest request = ClickPipeCreateRequest.builder()
                .name("cpcheck-run-42")
                .source(ClickPipeCreateObjectStorageSource.builder()
                        .type(ObjectStorageType.S3)
                        .format(ObjectStorageFormat.JSON_EACH_ROW)
                        .url("https://cpcheck-fixtures.s3.eu-west-1.amazonaws.com/run-42/**.ndjson")
                        .compression(ObjectStorageCompression.NONE)
                        .isContinuous(true)
                        .accessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY)
                        .build())
                .destination(ClickPipeDestination.builder()
                        .database("default")
                        .table("events")
                        .managedTable(true)
                        .tableDefinition(new ClickPipeDestinationTableDefinition(
                                ClickPipeDestinationTableEngine.mergeTree(), List.of("file_id"), null, null))
                        .columns(List.of(
                                new ClickPipeDestinationColumn("file_id", "UInt32"),
                                new ClickPipeDestinationColumn("source_file", "String")))
                        .roles(List.of("cpcheck_writer"))
                        .build())
                .fieldMappings(List.of(
                        new ClickPipeFieldMapping("file_id", "file_id"),
                        new ClickPipeFieldMapping("_file", "source_file")))
                .scaling(new ClickPipeScaling(1, null, null, null))
                .settings(ClickPipeSettings.of(settings))
                .build();

        ClickPipe pipe = client.create(request);

        String expectedBody = """
        {
          "name": "cpcheck-run-42",
          "source": {"objectStorage": {
            "type": "s3",
            "format": "JSONEachRow",
            "url": "https://cpcheck-fixtures.s3.eu-west-1.amazonaws.com/run-42/**.ndjson",
            "compression": "none",
            "isContinuous": true,
            "authentication": "IAM_USER",
            "accessKey": {"accessKeyId": "%s", "secretKey": "%s"}
          }},
          "destination": {
            "database": "default",
            "table": "events",
            "managedTable": true,
            "tableDefinition": {"engine": {"type": "MergeTree"}, "sortingKey": ["file_id"]},
            "columns": [{"name": "file_id", "type": "UInt32"},
                        {"name": "source_file", "type": "String"}],
            "roles": ["cpcheck_writer"]
          },
          "fieldMappings": [{"sourceField": "file_id", "destinationField": "file_id"},
                            {"sourceField": "_file", "destinationField": "source_file"}],
          "scaling": {"replicas": 1},
          "settings": {"object_storage_polling_interval_ms": 1000,
                       "object_storage_max_file_count": 10}
        }
        """.formatted(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY);
        wm.verify(
                1,
                authenticated(postRequestedFor(urlEqualTo(PIPES)))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(equalToJson(expectedBody, false, false)));
        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(pipe.state()).isEqualTo(ClickPipeState.PROVISIONING);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(PIPES)))).hasSize(1);
    }

    @Test
    void getParsesARealisticPipe() {
        wm.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "cpcheck-run-42", "Running"))));

        ClickPipe pipe = client.get(PIPE);

        wm.verify(1, authenticated(getRequestedFor(urlEqualTo(PIPE_PATH))));
        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(pipe.serviceId()).isEqualTo(SERVICE);
        assertThat(pipe.state()).isEqualTo(ClickPipeState.RUNNING);
        assertThat(pipe.scaling()).isEqualTo(new ClickPipeScaling(1, 0, 250, 1.0));
        assertThat(pipe.destination().tableDefinition().engine().type()).isEqualTo("MergeTree");
        assertThat(pipe.objectStorage().format()).isEqualTo(ObjectStorageFormat.JSON_EACH_ROW);
        assertThat(pipe.objectStorage().isContinuous()).isTrue();
        assertThat(pipe.fieldMappings()).contains(new ClickPipeFieldMapping("_file", "source_file"));
        assertThat(pipe.settings().objectStoragePollingIntervalMs()).contains(30000L);
        assertThat(pipe.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:15:30.123Z"));
    }

    @Test
    void getKeepsAnUnknownStateRaw() {
        wm.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Rebalancing"))));
        ClickPipe pipe = client.get(PIPE);
        assertThat(pipe.state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(pipe.rawState()).isEqualTo("Rebalancing");
    }

    @Test
    void updatePatchesOnlyTheGivenFields() {
        wm.stubFor(patch(urlEqualTo(PIPE_PATH)).willReturn(okJson(s3Pipe(PIPE, "renamed", "Running"))));

        ClickPipe pipe = client.update(
                PIPE,
                ClickPipeUpdateRequest.builder()
                        .name("renamed")
                        .source(ClickPipeUpdateObjectStorageSource.builder()
                                .accessKey(
                                        new ClickPipeAccessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY))
                                .startAfter("run-42/batch-003.ndjson")
                                .build())
                        .destination(new ClickPipeUpdateDestination(
                                List.of(new ClickPipeDestinationColumn("file_id", "UInt32"))))
                        .fieldMappings(List.of(new ClickPipeFieldMapping("file_id", "file_id")))
                        .settings(ClickPipeSettings.empty().with("object_storage_concurrency", 2))
                        .build());

        String expectedBody = """
        {"name": "renamed",
         "source": {"objectStorage": {"startAfter": "run-42/batch-003.ndjson",
                    "accessKey": {"accessKeyId": "%s", "secretKey": "%s"}}},
         "destination": {"columns": [{"name": "file_id", "type": "UInt32"}]},
         "fieldMappings": [{"sourceField": "file_id", "destinationField": "file_id"}],
         "settings": {"object_storage_concurrency": 2}}
        """.formatted(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY);
        wm.verify(
                1,
                authenticated(patchRequestedFor(urlEqualTo(PIPE_PATH)))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(equalToJson(expectedBody, false, false)));
        assertThat(pipe.name()).isEqualTo("renamed");
    }

    @Test
    void deleteSendsDeleteAndAcceptsAnEnvelopeWithoutResult() {
        wm.stubFor(delete(PIPE_PATH)
                .willReturn(
                        aResponse().withStatus(200).withBody("{\"status\":200,\"requestId\":\"" + REQUEST_ID + "\"}")));
        client.delete(PIPE);
        wm.verify(1, authenticated(deleteRequestedFor(urlEqualTo(PIPE_PATH))));
    }

    @Test
    void startStopAndResyncSendTheCommandField() {
        String state = PIPE_PATH + "/state";
        wm.stubFor(patch(urlEqualTo(state))
                .withRequestBody(equalToJson("{\"command\":\"start\"}"))
                .willReturn(okJson(s3Pipe(PIPE, "p", "Provisioning"))));
        wm.stubFor(patch(urlEqualTo(state))
                .withRequestBody(equalToJson("{\"command\":\"stop\"}"))
                .willReturn(okJson(s3Pipe(PIPE, "p", "Stopping"))));
        wm.stubFor(patch(urlEqualTo(state))
                .withRequestBody(equalToJson("{\"command\":\"resync\"}"))
                .willReturn(okJson(s3Pipe(PIPE, "p", "Resync"))));

        assertThat(client.start(PIPE).state()).isEqualTo(ClickPipeState.PROVISIONING);
        assertThat(client.stop(PIPE).state()).isEqualTo(ClickPipeState.STOPPING);
        assertThat(client.resync(PIPE).state()).isEqualTo(ClickPipeState.RESYNC);

        for (String command : List.of("start", "stop", "resync")) {
            wm.verify(
                    1,
                    authenticated(patchRequestedFor(urlEqualTo(state)))
                            .withHeader("Content-Type", equalTo("application/json"))
                            .withRequestBody(equalToJson("{\"command\":\"" + command + "\"}", false, false)));
        }
    }

    @Test
    void settingsAreReadAndReplacedAsAFlatMap() {
        String path = PIPE_PATH + "/settings";
        wm.stubFor(get(path)
                .willReturn(
                        okJson("{\"object_storage_polling_interval_ms\":30000,\"object_storage_max_file_count\":100,"
                                + "\"object_storage_use_cluster_function\":true}")));
        wm.stubFor(put(urlEqualTo(path))
                .willReturn(
                        okJson("{\"object_storage_polling_interval_ms\":1000,\"object_storage_max_file_count\":100}")));

        ClickPipeSettings current = client.getSettings(PIPE);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("object_storage_polling_interval_ms", 1000);
        change.put("object_storage_max_file_count", 100);
        ClickPipeSettings updated = client.putSettings(PIPE, change);

        assertThat(current.objectStoragePollingIntervalMs()).contains(30000L);
        assertThat(current.get("object_storage_use_cluster_function")).contains(true);
        assertThat(updated.objectStoragePollingIntervalMs()).contains(1000L);
        wm.verify(1, authenticated(getRequestedFor(urlEqualTo(path))));
        wm.verify(
                1,
                authenticated(putRequestedFor(urlEqualTo(path)))
                        .withRequestBody(equalToJson(
                                "{\"object_storage_polling_interval_ms\":1000,\"object_storage_max_file_count\":100}",
                                false,
                                false)));
    }

    @Test
    void scalingSendsTheSpecFields() {
        String path = PIPE_PATH + "/scaling";
        wm.stubFor(patch(urlEqualTo(path)).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));

        client.updateScaling(PIPE, new ClickPipeScalingRequest(2, 4, 500, 1.0));
        client.updateScaling(PIPE, ClickPipeScalingRequest.replicas(3));

        wm.verify(
                1,
                authenticated(patchRequestedFor(urlEqualTo(path)))
                        .withRequestBody(equalToJson(
                                "{\"replicas\":2,\"concurrency\":4,\"replicaCpuMillicores\":500,\"replicaMemoryGb\":1.0}",
                                false,
                                false)));
        wm.verify(
                1, patchRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"replicas\":3}", false, false)));
    }

    @Test
    void serviceIsReadAndStarted() {
        wm.stubFor(get(SERVICE_PATH).willReturn(okJson(ClientTests.service("idle"))));
        wm.stubFor(patch(urlEqualTo(SERVICE_PATH + "/state")).willReturn(okJson(ClientTests.service("awaking"))));

        Service service = client.getService();
        Service started = client.startService();

        assertThat(service.id()).isEqualTo(SERVICE);
        assertThat(service.state()).isEqualTo(ServiceState.IDLE);
        assertThat(service.idleScaling()).isTrue();
        assertThat(service.endpoints())
                .singleElement()
                .satisfies(e -> assertThat(e.port()).isEqualTo(8443));
        assertThat(started.state()).isEqualTo(ServiceState.AWAKING);
        wm.verify(1, authenticated(getRequestedFor(urlEqualTo(SERVICE_PATH))));
        wm.verify(
                1,
                authenticated(patchRequestedFor(urlEqualTo(SERVICE_PATH + "/state")))
                        .withRequestBody(equalToJson("{\"command\":\"start\"}", false, false)));
    }

    @Test
    void findByNamePicksTheNewestPipeWithThatName() {
        String older = s3Pipe("old", "dup", "Stopped").replace("2025-06-01T10:15:30.123Z", "2025-05-01T00:00:00Z");
        wm.stubFor(get(PIPES)
                .willReturn(okJson("["
                        + older
                        + ","
                        + s3Pipe("new", "dup", "Running")
                        + ","
                        + s3Pipe("other", "x", "Running")
                        + "]")));
        assertThat(client.findByName("dup")).map(ClickPipe::id).contains("new");
        assertThat(client.findByName("missing")).isEmpty();
    }

    @Test
    void pipeIdsThatWouldChangeThePathAreRejected() {
        assertThatThrownBy(() -> client.get("../../services"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pipeId");
        assertThatThrownBy(() -> client.get("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
