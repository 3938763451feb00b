package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import static dev.cpcheck.clickpipes.ClientTests.error;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static dev.cpcheck.clickpipes.ClientTests.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ModelFixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retry behaviour, measured on virtual time: every wait goes through {@link FakeTimeSource}, so
 * the tests assert exact wait lengths and run instantly.
 */
@ExtendWith(NoSecretsInLogs.class)
class ClickPipesRetryTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private final FakeTimeSource time = new FakeTimeSource();
    private ClickPipesClient client;

    private ClickPipesClient client(ClickPipesRetryConfig retry) {
        client = ClientTests.builder(wm).timeSource(time).retryConfig(retry).build();
        return client;
    }

    /** Default retry settings without jitter: backoff 4 s, 8 s, 16 s, 30 s …; 90 s budget. */
    private ClickPipesClient client() {
        return client(ClickPipesRetryConfig.custom().randomizationFactor(0).build());
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    private static int count(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder p) {
        return wm.findAll(p).size();
    }

    @Test
    void rateLimitedWaitsTheResetHeaderPlusOneSecond() {
        stubSequence(
                wm,
                "429",
                () -> get(PIPE_PATH),
                error(429, "TOO_MANY_REQUESTS: Rate limit exceeded").withHeader("X-RateLimit-Reset", "2.5"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        ClickPipe pipe = client().get(PIPE);

        assertThat(pipe.state()).isEqualTo(ClickPipeState.RUNNING);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(3500));
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(2);
    }

    @Test
    void rateLimitedHonoursRetryAfterWhenThereIsNoResetHeader() {
        stubSequence(
                wm,
                "429",
                () -> get(PIPE_PATH),
                error(429, "TOO_MANY_REQUESTS: slow down").withHeader("Retry-After", "3"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        client().get(PIPE);

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void serverErrorsBackOffExponentiallyThenSucceed() {
        stubSequence(
                wm,
                "5xx",
                () -> get(PIPE_PATH),
                error(503, "SERVICE_UNAVAILABLE: upstream"),
                error(500, "INTERNAL_SERVER_ERROR: oops"),
                error(502, "BAD_GATEWAY: proxy"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        assertThat(client().get(PIPE).id()).isEqualTo(PIPE);

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(4);
    }

    @Test
    void backoffHasJitterWithinTheRandomizationFactor() {
        stubSequence(
                wm,
                "jitter",
                () -> get(PIPE_PATH),
                error(503, "A"),
                error(503, "B"),
                error(503, "C"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        client(ClickPipesRetryConfig.custom().randomizationFactor(0.5).build()).get(PIPE);

        assertThat(time.sleeps()).hasSize(3);
        assertThat(time.sleeps().get(0)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
        assertThat(time.sleeps().get(1)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(12));
        assertThat(time.sleeps().get(2)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(24));
    }

    @Test
    void connectionFailuresAreRetried() {
        // PUT, because the JDK HTTP client silently repeats a GET once after a dropped connection
        String path = PIPE_PATH + "/settings";
        stubSequence(
                wm,
                "reset",
                () -> put(urlEqualTo(path)),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                okJson("{\"object_storage_polling_interval_ms\":1000}"));

        assertThat(client().putSettings(PIPE, Map.of("object_storage_polling_interval_ms", 1000))
                        .objectStoragePollingIntervalMs())
                .contains(1000L);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(count(putRequestedFor(urlEqualTo(path)))).isEqualTo(3);
    }

    @Test
    void badRequestIsNeverRetried() {
        wm.stubFor(patch(urlEqualTo(PIPE_PATH)).willReturn(error(400, "BAD_REQUEST: name too long")));

        assertThatThrownBy(() -> client().update(
                                PIPE,
                                dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest.builder()
                                        .name("x")
                                        .build()))
                .isInstanceOf(ClickPipesBadRequestException.class);
        assertThat(count(patchRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {404, 408, 409, 422})
    void otherClientErrorsAreNeverRetried(int status) {
        wm.stubFor(get(urlEqualTo(PIPE_PATH)).willReturn(error(status, "SOME_ERROR: no")));

        assertThatThrownBy(() -> client().get(PIPE))
                .isInstanceOf(ClickPipesServiceException.class)
                .satisfies(e -> assertThat(((ClickPipesServiceException) e).isRetryable())
                        .isFalse());
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastTypedError() {
        wm.stubFor(get(PIPE_PATH).willReturn(error(503, "SERVICE_UNAVAILABLE: down")));

        assertThatThrownBy(() -> client(ClickPipesRetryConfig.custom()
                                .randomizationFactor(0)
                                .maxAttempts(3)
                                .build())
                        .get(PIPE))
                .asInstanceOf(type(ClickPipesServiceException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e).hasMessageContaining("attempt 3");
                });
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void givesUpWhenTheNextWaitWouldExceedTheTimeBudget() {
        wm.stubFor(get(PIPE_PATH).willReturn(error(500, "INTERNAL_SERVER_ERROR: down")));
        ClickPipesRetryConfig retry = ClickPipesRetryConfig.custom()
                .randomizationFactor(0)
                .maxAttempts(100)
                .maxBackoff(Duration.ofSeconds(60))
                .maxRetryDuration(Duration.ofSeconds(30))
                .build();

        assertThatThrownBy(() -> client(retry).get(PIPE))
                .asInstanceOf(type(ClickPipesServiceException.class))
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(4));
        // 4 + 8 + 16 = 28 s fit in 30 s; the next 32 s wait would not
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(time.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(4);
    }

    @Test
    void aResetBeyondTheBudgetFailsAtOnce() {
        wm.stubFor(get(PIPE_PATH)
                .willReturn(error(429, "TOO_MANY_REQUESTS: quota").withHeader("X-RateLimit-Reset", "600")));

        assertThatThrownBy(() -> client().get(PIPE))
                .asInstanceOf(type(ClickPipesRateLimitedException.class))
                .satisfies(e -> assertThat(e.resetAfter()).contains(Duration.ofSeconds(600)));
        assertThat(time.sleeps()).isEmpty();
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(1);
    }

    @Test
    void retriesDisabledMeansOneAttempt() {
        wm.stubFor(get(PIPE_PATH).willReturn(error(503, "SERVICE_UNAVAILABLE: down")));
        assertThatThrownBy(() -> client(ClickPipesRetryConfig.disabled()).get(PIPE))
                .isInstanceOf(ClickPipesServiceException.class);
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(1);
    }

    // ---------------------------------------------------------------- create is not repeated
    // blindly

    @Test
    void createAdoptsThePipeAnUncertainAttemptCreated() {
        ClickPipeCreateRequest request = ModelFixtures.fullCreateRequest();
        wm.stubFor(post(PIPES).willReturn(error(504, "GATEWAY_TIMEOUT: upstream timed out")));
        wm.stubFor(get(PIPES)
                .willReturn(okJson("["
                        + s3Pipe("other", "someone-else", "Running")
                        + ","
                        + s3Pipe(PIPE, request.name(), "Provisioning")
                        + "]")));

        ClickPipe pipe = client().create(request);

        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(pipe.name()).isEqualTo(request.name());
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlEqualTo(PIPES)))).isEqualTo(1);
    }

    @Test
    void createPostsAgainWhenNoPipeWasCreated() {
        ClickPipeCreateRequest request = ModelFixtures.fullCreateRequest();
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(s3Pipe(PIPE, request.name(), "Provisioning")));
        wm.stubFor(get(PIPES).willReturn(okJson("[" + s3Pipe("other", "someone-else", "Running") + "]")));

        ClickPipe pipe = client().create(request);

        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(2);
        assertThat(count(getRequestedFor(urlEqualTo(PIPES)))).isEqualTo(1);
    }

    @Test
    void createDoesNotAdoptASameNamedPipeWithAnotherDestination() {
        ClickPipeCreateRequest request = ModelFixtures.fullCreateRequest();
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                error(500, "INTERNAL_SERVER_ERROR: boom"),
                okJson(s3Pipe(PIPE, request.name(), "Provisioning")));
        wm.stubFor(get(PIPES)
                .willReturn(okJson("["
                        + s3Pipe("elsewhere", request.name(), "Running").replace("\"events\"", "\"other_table\"")
                        + "]")));

        assertThat(client().create(request).id()).isEqualTo(PIPE);
        assertThat(count(postRequestedFor(urlEqualTo(PIPES)))).isEqualTo(2);
    }

    @Test
    void createThrottledBeforeProcessingSkipsTheListing() {
        ClickPipeCreateRequest request = ModelFixtures.fullCreateRequest();
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                error(429, "TOO_MANY_REQUESTS: slow down").withHeader("X-RateLimit-Reset", "1"),
                okJson(s3Pipe(PIPE, request.name(), "Provisioning")));

        assertThat(client().create(request).id()).isEqualTo(PIPE);
        assertThat(count(getRequestedFor(urlEqualTo(PIPES)))).isZero();
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    // ---------------------------------------------------------------- other non-idempotent calls

    @Test
    void startThatTookEffectDespiteAnErrorCountsAsSuccess() {
        stubSequence(
                wm,
                "start",
                () -> patch(urlEqualTo(PIPE_PATH + "/state")),
                error(502, "BAD_GATEWAY: proxy"),
                error(400, "BAD_REQUEST: ClickPipe is already running"));
        wm.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));

        assertThat(client().start(PIPE).state()).isEqualTo(ClickPipeState.RUNNING);
        assertThat(count(patchRequestedFor(urlEqualTo(PIPE_PATH + "/state")))).isEqualTo(2);
    }

    @Test
    void startConflictWithoutAnEarlierUncertainAttemptIsAnError() {
        wm.stubFor(patch(urlEqualTo(PIPE_PATH + "/state"))
                .willReturn(error(400, "BAD_REQUEST: ClickPipe is already running")));
        assertThatThrownBy(() -> client().start(PIPE)).isInstanceOf(ClickPipeStateConflictException.class);
        assertThat(count(getRequestedFor(urlEqualTo(PIPE_PATH)))).isZero();
    }

    @Test
    void deleteThatTookEffectDespiteAnErrorCountsAsSuccess() {
        stubSequence(
                wm,
                "delete",
                () -> delete(PIPE_PATH),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                error(404, "NOT_FOUND: ClickPipe not found"));

        client().delete(PIPE);

        assertThat(count(deleteRequestedFor(urlEqualTo(PIPE_PATH)))).isEqualTo(2);
    }
}
