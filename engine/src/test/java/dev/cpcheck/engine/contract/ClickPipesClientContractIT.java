package dev.cpcheck.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipeStateConflictException;
import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesBadRequestException;
import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesJson;
import dev.cpcheck.clickpipes.ServiceNotRunningException;
import dev.cpcheck.clickpipes.WaiterConfig;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationColumn;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ServiceState;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import dev.cpcheck.engine.contract.ContractStack.Run;
import dev.cpcheck.engine.internal.ClickPipesPipeControl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real API client and the engine's pipe control driven against the emulator, no mocks: every
 * operation the client has, the requests the engine builds, and each documented rejection, which
 * the emulator must refuse and the client must surface as its exception with the live message.
 */
class ClickPipesClientContractIT {
    private static final WaiterConfig WAIT = WaiterConfig.custom()
            .timeout(Duration.ofSeconds(30))
            .initialInterval(Duration.ofMillis(100))
            .maxInterval(Duration.ofMillis(500))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static ContractStack stack;

    @BeforeAll
    static void start() {
        stack = ContractStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void heal() {
        stack.emulator().serviceState("running");
        stack.emulator().throttleNextRequests(0);
        stack.emulator().serverErrorEveryNthRequest(0);
        stack.emulator().provisioningDelay(Duration.ofMillis(300));
    }

    private static ClickPipesClient client() {
        return stack.client().build();
    }

    /** The create request the engine sends for a run whose table it created. */
    private static ClickPipeCreateRequest engineRequest(Run run) {
        return ClickPipesPipeControl.createRequest(run.spec(), false);
    }

    @Test
    void everyOperationOfTheClientOnAPipeTheEngineDescribes() throws Exception {
        Run run = stack.newRun("lifecycle");
        stack.createTable(run);
        stack.writeFiles(run, 0, 4);
        try (ClickPipesClient client = client()) {
            assertThat(client.getService().state()).isEqualTo(ServiceState.RUNNING);

            // long enough that a loaded machine cannot end provisioning before the response
            stack.emulator().provisioningDelay(Duration.ofSeconds(4));
            ClickPipe created = client.create(engineRequest(run));
            assertThat(created.state()).isEqualTo(ClickPipeState.PROVISIONING);
            assertThat(created.destination().columns())
                    .extracting(ClickPipeDestinationColumn::name)
                    .containsExactly("run_id", "file_id", "row_id", "phase", "event_time", "payload", "source_file");
            assertThat(created.objectStorage().url())
                    .isEqualTo(run.spec().source().url());
            String id = created.id();

            assertThat(client.get(id).name()).isEqualTo(run.spec().name());
            client.waiter().untilState(id, EnumSet.of(ClickPipeState.RUNNING), WAIT);
            ContractStack.await("4 files", TIMEOUT, () -> stack.rows(run) == 12);
            assertThat(client.list()).extracting(ClickPipe::id).contains(id);
            assertThat(client.findByName(run.spec().name())).map(ClickPipe::id).contains(id);

            client.stop(id);
            client.waiter().untilState(id, EnumSet.of(ClickPipeState.STOPPED), WAIT);
            stack.writeFiles(run, 4, 6);
            client.start(id);
            client.waiter().untilState(id, EnumSet.of(ClickPipeState.RUNNING), WAIT);
            ContractStack.await("6 files", TIMEOUT, () -> stack.rows(run) == 18);
            assertThat(stack.filesNotExactlyOnce(run, 6)).isZero();

            ClickPipeSettings settings =
                    client.putSettings(id, Map.of(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, 500));
            assertThat(settings.getLong(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS))
                    .contains(500L);
            assertThat(client.getSettings(id).getLong(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT))
                    .contains(2L);
            assertThat(client.updateScaling(id, ClickPipeScalingRequest.replicas(3))
                            .scaling()
                            .replicas())
                    .isEqualTo(3);
            assertThat(client.update(
                                    id,
                                    ClickPipeUpdateRequest.builder()
                                            .name("renamed")
                                            .build())
                            .name())
                    .isEqualTo("renamed");

            client.delete(id);
            assertThatThrownBy(() -> client.get(id)).isInstanceOf(ClickPipeNotFoundException.class);
        }
    }

    @Test
    void theEnginesPipeControlCreatesPausesResumesConfiguresAdoptsAndDeletes() throws Exception {
        Run run = stack.newRun("control");
        stack.createTable(run);
        stack.writeFiles(run, 0, 2);
        try (ClickPipesClient client = client()) {
            ClickPipesPipeControl control = new ClickPipesPipeControl(client);
            PipeInfo info = control.create(run.spec());
            ContractStack.await("Running", TIMEOUT, () -> control.state(info.id()) == PipeState.RUNNING);
            ContractStack.await("2 files", TIMEOUT, () -> stack.rows(run) == 6);
            control.pause(info.id());
            ContractStack.await("Stopped", TIMEOUT, () -> control.state(info.id()) == PipeState.STOPPED);
            control.resume(info.id());
            ContractStack.await("Running", TIMEOUT, () -> control.state(info.id()) == PipeState.RUNNING);
            control.resume(info.id()); // "already running" is taken as done
            control.configure(info.id(), Map.of("object_storage_max_file_count", 5));
            assertThat(client.getSettings(info.id()).getLong(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT))
                    .contains(5L);
            PipeInfo adopted = control.adopt(info.id());
            assertThat(adopted.destination()).isEqualTo(run.destination());
            assertThat(adopted.sourceUrl()).isEqualTo(run.spec().source().url());
            control.delete(info.id());
            control.delete(info.id()); // a pipe that is gone is not an error
        }
    }

    @Test
    void aManagedTablePipeCreatesItsTableAndFillsIt() throws Exception {
        Run run = stack.newRun("managed");
        stack.writeFiles(run, 0, 3);
        try (ClickPipesClient client = client()) {
            ClickPipesPipeControl control = new ClickPipesPipeControl(client, true);
            PipeInfo info = control.create(run.spec());
            ContractStack.await("3 files", TIMEOUT, () -> {
                try {
                    return stack.rows(run) == 9;
                } catch (RuntimeException e) {
                    return false; // the table appears with the pipe
                }
            });
            assertThat(client.get(info.id()).destination().managedTable()).isTrue();
            assertThat(stack.sql.queryLong("SELECT count() AS n FROM system.columns WHERE database = 'default'"
                            + " AND table = '" + run.table() + "'"))
                    .as("exactly the columns of the request")
                    .isEqualTo(7);
            assertThat(stack.filesNotExactlyOnce(run, 3)).isZero();
            control.delete(info.id());
        }
    }

    // ------------------------------------------------------------------ documented rejections

    @Test
    void aCreateWithoutColumnsIsRejectedWithTheLiveMessage() {
        Run run = stack.newRun("nocolumns");
        stack.createTable(run);
        ClickPipeCreateRequest engine = engineRequest(run);
        ClickPipeCreateRequest withoutColumns = engine.toBuilder()
                .destination(ClickPipeDestination.builder()
                        .database("default")
                        .table(run.table())
                        .managedTable(false)
                        .build())
                .build();
        try (ClickPipesClient client = client()) {
            assertThatThrownBy(() -> client.create(withoutColumns))
                    .isInstanceOf(ClickPipesBadRequestException.class)
                    .hasMessageContaining("Columns are required if field mappings are provided");
        }
    }

    @Test
    void aCreateThatLeavesAColumnUnmappedIsRejected() {
        Run run = stack.newRun("unmapped");
        stack.createTable(run);
        ClickPipeCreateRequest engine = engineRequest(run);
        ClickPipeCreateRequest unmapped = engine.toBuilder()
                .fieldMappings(engine.fieldMappings().stream()
                        .filter(m -> !m.destinationField().equals("source_file"))
                        .toList())
                .build();
        try (ClickPipesClient client = client()) {
            assertThatThrownBy(() -> client.create(unmapped))
                    .isInstanceOf(ClickPipesBadRequestException.class)
                    .hasMessageContaining("All destination columns must be included in the field mappings")
                    .hasMessageContaining("source_file");
        }
    }

    @Test
    void startAfterWithSkipInitialLoadIsRejected() {
        Run run = stack.newRun("startafter");
        stack.createTable(run);
        ClickPipeCreateRequest engine = engineRequest(run);
        ClickPipeCreateRequest both = engine.toBuilder()
                .source(engine.source().objectStorage().toBuilder()
                        .skipInitialLoad(true)
                        .startAfter("runs/x")
                        .build())
                .build();
        try (ClickPipesClient client = client()) {
            assertThatThrownBy(() -> client.create(both))
                    .isInstanceOf(ClickPipesBadRequestException.class)
                    .hasMessageContaining("startAfter cannot be provided when skipInitialLoad is true");
        }
    }

    @Test
    void startingARunningPipeResyncAndSettingsOutOfRangeAreRejected() throws Exception {
        Run run = stack.newRun("commands");
        stack.createTable(run);
        try (ClickPipesClient client = client()) {
            String id = client.create(engineRequest(run)).id();
            client.waiter().untilState(id, EnumSet.of(ClickPipeState.RUNNING), WAIT);
            assertThatThrownBy(() -> client.start(id))
                    .isInstanceOf(ClickPipeStateConflictException.class)
                    .hasMessageContaining(id.substring(0, 8) + " ClickPipe is already running");
            assertThatThrownBy(() -> client.resync(id))
                    .isInstanceOf(ClickPipesBadRequestException.class)
                    .hasMessageContaining("Resync is only supported for database (CDC) ClickPipes");
            assertThatThrownBy(() -> client.putSettings(id, Map.of("object_storage_max_file_count", 0)))
                    .isInstanceOf(ClickPipesBadRequestException.class)
                    .hasMessageContaining("/object_storage_max_file_count: must have a minimum value of 1");
            assertThatThrownBy(() -> client.putSettings(id, Map.of("object_storage_polling_interval_ms", 99)))
                    .isInstanceOf(ClickPipesBadRequestException.class)
                    .hasMessageContaining("/object_storage_polling_interval_ms: must have a minimum value of 100");
            client.delete(id);
        }
    }

    @Test
    void anIdleServiceIsReportedAndTheEnginesControlNamesIt() {
        Run run = stack.newRun("idle");
        stack.createTable(run);
        try (ClickPipesClient client = client()) {
            stack.emulator().serviceState("idle");
            assertThatThrownBy(() -> client.create(engineRequest(run)))
                    .isInstanceOf(ServiceNotRunningException.class)
                    .hasMessageContaining(
                            "ClickPipe creation is allowed only when the ClickHouse service is running. Current"
                                    + " state: idle");
            assertThatThrownBy(() -> new ClickPipesPipeControl(client).create(run.spec()))
                    .isInstanceOf(InfrastructureException.class)
                    .hasMessageContaining("create pipe " + run.spec().name())
                    .hasMessageContaining("Current state: idle");
        }
    }

    @Test
    void theClientWakesAnIdleServiceRetriesThrottlingAndServerErrors() {
        Run run = stack.newRun("retries");
        stack.createTable(run);
        try (ClickPipesClient client = stack.client()
                .wakeIdleService(true)
                .serviceWakeTimeout(Duration.ofSeconds(20))
                .build()) {
            stack.emulator().throttleNextRequests(2, 0.1);
            assertThat(client.list()).isNotNull();
            stack.emulator().serverErrorEveryNthRequest(2);
            ClickPipe created = client.create(engineRequest(run));
            stack.emulator().serverErrorEveryNthRequest(0);
            assertThat(client.list().stream()
                            .filter(p -> p.name().equals(run.spec().name())))
                    .as("a retried create made one pipe")
                    .hasSize(1);
            stack.emulator().serviceState("idle");
            assertThat(client.update(
                                    created.id(),
                                    ClickPipeUpdateRequest.builder()
                                            .name("woken")
                                            .build())
                            .name())
                    .isEqualTo("woken");
            assertThat(stack.emulator().serviceState()).isEqualTo("running");
            client.delete(created.id());
        }
    }

    @Test
    void aStoppedServiceIsStartedWhenAskedAndPipeChangesWaitForIt() {
        Run run = stack.newRun("stopped");
        stack.createTable(run);
        try (ClickPipesClient client = client()) {
            stack.emulator().serviceState("stopped");
            assertThatThrownBy(() -> client.create(engineRequest(run)))
                    .isInstanceOf(ServiceNotRunningException.class)
                    .hasMessageContaining("Current state: stopped");
            assertThat(client.startService().state()).isEqualTo(ServiceState.RUNNING);
            String id = client.create(engineRequest(run)).id();
            client.delete(id);
        }
    }

    @Test
    void aWrongKeyIsAnAuthenticationError() {
        try (ClickPipesClient client = stack.client().apiKeySecret("wrong").build()) {
            assertThatThrownBy(client::list).isInstanceOf(ClickPipesAuthenticationException.class);
        }
    }

    /** What a user sees with curl: a raw create without columns is 400 with the live message. */
    @Test
    void aRawCreateWithoutColumnsGets400WithTheLiveMessage() throws Exception {
        Run run = stack.newRun("raw");
        stack.createTable(run);
        ObjectMapper json = ClickPipesJson.mapper();
        JsonNode body = json.valueToTree(engineRequest(run));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("destination")).remove("columns");
        ClickPipesEndpoint e = stack.stack.clickPipes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(e.apiBaseUrl() + "/v1/organizations/"
                        + e.organizationId() + "/services/" + e.serviceId() + "/clickpipes"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((e.apiKeyId() + ":" + e.apiKeySecret())
                                                .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("error").asText())
                .isEqualTo("BAD_REQUEST: Columns are required if field mappings are provided");
        assertThat(error.get("requestId").asText()).isNotBlank();
    }
}
