package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipeStateConflictException;
import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesBadRequestException;
import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitConfig;
import dev.cpcheck.clickpipes.ClickPipesRetryConfig;
import dev.cpcheck.clickpipes.ServiceNotRunningException;
import dev.cpcheck.clickpipes.WaiterConfig;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeAccessKey;
import dev.cpcheck.clickpipes.model.ClickPipeCreateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationColumn;
import dev.cpcheck.clickpipes.model.ClickPipeFieldMapping;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ObjectStorageAuthentication;
import dev.cpcheck.clickpipes.model.ObjectStorageFormat;
import dev.cpcheck.clickpipes.model.ObjectStorageType;
import dev.cpcheck.clickpipes.model.ServiceState;
import dev.cpcheck.emulator.support.Await;
import dev.cpcheck.emulator.support.Fixture;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator driven through the typed {@link ClickPipesClient} of cpcheck-clickpipes-client:
 * client and emulator agree on paths, bodies, states, errors, rate limiting and service waking.
 */
class ClickPipesClientIT {
    private static final WaiterConfig WAIT = WaiterConfig.custom()
            .timeout(Duration.ofSeconds(30))
            .initialInterval(Duration.ofMillis(100))
            .maxInterval(Duration.ofMillis(500))
            .build();
    private static ClickPipesEmulator emulator;
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        emulator = ClickPipesEmulator.builder()
                .clickHouse(TestEnvironment.clickHouse().endpoint())
                .provisioningDelay(Duration.ofMillis(300))
                .rateLimit(100, Duration.ofSeconds(10))
                .start();
        fixture = Fixture.create("client");
    }

    @AfterAll
    static void stop() {
        fixture.close();
        emulator.close();
    }

    @AfterEach
    void heal() {
        emulator.serviceState("running");
        emulator.throttleNextRequests(0);
        emulator.serverErrorEveryNthRequest(0);
        emulator.rateLimit(100, Duration.ofSeconds(10));
        emulator.provisioningDelay(Duration.ofMillis(300));
    }

    private static ClickPipesClient.Builder clientBuilder() {
        ClickPipesEndpoint e = emulator.endpoint();
        return ClickPipesClient.builder()
                .baseUrl(e.apiBaseUrl())
                .organizationId(e.organizationId())
                .serviceId(e.serviceId())
                .apiKeyId(e.apiKeyId())
                .apiKeySecret(e.apiKeySecret())
                .rateLimitConfig(ClickPipesRateLimitConfig.disabled())
                .retryConfig(ClickPipesRetryConfig.custom()
                        .maxAttempts(5)
                        .initialBackoff(Duration.ofMillis(50))
                        .maxRetryDuration(Duration.ofSeconds(20))
                        .build());
    }

    private static ClickPipeCreateRequest request(String name) {
        S3Endpoint s3 = TestEnvironment.s3().endpoint();
        List<ClickPipeFieldMapping> mappings = new ArrayList<>();
        for (String c : List.of("run_id", "file_id", "row_id", "phase", "event_time", "payload")) {
            mappings.add(new ClickPipeFieldMapping(c, c));
        }
        mappings.add(new ClickPipeFieldMapping("_file", "source_file"));
        return ClickPipeCreateRequest.builder()
                .name(name)
                .source(ClickPipeCreateObjectStorageSource.builder()
                        .type(ObjectStorageType.S3)
                        .format(ObjectStorageFormat.JSON_EACH_ROW)
                        .url(fixture.url())
                        .isContinuous(true)
                        .authentication(ObjectStorageAuthentication.IAM_USER)
                        .accessKey(new ClickPipeAccessKey(s3.accessKey(), s3.secretKey()))
                        .build())
                .destination(ClickPipeDestination.builder()
                        .database("default")
                        .table(fixture.table)
                        .managedTable(false)
                        .columns(List.of(new ClickPipeDestinationColumn("file_id", "UInt32")))
                        .build())
                .fieldMappings(mappings)
                .settings(ClickPipeSettings.empty()
                        .with(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, 200)
                        .with(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT, 2))
                .build();
    }

    @Test
    void fullLifecycleThroughTheTypedClient() {
        fixture.writeFiles(0, 4, 3, "before");
        try (ClickPipesClient client = clientBuilder().build()) {
            assertThat(client.getService().state()).isEqualTo(ServiceState.RUNNING);

            // long enough that disk syncs of a loaded machine cannot end provisioning before the response
            emulator.provisioningDelay(Duration.ofSeconds(4));
            ClickPipe created = client.create(request("client-lifecycle"));
            assertThat(created.state()).isEqualTo(ClickPipeState.PROVISIONING);
            assertThat(created.objectStorage().url()).isEqualTo(fixture.url());
            assertThat(created.objectStorage().format()).isEqualTo(ObjectStorageFormat.JSON_EACH_ROW);
            assertThat(created.settings().getLong(ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT))
                    .contains(2L);
            String id = created.id();

            ClickPipe running = client.waiter().untilState(id, EnumSet.of(ClickPipeState.RUNNING), WAIT);
            assertThat(running.serviceId()).isEqualTo(emulator.endpoint().serviceId());
            Await.until(
                    "4 files",
                    Duration.ofSeconds(30),
                    () -> emulator.pipe(id).orElseThrow().filesIngested() == 4);

            assertThatThrownBy(() -> client.start(id)).isInstanceOf(ClickPipeStateConflictException.class);
            client.stop(id);
            client.waiter().untilState(id, EnumSet.of(ClickPipeState.STOPPED), WAIT);
            fixture.writeFiles(4, 6, 3, "paused");
            client.start(id);
            client.waiter().untilState(id, EnumSet.of(ClickPipeState.RUNNING), WAIT);
            Await.until(
                    "6 files",
                    Duration.ofSeconds(30),
                    () -> emulator.pipe(id).orElseThrow().filesIngested() == 6);
            assertThat(fixture.filesNotExactlyOnce(6, 3)).isEmpty();

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
                                            .name("client-renamed")
                                            .build())
                            .name())
                    .isEqualTo("client-renamed");
            assertThat(client.findByName("client-renamed")).map(ClickPipe::id).contains(id);
            assertThat(client.list()).extracting(ClickPipe::id).contains(id);
            assertThatThrownBy(() -> client.resync(id)).isInstanceOf(ClickPipesBadRequestException.class);

            client.delete(id);
            assertThatThrownBy(() -> client.get(id)).isInstanceOf(ClickPipeNotFoundException.class);
        }
    }

    @Test
    void wrongKeyIsAnAuthenticationError() {
        try (ClickPipesClient client = clientBuilder().apiKeySecret("wrong").build()) {
            assertThatThrownBy(client::list).isInstanceOf(ClickPipesAuthenticationException.class);
        }
    }

    @Test
    void clientRetriesThrottlingAndServerErrorsAndWakesAnIdleService() {
        try (ClickPipesClient client = clientBuilder()
                .wakeIdleService(true)
                .serviceWakeTimeout(Duration.ofSeconds(20))
                .build()) {
            emulator.throttleNextRequests(2, 0.1);
            assertThat(client.list()).isNotNull();
            assertThat(emulator.pipes()).isNotNull();

            emulator.serverErrorEveryNthRequest(2);
            ClickPipe created = client.create(request("client-retries"));
            emulator.serverErrorEveryNthRequest(0);
            assertThat(client.list().stream().filter(p -> p.name().equals("client-retries")))
                    .hasSize(1);

            emulator.serviceState("idle");
            ClickPipe renamed = client.update(
                    created.id(), ClickPipeUpdateRequest.builder().name("woken").build());
            assertThat(renamed.name()).isEqualTo("woken");
            assertThat(emulator.serviceState()).isEqualTo("running");
            client.delete(created.id());
        }
    }

    @Test
    void withoutWakingAnIdleServiceIsReported() {
        try (ClickPipesClient client = clientBuilder().build()) {
            emulator.serviceState("idle");
            assertThatThrownBy(() -> client.create(request("client-idle")))
                    .isInstanceOf(ServiceNotRunningException.class)
                    .hasMessageContaining("idle");
        }
    }

    @Test
    void clientSideLimiterKeepsWithinTheEmulatorsDefaultRateLimit() {
        emulator.rateLimit(5, Duration.ofSeconds(2));
        ClickPipesEndpoint e = emulator.endpoint();
        try (ClickPipesClient client = ClickPipesClient.builder()
                .baseUrl(e.apiBaseUrl())
                .organizationId(e.organizationId())
                .serviceId(e.serviceId())
                .apiKeyId(e.apiKeyId())
                .apiKeySecret(e.apiKeySecret())
                .rateLimitConfig(ClickPipesRateLimitConfig.custom()
                        .limitForPeriod(5)
                        .period(Duration.ofSeconds(2))
                        .build())
                .build()) {
            for (int i = 0; i < 12; i++) {
                assertThat(client.getService().state()).isEqualTo(ServiceState.RUNNING);
            }
        }
    }
}
