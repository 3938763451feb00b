package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Await;
import dev.cpcheck.emulator.support.Fixture;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint and error of the emulated API, called over HTTP the way a client calls it:
 * envelopes, status codes, error strings, auth, rate limit, API faults and the admin endpoints.
 */
class ClickPipesApiIT {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    /** The emulator's copy of the official spec. */
    private static final String SPEC = ClickPipesApiSpec.RESOURCE;

    private static ClickPipesEmulator emulator;
    private static ApiClient api;
    private static Fixture fixture;
    private static JsonNode schemas;

    @BeforeAll
    static void start() throws IOException {
        schemas =
                new ObjectMapper().readTree(ClickPipesApiSpec.get().document()).at("/components/schemas");
        assertThat(schemas.size()).as("schemas in %s", SPEC).isGreaterThan(20);
        emulator = ClickPipesEmulator.builder()
                .clickHouse(TestEnvironment.clickHouse().endpoint())
                .provisioningDelay(Duration.ofMillis(300))
                .noRateLimit()
                .start();
        api = new ApiClient(emulator.endpoint());
        fixture = Fixture.create("api");
        fixture.writeFiles(0, 2, 3, "x");
    }

    @AfterAll
    static void stop() {
        fixture.close();
        emulator.close();
    }

    @AfterEach
    void healFaults() {
        emulator.serviceState("running");
        emulator.throttleNextRequests(0);
        emulator.serverErrorEveryNthRequest(0);
        emulator.stateTransitionDelay(Duration.ZERO);
        emulator.provisioningDelay(Duration.ofMillis(300));
        emulator.rateLimit(0, Duration.ofSeconds(10));
    }

    private static String createPipe() {
        ApiClient.Response r = api.post("/clickpipes", fixture.pipeRequest(10, 200));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.result().get("id").asText();
    }

    /** The spec file, found from the module directory upwards (it is another module's test resource). */
    /**
     * Asserts that {@code object} has every field the spec schema marks {@code required} and no
     * field the schema does not define.
     */
    private static void assertMatchesSchema(JsonNode object, String schema) {
        JsonNode definition = schemas.get(schema);
        assertThat(definition).as("schema %s in the spec", schema).isNotNull();
        List<String> required = new ArrayList<>();
        definition.path("required").forEach(n -> required.add(n.asText()));
        Set<String> defined = new TreeSet<>();
        definition.path("properties").fieldNames().forEachRemaining(defined::add);
        Set<String> sent = new TreeSet<>();
        object.fieldNames().forEachRemaining(sent::add);
        assertThat(sent)
                .as("fields of a %s: %s", schema, object)
                .containsAll(required)
                .isSubsetOf(defined);
        required.forEach(f -> assertThat(object.get(f).isNull())
                .as("%s.%s is null", schema, f)
                .isFalse());
    }

    /** The Service checks: the schema's required fields, and the nested objects against theirs. */
    private static void assertServiceMatchesSpec(JsonNode service) {
        assertMatchesSchema(service, "Service");
        assertMatchesSchema(service.get("currentScaling"), "CurrentScaling");
        assertThat(service.get("endpoints").size()).as("endpoints").isPositive();
        service.get("endpoints").forEach(e -> assertMatchesSchema(e, "ServiceEndpoint"));
    }

    private static void assertError(ApiClient.Response r, int status, String code, String messagePart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().get("requestId").asText()).matches(UUID_PATTERN);
        assertThat(r.error()).startsWith(code + ": ").contains(messagePart);
        assertThat(r.body().has("result")).isFalse();
    }

    // ------------------------------------------------------------------ auth and routing

    @Test
    void requestsWithoutOrWithWrongCredentialsGet401() {
        assertError(api.withAuthorization(null).get("/clickpipes"), 401, "UNAUTHORIZED", "Basic");
        assertError(
                api.withAuthorization(ApiClient.basic(emulator.endpoint().apiKeyId(), "wrong"))
                        .get("/clickpipes"),
                401,
                "UNAUTHORIZED",
                "Invalid API key");
        assertError(api.withAuthorization("Bearer abc").get(""), 401, "UNAUTHORIZED", "");
        assertError(api.withAuthorization(null).get("/admin/faults"), 401, "UNAUTHORIZED", "");
    }

    @Test
    void unknownOrganizationServicePipeAndRouteGet404() {
        String other = UUID.randomUUID().toString();
        assertError(
                api.get("/v1/organizations/" + other + "/services/"
                        + emulator.endpoint().serviceId()),
                404,
                "NOT_FOUND",
                "Organization");
        assertError(
                api.get("/v1/organizations/" + emulator.endpoint().organizationId() + "/services/" + other),
                404,
                "NOT_FOUND",
                "Service");
        for (String path : List.of("/clickpipes/" + other, "/clickpipes/" + other + "/settings")) {
            assertError(api.get(path), 404, "NOT_FOUND", "ClickPipe not found");
        }
        assertError(api.patch("/clickpipes/" + other, Map.of("name", "x")), 404, "NOT_FOUND", "ClickPipe not found");
        assertError(api.delete("/clickpipes/" + other), 404, "NOT_FOUND", "ClickPipe not found");
        assertError(api.patch("/clickpipes/" + other + "/state", Map.of("command", "start")), 404, "NOT_FOUND", "");
        assertError(api.patch("/clickpipes/" + other + "/scaling", Map.of("replicas", 1)), 404, "NOT_FOUND", "");
        assertError(api.get("/nothing-here"), 404, "NOT_FOUND", "No route");
        assertError(api.put("/clickpipes", Map.of()), 405, "METHOD_NOT_ALLOWED", "PUT");
    }

    // ------------------------------------------------------------------ ClickPipes CRUD

    @Test
    void createGetListPatchDeleteNeverReturningSecrets() {
        // long enough that disk syncs of a loaded machine cannot end provisioning before the response
        emulator.provisioningDelay(Duration.ofSeconds(4));
        ApiClient.Response created = api.post("/clickpipes", fixture.pipeRequest(10, 200));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().get("status").asInt()).isEqualTo(200);
        assertThat(created.body().get("requestId").asText()).matches(UUID_PATTERN);
        JsonNode pipe = created.result();
        assertMatchesSchema(pipe, "ClickPipe");
        String id = pipe.get("id").asText();
        assertThat(id).matches(UUID_PATTERN);
        assertThat(pipe.get("serviceId").asText()).isEqualTo(emulator.endpoint().serviceId());
        assertThat(pipe.get("state").asText()).isEqualTo("Provisioning");
        JsonNode os = pipe.get("source").get("objectStorage");
        assertThat(os.get("type").asText()).isEqualTo("s3");
        assertThat(os.get("format").asText()).isEqualTo("JSONEachRow");
        assertThat(os.get("url").asText()).isEqualTo(fixture.url());
        assertThat(os.get("isContinuous").asBoolean()).isTrue();
        assertThat(os.get("authentication").asText()).isEqualTo("IAM_USER");
        assertThat(created.body().toString())
                .doesNotContain(TestEnvironment.s3().endpoint().secretKey())
                .doesNotContain("secretKey")
                .doesNotContain("accessKey");
        assertThat(pipe.get("destination").get("table").asText()).isEqualTo(fixture.table);
        assertThat(pipe.get("fieldMappings")).hasSize(7);
        assertThat(pipe.get("settings")
                        .get("object_storage_polling_interval_ms")
                        .asLong())
                .isEqualTo(200);
        assertThat(pipe.get("scaling").get("replicas").asInt()).isEqualTo(1);
        assertThat(pipe.get("createdAt").asText()).endsWith("Z");

        Await.until(
                "Running",
                Duration.ofSeconds(20),
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals("Running"));
        ApiClient.Response got = api.get("/clickpipes/" + id);
        assertThat(got.body().toString()).doesNotContain("secretKey");

        ApiClient.Response list = api.get("/clickpipes");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.result().isArray()).isTrue();
        assertThat(list.result().findValuesAsText("id")).contains(id);

        ApiClient.Response renamed = api.patch(
                "/clickpipes/" + id, Map.of("name", "renamed", "settings", Map.of("object_storage_max_file_count", 7)));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.result().get("name").asText()).isEqualTo("renamed");
        assertThat(renamed.result()
                        .get("settings")
                        .get("object_storage_max_file_count")
                        .asLong())
                .isEqualTo(7);

        ApiClient.Response rotated = api.patch(
                "/clickpipes/" + id,
                Map.of(
                        "source",
                        Map.of(
                                "objectStorage",
                                Map.of(
                                        "accessKey",
                                        Map.of(
                                                "accessKeyId",
                                                TestEnvironment.s3().endpoint().accessKey(),
                                                "secretKey",
                                                TestEnvironment.s3().endpoint().secretKey())),
                                "startAfter",
                                "")));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.body().toString())
                .doesNotContain(TestEnvironment.s3().endpoint().secretKey());

        assertError(
                api.patch(
                        "/clickpipes/" + id,
                        Map.of("source", Map.of("objectStorage", Map.of("url", "http://127.0.0.1:1/other/*.json")))),
                400,
                "BAD_REQUEST",
                "cannot be changed");
        assertError(
                api.patch("/clickpipes/" + id, Map.of("destination", Map.of("table", "other"))),
                400,
                "BAD_REQUEST",
                "cannot be changed");
        assertError(
                api.patch(
                        "/clickpipes/" + id,
                        Map.of(
                                "fieldMappings",
                                List.of(Map.of("sourceField", "x", "destinationField", "no_such_column")))),
                400,
                "BAD_REQUEST",
                "Columns are required if field mappings are provided");
        assertError(
                api.patch(
                        "/clickpipes/" + id,
                        Map.of(
                                "destination",
                                Map.of("columns", List.of(Map.of("name", "no_such_column", "type", "String"))),
                                "fieldMappings",
                                List.of(Map.of("sourceField", "x", "destinationField", "no_such_column")))),
                400,
                "BAD_REQUEST",
                "no_such_column");

        ApiClient.Response deleted = api.delete("/clickpipes/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().has("result")).isFalse();
        assertThat(deleted.body().get("requestId").asText()).matches(UUID_PATTERN);
        assertError(api.get("/clickpipes/" + id), 404, "NOT_FOUND", "");
        assertThat(emulator.pipe(id)).isEmpty();
    }

    @Test
    void invalidCreateRequestsGet400WithTheReason() {
        int pipesBefore = emulator.pipes().size();
        assertError(api.post("/clickpipes", "{not json"), 400, "BAD_REQUEST", "Invalid JSON");
        assertError(api.post("/clickpipes", "[]"), 400, "BAD_REQUEST", "JSON object");
        Map<String, Object> base = fixture.pipeRequest(10, 200);

        Map<String, Object> noName = new HashMap<>(base);
        noName.remove("name");
        assertError(api.post("/clickpipes", noName), 400, "BAD_REQUEST", "name is required");

        Map<String, Object> kafka = new HashMap<>(base);
        kafka.put("source", Map.of("kafka", Map.of("brokers", "x")));
        assertError(api.post("/clickpipes", kafka), 400, "BAD_REQUEST", "kafka");

        assertError(api.post("/clickpipes", withObjectStorage(base, "format", "XML")), 400, "BAD_REQUEST", "format");
        assertError(
                api.post("/clickpipes", withObjectStorage(base, "url", "http://127.0.0.1:1/b/{a,b}.json")),
                400,
                "BAD_REQUEST",
                "{a,b}");
        assertError(
                api.post("/clickpipes", withObjectStorage(base, "url", "http://127.0.0.1:1/ab/x.json")),
                400,
                "BAD_REQUEST",
                "3 characters");
        assertError(
                api.post("/clickpipes", withObjectStorage(base, "compression", "rar")),
                400,
                "BAD_REQUEST",
                "compression");
        assertError(
                api.post("/clickpipes", withObjectStorage(base, "queueUrl", "https://sqs/x")),
                400,
                "BAD_REQUEST",
                "queueUrl");
        assertError(
                api.post("/clickpipes", withObjectStorage(base, "authentication", "IAM_ROLE")),
                400,
                "BAD_REQUEST",
                "IAM_ROLE");

        Map<String, Object> badSettings = new HashMap<>(base);
        badSettings.put("settings", Map.of("object_storage_polling_interval_ms", 50));
        assertError(
                api.post("/clickpipes", badSettings),
                400,
                "BAD_REQUEST",
                "/settings/object_storage_polling_interval_ms: must have a minimum value of 100");

        @SuppressWarnings("unchecked")
        Map<String, Object> destination = (Map<String, Object>) base.get("destination");
        Map<String, Object> missingTable = new HashMap<>(base);
        Map<String, Object> otherTable = new HashMap<>(destination);
        otherTable.put("table", "no_such_table_x");
        missingTable.put("destination", otherTable);
        assertError(api.post("/clickpipes", missingTable), 400, "BAD_REQUEST", "does not exist");

        // the live service's rules beyond the spec
        Map<String, Object> noColumns = new HashMap<>(base);
        Map<String, Object> withoutColumns = new HashMap<>(destination);
        withoutColumns.remove("columns");
        noColumns.put("destination", withoutColumns);
        assertError(
                api.post("/clickpipes", noColumns),
                400,
                "BAD_REQUEST",
                "Columns are required if field mappings are provided");
        noColumns.remove("fieldMappings");
        assertError(
                api.post("/clickpipes", noColumns),
                400,
                "BAD_REQUEST",
                "destination.columns is required for object storage ClickPipes");
        Map<String, Object> unmapped = new HashMap<>(base);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> mappings = new ArrayList<>((List<Map<String, String>>) base.get("fieldMappings"));
        mappings.removeIf(m -> m.get("destinationField").equals("source_file"));
        unmapped.put("fieldMappings", mappings);
        assertError(
                api.post("/clickpipes", unmapped),
                400,
                "BAD_REQUEST",
                "All destination columns must be included in the field mappings; not mapped: source_file");
        Map<String, Object> noManagedFlag = new HashMap<>(base);
        Map<String, Object> withoutManaged = new HashMap<>(destination);
        withoutManaged.remove("managedTable");
        noManagedFlag.put("destination", withoutManaged);
        assertError(api.post("/clickpipes", noManagedFlag), 400, "BAD_REQUEST", "destination.managedTable is required");
        Map<String, Object> skipAndStart = withObjectStorage(base, "skipInitialLoad", true);
        skipAndStart = withObjectStorage(skipAndStart, "startAfter", "x");
        assertError(
                api.post("/clickpipes", skipAndStart),
                400,
                "BAD_REQUEST",
                "startAfter cannot be provided when skipInitialLoad is true");
        assertError(
                api.post("/clickpipes", withObjectStorage(base, "skipInitialLoad", true)),
                400,
                "BAD_REQUEST",
                "skipInitialLoad is only applicable when queueUrl is provided");
        assertThat(emulator.pipes()).as("no rejected request created a pipe").hasSize(pipesBefore);

        Map<String, Object> badScaling = new HashMap<>(base);
        badScaling.put("scaling", Map.of("replicas", 99));
        assertError(api.post("/clickpipes", badScaling), 400, "BAD_REQUEST", "replicas");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withObjectStorage(Map<String, Object> request, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(request);
        Map<String, Object> os =
                new HashMap<>((Map<String, Object>) ((Map<String, Object>) request.get("source")).get("objectStorage"));
        os.put(field, value);
        copy.put("source", Map.of("objectStorage", os));
        return copy;
    }

    // ------------------------------------------------------------------ state, settings, scaling

    @Test
    void stateCommandsFollowTheLifecycle() {
        String id = createPipe();
        ApiClient.Response early = api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"));
        assertError(early, 400, "BAD_REQUEST", "ClickPipe is already running");
        Await.until(
                "Running",
                Duration.ofSeconds(10),
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals("Running"));

        assertError(
                api.patch("/clickpipes/" + id + "/state", Map.of("command", "start")),
                400,
                "BAD_REQUEST",
                "ClickPipe is already running");
        assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"))
                        .error())
                .isEqualTo("BAD_REQUEST: " + id.substring(0, 8) + " ClickPipe is already running");

        ApiClient.Response stopping = api.patch("/clickpipes/" + id + "/state", Map.of("command", "stop"));
        assertThat(stopping.status()).isEqualTo(200);
        assertThat(stopping.result().get("state").asText()).isEqualTo("Stopping");
        Await.until(
                "Stopped",
                Duration.ofSeconds(10),
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals("Stopped"));
        assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", "stop"))
                        .status())
                .as("stop is idempotent")
                .isEqualTo(200);

        assertError(
                api.patch("/clickpipes/" + id + "/state", Map.of("command", "resync")),
                400,
                "BAD_REQUEST",
                "Resync is only supported for database (CDC) ClickPipes");
        assertError(
                api.patch("/clickpipes/" + id + "/state", Map.of("command", "pause")),
                400,
                "BAD_REQUEST",
                "/command: does not have a value in the enumeration [\"start\", \"stop\", \"resync\"]");
        assertError(
                api.patch("/clickpipes/" + id + "/state", Map.of("action", "stop")),
                400,
                "BAD_REQUEST",
                "command is required");

        ApiClient.Response started = api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"));
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.result().get("state").asText()).isEqualTo("Running");
        api.delete("/clickpipes/" + id);
    }

    @Test
    void slowStateTransitionsShowStoppingAndProvisioningForTheDelay() {
        String id = createPipe();
        Await.until(
                "Running",
                Duration.ofSeconds(10),
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals("Running"));
        // long enough that a loaded machine still sees the transition states
        emulator.stateTransitionDelay(Duration.ofSeconds(4));
        long t0 = System.nanoTime();
        api.patch("/clickpipes/" + id + "/state", Map.of("command", "stop"));
        assertThat(api.get("/clickpipes/" + id).result().get("state").asText()).isEqualTo("Stopping");
        Await.until(
                "Stopped",
                Duration.ofSeconds(20),
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals("Stopped"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(3_900));
        ApiClient.Response started = api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"));
        assertThat(started.result().get("state").asText()).isEqualTo("Provisioning");
        Await.until(
                "Running",
                Duration.ofSeconds(20),
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals("Running"));
        api.delete("/clickpipes/" + id);
    }

    @Test
    void settingsGetAndPutValidateNamesAndRanges() {
        String id = createPipe();
        ApiClient.Response got = api.get("/clickpipes/" + id + "/settings");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.result().get("object_storage_polling_interval_ms").asLong())
                .isEqualTo(200);
        assertThat(got.result().get("object_storage_max_file_count").asLong()).isEqualTo(10);

        ApiClient.Response put = api.put(
                "/clickpipes/" + id + "/settings",
                Map.of("object_storage_polling_interval_ms", 1000, "clickhouse_parallel_view_processing", true));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.result().get("object_storage_polling_interval_ms").asLong())
                .isEqualTo(1000);
        assertThat(put.result().get("clickhouse_parallel_view_processing").asBoolean())
                .isTrue();
        assertThat(api.get("/clickpipes/" + id)
                        .result()
                        .get("settings")
                        .get("object_storage_polling_interval_ms")
                        .asLong())
                .isEqualTo(1000);

        assertError(
                api.put("/clickpipes/" + id + "/settings", Map.of("no_such_setting", 1)),
                400,
                "BAD_REQUEST",
                "Unknown setting");
        assertError(
                api.put("/clickpipes/" + id + "/settings", Map.of("object_storage_max_file_count", 0)),
                400,
                "BAD_REQUEST",
                "/object_storage_max_file_count: must have a minimum value of 1");
        assertError(
                api.put("/clickpipes/" + id + "/settings", Map.of("object_storage_max_file_count", 10_001)),
                400,
                "BAD_REQUEST",
                "/object_storage_max_file_count: must have a maximum value of 10000");
        assertError(
                api.put("/clickpipes/" + id + "/settings", Map.of("object_storage_max_insert_bytes", 1024)),
                400,
                "BAD_REQUEST",
                "/object_storage_max_insert_bytes: must have a minimum value of 10485760");
        assertError(
                api.put("/clickpipes/" + id + "/settings", Map.of("object_storage_concurrency", 36)),
                400,
                "BAD_REQUEST",
                "/object_storage_concurrency: must have a maximum value of 35");
        assertError(
                api.put("/clickpipes/" + id + "/settings", Map.of("object_storage_max_file_count", "many")),
                400,
                "BAD_REQUEST",
                "/object_storage_max_file_count: string found, [integer, null] expected");
        api.delete("/clickpipes/" + id);
    }

    @Test
    void scalingPatchValidatesRangesAndReturnsThePipe() {
        String id = createPipe();
        ApiClient.Response scaled = api.patch(
                "/clickpipes/" + id + "/scaling",
                Map.of("replicas", 2, "replicaCpuMillicores", 500, "replicaMemoryGb", 2.0));
        assertThat(scaled.status()).as(scaled.toString()).isEqualTo(200);
        JsonNode scaling = scaled.result().get("scaling");
        assertThat(scaling.get("replicas").asInt()).isEqualTo(2);
        assertThat(scaling.get("replicaCpuMillicores").asInt()).isEqualTo(500);
        assertThat(scaling.get("replicaMemoryGb").asDouble()).isEqualTo(2.0);
        assertError(
                api.patch("/clickpipes/" + id + "/scaling", Map.of("replicaCpuMillicores", 100)),
                400,
                "BAD_REQUEST",
                "/replicaCpuMillicores: must have a minimum value of 125");
        assertError(
                api.patch("/clickpipes/" + id + "/scaling", Map.of("replicaMemoryGb", 16)),
                400,
                "BAD_REQUEST",
                "replicaMemoryGb");
        api.delete("/clickpipes/" + id);
    }

    // ------------------------------------------------------------------ service

    @Test
    void serviceGetPatchAndStateCommands() {
        ApiClient.Response service = api.get("");
        assertThat(service.status()).isEqualTo(200);
        JsonNode s = service.result();
        assertThat(s.get("id").asText()).isEqualTo(emulator.endpoint().serviceId());
        assertThat(s.get("state").asText()).isEqualTo("running");
        assertThat(s.get("clickhouseVersion").asText()).startsWith("26.");
        assertThat(schemas.at("/Service/required").size())
                .as("Service.required in the spec")
                .isPositive();
        assertServiceMatchesSpec(s);
        assertThat(s.get("autoscalingMode").asText()).isEqualTo("vertical");
        assertThat(s.at("/currentScaling/effectiveAutoscalingMode").asText()).isEqualTo("vertical");
        JsonNode endpoint = s.get("endpoints").get(0);
        URI clickHouse = TestEnvironment.clickHouse().endpoint().httpUrl();
        assertThat(endpoint.get("protocol").asText()).isEqualTo("https");
        assertThat(endpoint.get("host").asText()).isEqualTo(clickHouse.getHost());
        assertThat(endpoint.get("port").asInt()).isEqualTo(clickHouse.getPort());

        JsonNode renamed = api.patch("", Map.of("name", "renamed-service")).result();
        assertThat(renamed.get("name").asText()).isEqualTo("renamed-service");
        assertServiceMatchesSpec(renamed);

        ApiClient.Response stopped = api.patch("/state", Map.of("command", "stop"));
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.result().get("state").asText()).isEqualTo("stopped");
        assertServiceMatchesSpec(stopped.result());
        assertError(
                api.post("/clickpipes", fixture.pipeRequest(10, 200)),
                424,
                "FAILED_DEPENDENCY",
                "ClickPipe creation is allowed only when the ClickHouse service is running. Current state: stopped");
        assertThat(api.patch("/state", Map.of("command", "start"))
                        .result()
                        .get("state")
                        .asText())
                .isEqualTo("running");
        assertError(
                api.patch("/state", Map.of("command", "reboot")),
                400,
                "BAD_REQUEST",
                "/command: does not have a value in the enumeration [\"start\", \"stop\", \"awake\"]");
        assertError(api.delete(""), 400, "BAD_REQUEST", "cannot be deleted");
    }

    @Test
    void idleServiceAnswers424ToChangesUntilWoken() {
        String id = createPipe();
        emulator.serviceState("idle");
        assertError(
                api.post("/clickpipes", fixture.pipeRequest(10, 200)), 424, "FAILED_DEPENDENCY", "Current state: idle");
        assertError(
                api.patch("/clickpipes/" + id, Map.of("name", "x")),
                424,
                "FAILED_DEPENDENCY",
                "ClickPipe update is allowed only when the ClickHouse service is running. Current state: idle");
        assertError(
                api.patch("/clickpipes/" + id + "/state", Map.of("command", "stop")),
                424,
                "FAILED_DEPENDENCY",
                "Current state: idle");
        assertThat(api.get("/clickpipes/" + id).status()).as("reads still work").isEqualTo(200);
        assertThat(api.get("").result().get("state").asText()).isEqualTo("idle");

        assertThat(api.patch("/state", Map.of("command", "awake"))
                        .result()
                        .get("state")
                        .asText())
                .isEqualTo("running");
        assertThat(api.patch("/clickpipes/" + id, Map.of("name", "x")).status()).isEqualTo(200);
        assertThat(api.patch("/state", Map.of("command", "awake")).status())
                .as("awake is a no-op on a running service")
                .isEqualTo(200);
        emulator.serviceState("stopped");
        assertError(
                api.patch("/state", Map.of("command", "awake")),
                400,
                "BAD_REQUEST",
                "Service must be in idle state to awake");
        emulator.serviceState("running");
        api.delete("/clickpipes/" + id);
    }

    // ------------------------------------------------------------------ rate limit and API faults

    @Test
    void rateLimitAnswers429WithResetHeader() throws Exception {
        emulator.rateLimit(3, Duration.ofSeconds(4));
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/clickpipes").status()).isEqualTo(200);
        }
        ApiClient.Response limited = api.get("/clickpipes");
        assertError(limited, 429, "TOO_MANY_REQUESTS", "Rate limit");
        double reset = Double.parseDouble(
                limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isBetween(0.0, 4.0);
        assertThat(api.get("/admin/faults").status())
                .as("admin calls are not limited")
                .isEqualTo(200);
        Thread.sleep((long) (reset * 1000) + 50);
        assertThat(api.get("/clickpipes").status()).isEqualTo(200);
    }

    @Test
    void injectedBurstOf429AndIntermittent500HaveNoEffect() {
        emulator.throttleNextRequests(2, 0.25);
        ApiClient.Response first = api.post("/clickpipes", fixture.pipeRequest(10, 200));
        assertError(first, 429, "TOO_MANY_REQUESTS", "");
        assertThat(first.headers().firstValue("X-RateLimit-Reset")).contains("0.250");
        assertError(api.get("/clickpipes"), 429, "TOO_MANY_REQUESTS", "");
        assertThat(api.get("/clickpipes").status()).isEqualTo(200);

        int before = emulator.pipes().size();
        emulator.serverErrorEveryNthRequest(2);
        assertThat(api.get("/clickpipes").status()).isEqualTo(200);
        assertError(api.post("/clickpipes", fixture.pipeRequest(10, 200)), 500, "INTERNAL_SERVER_ERROR", "");
        assertThat(emulator.pipes()).as("a failed request changes nothing").hasSize(before);
        assertThat(api.get("/clickpipes").status()).isEqualTo(200);
        assertThat(api.get("/clickpipes").status()).isEqualTo(500);
    }

    // ------------------------------------------------------------------ admin

    @Test
    void adminEndpointsSetFaultsAndShowPipes() {
        String id = createPipe();
        ApiClient.Response faults = api.put(
                "/admin/faults",
                Map.of("faultMode", "replay-last-batch", "stateTransitionDelayMs", 0, "serviceState", "running"));
        assertThat(faults.status()).as(faults.toString()).isEqualTo(200);
        assertThat(faults.result().get("faultMode").asText()).isEqualTo("replay-last-batch");
        assertThat(emulator.faultMode()).isEqualTo(FaultMode.REPLAY_LAST_BATCH);

        ApiClient.Response perPipe =
                api.put("/admin/clickpipes/" + id + "/fault-mode", Map.of("faultMode", "skip-paused-files"));
        assertThat(perPipe.result().get("faultMode").asText()).isEqualTo("skip-paused-files");
        assertThat(emulator.pipe(id).orElseThrow().faultMode()).isEqualTo(FaultMode.SKIP_PAUSED_FILES);
        assertThat(api.get("/admin/faults")
                        .result()
                        .get("pipeFaultModes")
                        .get(id)
                        .asText())
                .isEqualTo("skip-paused-files");
        assertThat(api.delete("/admin/clickpipes/" + id + "/fault-mode")
                        .result()
                        .get("faultMode")
                        .asText())
                .isEqualTo("replay-last-batch");

        assertError(
                api.put("/admin/faults", Map.of("faultMode", "chaos")),
                400,
                "BAD_REQUEST",
                "valid fault modes: none, restart-from-scratch, skip-paused-files, replay-last-batch,"
                        + " ingest-while-paused");
        api.put("/admin/faults", Map.of("faultMode", "none"));
        assertThat(api.get("/admin/clickpipes/" + id).result().get("id").asText())
                .isEqualTo(id);
        api.delete("/clickpipes/" + id);
    }
}
