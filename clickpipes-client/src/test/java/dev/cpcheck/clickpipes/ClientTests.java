package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cpcheck.clickpipes.model.ModelFixtures;
import java.time.Duration;
import java.util.function.Supplier;

/** Shared fixtures of the client tests: IDs, paths, a client builder and canned responses. */
final class ClientTests {

    static final String ORG = "0b7f8a2c-1d3e-4f5a-8b9c-0d1e2f3a4b5c";
    static final String SERVICE = ModelFixtures.SERVICE_ID;
    static final String PIPE = ModelFixtures.PIPE_ID;
    static final String SERVICE_PATH = "/v1/organizations/" + ORG + "/services/" + SERVICE;
    static final String PIPES = SERVICE_PATH + "/clickpipes";
    static final String PIPE_PATH = PIPES + "/" + PIPE;
    static final String REQUEST_ID = "7b5d2a43-1f0e-4c55-9a0b-3c2d1e0f9a88";

    private ClientTests() {}

    /** A WireMock server on a free port, sized for a small build machine. */
    static WireMockExtension wireMock() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().jettyAcceptors(1).containerThreads(10))
                .build();
    }

    /**
     * An API key ID no other test uses. The client-side rate limiter is shared by every client
     * with the same key (and base URL, organization and time source) in the JVM, so a test that
     * measures the limiter with the system clock uses a key of its own, unaffected by the requests
     * of earlier tests against the same WireMock server.
     */
    static String uniqueApiKeyId() {
        return "kid-" + java.util.UUID.randomUUID();
    }

    /** A client for the WireMock server, rate limiter off, retries without jitter. */
    static ClickPipesClient.Builder builder(WireMockExtension wm) {
        return ClickPipesClient.builder()
                .baseUrl(wm.baseUrl())
                .organizationId(ORG)
                .serviceId(SERVICE)
                .apiKeyId(TestSecrets.API_KEY_ID)
                .apiKeySecret(TestSecrets.API_KEY_SECRET)
                .requestTimeout(Duration.ofSeconds(5))
                .rateLimitConfig(ClickPipesRateLimitConfig.disabled())
                .retryConfig(
                        ClickPipesRetryConfig.custom().randomizationFactor(0).build());
    }

    static String ok(String resultJson) {
        return "{\"status\":200,\"requestId\":\"" + REQUEST_ID + "\",\"result\":" + resultJson + "}";
    }

    static ResponseDefinitionBuilder okJson(String resultJson) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(ok(resultJson));
    }

    static ResponseDefinitionBuilder error(int status, String error) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"status\":" + status + ",\"error\":\"" + error + "\",\"requestId\":\"" + REQUEST_ID + "\"}");
    }

    /** A realistic S3 pipe as the API returns it, including the quirks seen in real responses. */
    static String s3Pipe(String id, String name, String state) {
        return """
        {
          "id": "%s",
          "serviceId": "%s",
          "name": "%s",
          "description": "",
          "state": "%s",
          "scaling": {"replicas": 1, "concurrency": 0,
                      "replicaCpuMillicores": "250m", "replicaMemoryGb": "1Gi"},
          "source": {"objectStorage": {
              "type": "s3", "format": "JSONEachRow",
              "url": "https://cpcheck-fixtures.s3.eu-west-1.amazonaws.com/run-42/**.ndjson",
              "compression": "auto", "isContinuous": true, "authentication": "IAM_USER",
              "delimiter": null, "queueUrl": null}},
          "destination": {"database": "default", "table": "events", "managedTable": true,
              "tableDefinition": {"engine": {"type": "MergeTree()"},
                                  "sortingKey": ["file_id", "row_id"]},
              "columns": [{"name": "file_id", "type": "UInt32"},
                          {"name": "source_file", "type": "String"}]},
          "fieldMappings": [{"sourceField": "file_id", "destinationField": "file_id"},
                            {"sourceField": "_file", "destinationField": "source_file"}],
          "settings": {"object_storage_polling_interval_ms": 30000},
          "createdAt": "2025-06-01T10:15:30.123Z",
          "updatedAt": "2025-06-01T10:16:02Z",
          "reversePrivateEndpointIds": []
        }
        """.formatted(id, SERVICE, name, state);
    }

    static String service(String state) {
        return """
        {"id": "%s", "name": "cpcheck-dev", "provider": "aws", "region": "eu-west-1",
         "state": "%s", "clickhouseVersion": "25.6.2.1", "idleScaling": true,
         "idleTimeoutMinutes": 15, "tier": "production", "encryptionKey": "",
         "endpoints": [{"protocol": "https", "host": "abc.eu-west-1.aws.clickhouse.cloud",
                        "port": 8443}]}
        """.formatted(SERVICE, state);
    }

    /**
     * Stubs {@code request} to answer with {@code responses} in order; the last one repeats.
     * {@code request} must be a fresh builder per call of the supplier.
     */
    static void stubSequence(
            WireMockExtension wm,
            String scenario,
            Supplier<MappingBuilder> request,
            ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : scenario + "-" + i;
            ScenarioMappingBuilder mapping = request.get().inScenario(scenario).whenScenarioStateIs(state);
            mapping.willReturn(responses[i]);
            if (i < responses.length - 1) {
                mapping = mapping.willSetStateTo(scenario + "-" + (i + 1));
            }
            wm.stubFor(mapping);
        }
    }
}
