package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPES;
import static dev.cpcheck.clickpipes.ClientTests.SERVICE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.error;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static dev.cpcheck.clickpipes.ClientTests.service;
import static dev.cpcheck.clickpipes.ClientTests.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ModelFixtures;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 424 handling: wake an idle service with the {@code awake} command when asked to (as the
 * official Terraform provider does), start a stopped one only when asked to, repeat the call once.
 */
@ExtendWith(NoSecretsInLogs.class)
class ServiceWakeTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private static final String IDLE_424 = "FAILED_DEPENDENCY: Service is not running. Current state: idle";

    private final FakeTimeSource time = new FakeTimeSource();
    private ClickPipesClient client;

    private ClickPipesClient client(boolean wake) {
        client = ClientTests.builder(wm)
                .timeSource(time)
                .wakeIdleService(wake)
                .serviceWakeTimeout(Duration.ofMinutes(2))
                .build();
        return client;
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    /** Service start commands the client sent. */
    private static int startCommandsSent() {
        return commandsSent("start");
    }

    /** Service awake commands the client sent. */
    private static int awakeCommandsSent() {
        return commandsSent("awake");
    }

    private static int commandsSent(String command) {
        return count(patchRequestedFor(urlEqualTo(SERVICE_PATH + "/state"))
                .withRequestBody(equalToJson("{\"command\":\"" + command + "\"}", false, false)));
    }

    private static int count(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder p) {
        return wm.findAll(p).size();
    }

    @Test
    void wakesAnIdleServiceWaitsForItAndRepeatsTheCall() {
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                error(424, IDLE_424),
                okJson(s3Pipe(PIPE, "cpcheck-run-42", "Provisioning")));
        stubSequence(
                wm,
                "service",
                () -> get(SERVICE_PATH),
                okJson(service("idle")),
                okJson(service("awaking")),
                okJson(service("awaking")),
                okJson(service("running")));
        wm.stubFor(patch(urlEqualTo(SERVICE_PATH + "/state")).willReturn(okJson(service("awaking"))));

        ClickPipe pipe = client(true).create(ModelFixtures.fullCreateRequest());

        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(2);
        // an idle service is woken with "awake", never "start"
        assertThat(awakeCommandsSent()).isEqualTo(1);
        assertThat(startCommandsSent()).isZero();
        // one GET to see it idle, then polls until running: awaking, awaking, running
        assertThat(count(getRequestedFor(urlEqualTo(SERVICE_PATH)))).isEqualTo(4);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4500));
    }

    @Test
    void aStoppedServiceIsNeverStarted() {
        wm.stubFor(post(PIPES)
                .willReturn(error(424, "FAILED_DEPENDENCY: Service is not running. Current state: stopped")));
        wm.stubFor(get(SERVICE_PATH).willReturn(okJson(service("stopped"))));

        assertThatThrownBy(() -> client(true).create(ModelFixtures.fullCreateRequest()))
                .asInstanceOf(type(ServiceNotRunningException.class))
                .satisfies(e -> {
                    assertThat(e.serviceState()).contains("stopped");
                    assertThat(e).hasMessageContaining("startService()");
                });
        assertThat(count(patchRequestedFor(urlEqualTo(SERVICE_PATH + "/state"))))
                .isZero();
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(1);
    }

    @Test
    void aStoppedServiceIsStartedOnlyWhenAskedTo() {
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                error(424, "FAILED_DEPENDENCY: Service is not running. Current state: stopped"),
                okJson(s3Pipe(PIPE, "cpcheck-run-42", "Provisioning")));
        stubSequence(
                wm,
                "service",
                () -> get(SERVICE_PATH),
                okJson(service("stopped")),
                okJson(service("starting")),
                okJson(service("running")));
        wm.stubFor(patch(urlEqualTo(SERVICE_PATH + "/state")).willReturn(okJson(service("starting"))));
        client = ClientTests.builder(wm)
                .timeSource(time)
                .wakeStoppedService(true)
                .serviceWakeTimeout(Duration.ofMinutes(2))
                .build();

        ClickPipe pipe = client.create(ModelFixtures.fullCreateRequest());

        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(2);
        assertThat(startCommandsSent()).isEqualTo(1);
        assertThat(awakeCommandsSent()).isZero();
    }

    @Test
    void anAwakeRefusedBecauseAnotherClientWokeTheServiceIsNoFailure() {
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                error(424, IDLE_424),
                okJson(s3Pipe(PIPE, "cpcheck-run-42", "Provisioning")));
        stubSequence(
                wm,
                "service",
                () -> get(SERVICE_PATH),
                okJson(service("idle")),
                okJson(service("awaking")),
                okJson(service("running")));
        wm.stubFor(patch(urlEqualTo(SERVICE_PATH + "/state"))
                .willReturn(error(400, "BAD_REQUEST: Service must be in idle state to awake")));

        assertThat(client(true).create(ModelFixtures.fullCreateRequest()).id()).isEqualTo(PIPE);
        assertThat(awakeCommandsSent()).isEqualTo(1);
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(2);
    }

    @Test
    void theCallIsRepeatedOnlyOnce() {
        wm.stubFor(post(PIPES).willReturn(error(424, IDLE_424)));
        stubSequence(wm, "service", () -> get(SERVICE_PATH), okJson(service("idle")), okJson(service("running")));
        wm.stubFor(patch(urlEqualTo(SERVICE_PATH + "/state")).willReturn(okJson(service("awaking"))));

        assertThatThrownBy(() -> client(true).create(ModelFixtures.fullCreateRequest()))
                .isInstanceOf(ServiceNotRunningException.class);
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(2);
        assertThat(awakeCommandsSent()).isEqualTo(1);
    }

    @Test
    void anIdleServiceIsNotWokenWhenOnlyStoppedOnesMayBeStarted() {
        wm.stubFor(post(PIPES).willReturn(error(424, IDLE_424)));
        wm.stubFor(get(SERVICE_PATH).willReturn(okJson(service("idle"))));
        client = ClientTests.builder(wm)
                .timeSource(time)
                .wakeStoppedService(true)
                .build();

        assertThatThrownBy(() -> client.create(ModelFixtures.fullCreateRequest()))
                .isInstanceOf(ServiceNotRunningException.class);
        assertThat(count(patchRequestedFor(urlEqualTo(SERVICE_PATH + "/state"))))
                .isZero();
    }

    @Test
    void wakingIsOffByDefault() {
        wm.stubFor(post(PIPES).willReturn(error(424, IDLE_424)));

        assertThatThrownBy(() -> client(false).create(ModelFixtures.fullCreateRequest()))
                .isInstanceOf(ServiceNotRunningException.class)
                .hasMessageContaining("wakeIdleService(true)");
        assertThat(count(getRequestedFor(urlEqualTo(SERVICE_PATH)))).isZero();
        assertThat(count(patchRequestedFor(urlEqualTo(SERVICE_PATH + "/state"))))
                .isZero();
    }

    @Test
    void aServiceThatDoesNotWakeInTimeIsATimeout() {
        wm.stubFor(post(PIPES).willReturn(error(424, IDLE_424)));
        stubSequence(wm, "service", () -> get(SERVICE_PATH), okJson(service("idle")), okJson(service("awaking")));
        wm.stubFor(patch(urlEqualTo(SERVICE_PATH + "/state")).willReturn(okJson(service("awaking"))));

        assertThatThrownBy(() -> client(true).create(ModelFixtures.fullCreateRequest()))
                .asInstanceOf(type(ClickPipeWaitTimeoutException.class))
                .satisfies(e -> {
                    assertThat(e.lastState()).isEqualTo("awaking");
                    assertThat(e.pipeId()).isNull();
                    assertThat(e.waited()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(e).hasMessageContaining("did not reach running within 2 min 0.0 s");
                });
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(1);
    }

    @Test
    void aServiceAlreadyWakingIsAwaitedWithoutAnotherStart() {
        stubSequence(
                wm,
                "state",
                () -> patch(urlEqualTo(ClientTests.PIPE_PATH + "/state")),
                error(424, "FAILED_DEPENDENCY: Service is not running. Current state: awaking"),
                okJson(s3Pipe(PIPE, "p", "Stopping")));
        stubSequence(wm, "service", () -> get(SERVICE_PATH), okJson(service("awaking")), okJson(service("running")));

        assertThat(client(true).stop(PIPE).rawState()).isEqualTo("Stopping");
        assertThat(count(patchRequestedFor(urlEqualTo(SERVICE_PATH + "/state"))))
                .isZero();
    }
}
