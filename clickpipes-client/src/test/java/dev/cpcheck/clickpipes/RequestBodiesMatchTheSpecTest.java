package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.SERVICE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cpcheck.clickpipes.model.ClickPipeCreateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableDefinition;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableEngine;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ModelFixtures;
import dev.cpcheck.clickpipes.model.ObjectStorageCompression;
import dev.cpcheck.clickpipes.model.ObjectStorageFormat;
import dev.cpcheck.clickpipes.model.ObjectStorageType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every request body the client can build, as it goes over the wire, validates against the
 * request schema the official OpenAPI spec names for its operation (test resource
 * {@code clickpipes-openapi.json}), checked by a JSON Schema validator rather than by our own
 * reading of the spec. The spec marks no object closed; this test closes them
 * ({@code additionalProperties: false}) so a field the spec does not name fails too.
 */
class RequestBodiesMatchTheSpecTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private static final String SPEC_IRI = "https://cpcheck.test/clickpipes-openapi.json";
    private static final ObjectMapper JSON = ClickPipesJson.mapper();

    private static JsonNode spec;
    private static SchemaRegistry schemas;

    @BeforeAll
    static void loadSpec() throws Exception {
        try (InputStream in = RequestBodiesMatchTheSpecTest.class.getResourceAsStream("/clickpipes-openapi.json")) {
            spec = JSON.readTree(in);
        }
        JsonNode closed = spec.deepCopy();
        closed.path("components").path("schemas").forEach(RequestBodiesMatchTheSpecTest::close);
        String text = JSON.writeValueAsString(closed);
        schemas = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(SPEC_IRI, text)));
    }

    /** Every object schema with properties, nested ones included, refuses other properties. */
    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(RequestBodiesMatchTheSpecTest::close);
        } else if (schema.isArray()) {
            schema.forEach(RequestBodiesMatchTheSpecTest::close);
        }
    }

    private static Schema schema(String ref) {
        return schemas.getSchema(SchemaLocation.of(SPEC_IRI + ref));
    }

    /** The request schema ({@code $ref}) of the spec operation a sent request belongs to. */
    private record Operation(String method, String template, String schemaRef) {
        String name() {
            return method + " " + template;
        }
    }

    private static List<Operation> operationsWithABody() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                JsonNode ref = op.getValue().at("/requestBody/content/application~1json/schema/$ref");
                if (ref.isTextual()) {
                    operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), ref.asText()));
                }
            });
        }
        return operations;
    }

    private static Operation operationOf(String method, String url, List<Operation> operations) {
        for (Operation op : operations) {
            String regex = op.template().replaceAll("\\{[^/]+}", "[^/]+");
            if (op.method().equals(method) && Pattern.matches(regex, url)) {
                return op;
            }
        }
        throw new AssertionError("no operation of the spec takes " + method + " " + url);
    }

    private static List<String> errors(Operation op, String body) {
        List<String> messages = new ArrayList<>();
        for (Error e : schema(op.schemaRef()).validate(body, InputFormat.JSON)) {
            messages.add(op.name() + ": " + e);
        }
        return messages;
    }

    /** A create as cpcheck sends it: the table it made, every column listed and mapped. */
    private static ClickPipeCreateRequest createWithColumns() {
        return ClickPipeCreateRequest.builder()
                .name("cpcheck-20261130-104213-38286f")
                .source(ClickPipeCreateObjectStorageSource.builder()
                        .type(ObjectStorageType.S3)
                        .format(ObjectStorageFormat.JSON_EACH_ROW)
                        .url("https://cpcheck-fixtures.s3.eu-west-1.amazonaws.com/run/**.ndjson")
                        .compression(ObjectStorageCompression.NONE)
                        .isContinuous(true)
                        .accessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY)
                        .build())
                .destination(ClickPipeDestination.builder()
                        .database("default")
                        .table("cpcheck_run")
                        .managedTable(false)
                        .columns(ModelFixtures.columns())
                        .build())
                .fieldMappings(ModelFixtures.fieldMappings())
                .settings(ClickPipeSettings.empty().withObjectStoragePollingIntervalMs(1000L))
                .build();
    }

    /** A create that lets ClickPipes make the table. */
    private static ClickPipeCreateRequest createWithManagedTable() {
        return createWithColumns().toBuilder()
                .destination(ClickPipeDestination.builder()
                        .database("default")
                        .table("cpcheck_managed")
                        .managedTable(true)
                        .tableDefinition(new ClickPipeDestinationTableDefinition(
                                ClickPipeDestinationTableEngine.mergeTree(), List.of("file_id", "row_id"), null, null))
                        .columns(ModelFixtures.columns())
                        .build())
                .build();
    }

    @Test
    void everyBodyTheClientSendsValidatesAgainstItsSpecSchema() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));
        wm.stubFor(any(urlMatching(SERVICE_PATH + "(/state)?")).willReturn(okJson(ClientTests.service("running"))));
        wm.stubFor(get(urlEqualTo(ClientTests.PIPES)).willReturn(okJson("[]")));
        wm.stubFor(put(urlEqualTo(ClientTests.PIPE_PATH + "/settings"))
                .willReturn(okJson("{\"object_storage_polling_interval_ms\":1000}")));

        try (ClickPipesClient client = ClientTests.builder(wm).build()) {
            client.create(ModelFixtures.fullCreateRequest());
            client.create(createWithColumns());
            client.create(createWithManagedTable());
            client.update(PIPE, ModelFixtures.fullUpdateRequest());
            client.update(
                    PIPE,
                    ClickPipeUpdateRequest.builder()
                            .source(ClickPipeUpdateObjectStorageSource.builder()
                                    .accessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY)
                                    .build())
                            .build());
            client.start(PIPE);
            client.stop(PIPE);
            client.resync(PIPE);
            client.putSettings(PIPE, ModelFixtures.fullSettings().values());
            client.updateScaling(PIPE, new ClickPipeScalingRequest(2, 1, 500, 2.0));
            client.startService();
            client.awakeService();
        }

        List<Operation> operations = operationsWithABody();
        Set<String> covered = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        int bodies = 0;
        for (ServeEvent event : wm.getAllServeEvents()) {
            String body = event.getRequest().getBodyAsString();
            if (body == null || body.isEmpty()) {
                continue;
            }
            bodies++;
            Operation op = operationOf(
                    event.getRequest().getMethod().getName(), event.getRequest().getUrl(), operations);
            covered.add(op.name());
            errors.addAll(errors(op, body));
        }

        assertThat(errors).isEmpty();
        assertThat(bodies).isEqualTo(12);
        // every operation with a body that the client has; the spec's service PATCH is not one
        assertThat(covered)
                .containsExactlyInAnyOrder(
                        "POST /v1/organizations/{organizationId}/services/{serviceId}/clickpipes",
                        "PATCH /v1/organizations/{organizationId}/services/{serviceId}/clickpipes/{clickPipeId}",
                        "PUT /v1/organizations/{organizationId}/services/{serviceId}/clickpipes/{clickPipeId}/settings",
                        "PATCH /v1/organizations/{organizationId}/services/{serviceId}/clickpipes/{clickPipeId}/scaling",
                        "PATCH /v1/organizations/{organizationId}/services/{serviceId}/clickpipes/{clickPipeId}/state",
                        "PATCH /v1/organizations/{organizationId}/services/{serviceId}/state");
    }

    @Test
    void theValidatorRejectsWhatTheSpecDoesNotAllow() {
        List<Operation> operations = operationsWithABody();
        Operation serviceState = operationOf("PATCH", SERVICE_PATH + "/state", operations);
        Operation create = operationOf("POST", ClientTests.PIPES, operations);

        assertThat(errors(serviceState, "{\"command\":\"awake\"}")).isEmpty();
        assertThat(errors(serviceState, "{\"command\":\"pause\"}")).isNotEmpty();
        assertThat(errors(create, "{\"name\":\"p\",\"destination\":{\"table\":\"t\",\"colums\":[]}}"))
                .isNotEmpty();
        assertThat(errors(create, "{\"name\":\"p\",\"source\":{\"objectStorage\":{\"format\":\"ORC\"}}}"))
                .isNotEmpty();
        assertThat(errors(create, "{\"name\":\"p\",\"source\":{\"objectStorage\":{\"format\":\"CSV\"}}}"))
                .isEmpty();
    }
}
