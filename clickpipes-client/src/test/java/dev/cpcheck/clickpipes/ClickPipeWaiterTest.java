package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static dev.cpcheck.clickpipes.ClientTests.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The waiter on virtual time: poll sequence, intervals, events, failure and timeout. */
@ExtendWith(NoSecretsInLogs.class)
class ClickPipeWaiterTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private final FakeTimeSource time = new FakeTimeSource();
    private final List<WaiterPollEvent> events = new CopyOnWriteArrayList<>();
    private ClickPipesClient client;

    @BeforeEach
    void setUp() {
        client = ClientTests.builder(wm).timeSource(time).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static ResponseDefinitionBuilder state(String state) {
        return okJson(s3Pipe(PIPE, "cpcheck-run-42", state));
    }

    private WaiterConfig.Builder config() {
        return WaiterConfig.custom()
                .timeout(Duration.ofMinutes(2))
                .initialInterval(Duration.ofSeconds(2))
                .backoffMultiplier(1.5)
                .maxInterval(Duration.ofSeconds(4))
                .listener(events::add);
    }

    @Test
    void returnsWhenATargetStateIsSeenAndReportsEveryPoll() {
        stubSequence(
                wm,
                "start",
                () -> get(PIPE_PATH),
                state("Provisioning"),
                state("Provisioning"),
                state("Provisioning"),
                state("Running"));

        ClickPipe pipe = client.waiter().untilState(PIPE, Set.of(ClickPipeState.RUNNING), config().build());

        assertThat(pipe.state()).isEqualTo(ClickPipeState.RUNNING);
        // intervals 2 s, then ×1.5 = 3 s, then capped at 4 s
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4));
        assertThat(events).extracting(WaiterPollEvent::attempt).containsExactly(1, 2, 3, 4);
        assertThat(events)
                .extracting(WaiterPollEvent::state)
                .containsExactly(
                        ClickPipeState.PROVISIONING,
                        ClickPipeState.PROVISIONING,
                        ClickPipeState.PROVISIONING,
                        ClickPipeState.RUNNING);
        assertThat(events)
                .extracting(WaiterPollEvent::elapsed)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(9));
        assertThat(events).extracting(WaiterPollEvent::reachedTarget).containsExactly(false, false, false, true);
        assertThat(events.get(0).pipeId()).isEqualTo(PIPE);
        assertThat(events.get(0).targets()).containsExactly(ClickPipeState.RUNNING);
        assertThat(events.get(3).polledAt()).isEqualTo(events.get(0).polledAt().plusSeconds(9));
        assertThat(wm.findAll(getRequestedFor(urlEqualTo(PIPE_PATH)))).hasSize(4);
    }

    @Test
    void anyOfSeveralTargetsEndsTheWait() {
        stubSequence(wm, "stop", () -> get(PIPE_PATH), state("Running"), state("Completed"));
        ClickPipe pipe = client.waiter()
                .untilState(PIPE, Set.of(ClickPipeState.STOPPED, ClickPipeState.COMPLETED), config().build());
        assertThat(pipe.state()).isEqualTo(ClickPipeState.COMPLETED);
    }

    @Test
    void failsAtOnceWhenThePipeFails() {
        stubSequence(wm, "fail", () -> get(PIPE_PATH), state("Stopping"), state("Failed"), state("Stopped"));

        assertThatThrownBy(() -> client.waiter().untilState(PIPE, Set.of(ClickPipeState.STOPPED), config().build()))
                .asInstanceOf(type(ClickPipeFailedException.class))
                .satisfies(e -> {
                    assertThat(e.state()).isEqualTo(ClickPipeState.FAILED);
                    assertThat(e.pipeId()).isEqualTo(PIPE);
                    assertThat(e.polls()).isEqualTo(2);
                    assertThat(e.waited()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(e).hasMessageContaining("entered state Failed").hasMessageContaining("[Stopped]");
                });
        assertThat(wm.findAll(getRequestedFor(urlEqualTo(PIPE_PATH)))).hasSize(2);
    }

    @Test
    void internalErrorIsAFailureToo() {
        wm.stubFor(get(PIPE_PATH).willReturn(state("InternalError")));
        assertThatThrownBy(() -> client.waiter().untilState(PIPE, ClickPipeState.RUNNING))
                .asInstanceOf(type(ClickPipeFailedException.class))
                .satisfies(e -> assertThat(e.state()).isEqualTo(ClickPipeState.INTERNAL_ERROR));
    }

    @Test
    void aFailureStateCanBeTheTarget() {
        wm.stubFor(get(PIPE_PATH).willReturn(state("Failed")));
        assertThat(client.waiter()
                        .untilState(PIPE, Set.of(ClickPipeState.FAILED), config().build())
                        .state())
                .isEqualTo(ClickPipeState.FAILED);
    }

    @Test
    void timesOutWithTheLastStateAndHowLongItWaited() {
        wm.stubFor(get(PIPE_PATH).willReturn(state("Stopping")));
        WaiterConfig tenSeconds = config().timeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> client.waiter().untilState(PIPE, Set.of(ClickPipeState.STOPPED), tenSeconds))
                .asInstanceOf(type(ClickPipeWaitTimeoutException.class))
                .satisfies(e -> {
                    assertThat(e.lastState()).isEqualTo("Stopping");
                    assertThat(e.pipeId()).isEqualTo(PIPE);
                    assertThat(e.waited()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(e.polls()).isEqualTo(5);
                    assertThat(e.lastPipe()).map(ClickPipe::state).contains(ClickPipeState.STOPPING);
                    assertThat(e.getMessage())
                            .contains("did not reach [Stopped] within 10.0 s")
                            .contains("last seen state Stopping")
                            .contains("5 polls over 10.0 s");
                });
        // 2 + 3 + 4 = 9 s, then only the 1 s left until the deadline, where the last poll happens
        assertThat(time.sleeps())
                .containsExactly(
                        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(1));
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void unknownStatesAreReportedRaw() {
        stubSequence(wm, "odd", () -> get(PIPE_PATH), state("Hibernating"), state("Running"));
        client.waiter().untilState(PIPE, Set.of(ClickPipeState.RUNNING), config().build());
        assertThat(events.get(0).state()).isEqualTo(ClickPipeState.UNKNOWN);
        assertThat(events.get(0).rawState()).isEqualTo("Hibernating");
    }

    @Test
    void aMissingPipeEndsTheWait() {
        wm.stubFor(get(PIPE_PATH).willReturn(ClientTests.error(404, "NOT_FOUND: ClickPipe not found")));
        assertThatThrownBy(() -> client.waiter().untilState(PIPE, ClickPipeState.RUNNING))
                .isInstanceOf(ClickPipeNotFoundException.class);
    }

    @Test
    void configIsValidatedWithHelpfulMessages() {
        assertThatThrownBy(() -> client.waiter().untilState(PIPE, Set.of(), config().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> WaiterConfig.custom().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> WaiterConfig.custom().backoffMultiplier(0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 1.0");
        assertThatThrownBy(() -> WaiterConfig.custom()
                        .initialInterval(Duration.ofSeconds(20))
                        .maxInterval(Duration.ofSeconds(10))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInterval");
    }
}
