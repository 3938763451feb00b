package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPES;
import static dev.cpcheck.clickpipes.ClientTests.PIPE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.REQUEST_ID;
import static dev.cpcheck.clickpipes.ClientTests.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cpcheck.clickpipes.model.ModelFixtures;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each error status maps to its typed exception with status, request ID and parsed error code,
 * and non-retryable errors are not retried even though retries are on.
 */
@ExtendWith(NoSecretsInLogs.class)
class ClickPipesErrorMappingTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private final FakeTimeSource time = new FakeTimeSource();
    private ClickPipesClient client;

    @BeforeEach
    void setUp() {
        client = ClientTests.builder(wm).timeSource(time).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private void assertSingleRequestAndNoWait() {
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void alreadyRunningIsAStateConflict() {
        wm.stubFor(patch(urlEqualTo(PIPE_PATH + "/state"))
                .willReturn(error(400, "BAD_REQUEST: ClickPipe is already running")));

        assertThatThrownBy(() -> client.start(PIPE))
                .asInstanceOf(type(ClickPipeStateConflictException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("BAD_REQUEST");
                    assertThat(e.errorMessage()).isEqualTo("ClickPipe is already running");
                    assertThat(e.requestId()).isEqualTo(REQUEST_ID);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.isThrottling()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e)
                            .isInstanceOf(ClickPipesBadRequestException.class)
                            .hasMessageContaining("PATCH " + PIPE_PATH + "/state")
                            .hasMessageContaining("HTTP 400 BAD_REQUEST: ClickPipe is already running")
                            .hasMessageContaining(REQUEST_ID);
                });
        assertSingleRequestAndNoWait();
    }

    @Test
    void notStoppedIsAStateConflictToo() {
        wm.stubFor(patch(urlEqualTo(PIPE_PATH + "/state"))
                .willReturn(error(400, "BAD_REQUEST: ClickPipe is not stopped")));
        assertThatThrownBy(() -> client.start(PIPE)).isInstanceOf(ClickPipeStateConflictException.class);
    }

    @Test
    void otherBadRequestsAreNotStateConflictsAndAreNotRetried() {
        wm.stubFor(post(PIPES).willReturn(error(400, "BAD_REQUEST: Invalid URL: glob pattern {a,b} is not supported")));

        assertThatThrownBy(() -> client.create(ModelFixtures.fullCreateRequest()))
                .isExactlyInstanceOf(ClickPipesBadRequestException.class)
                .hasMessageContaining("glob pattern");
        assertSingleRequestAndNoWait();
    }

    @Test
    void unauthorizedAndForbiddenAreAuthenticationErrors() {
        wm.stubFor(get(PIPE_PATH).willReturn(error(401, "UNAUTHORIZED: Invalid credentials")));
        assertThatThrownBy(() -> client.get(PIPE))
                .isInstanceOf(ClickPipesAuthenticationException.class)
                .hasMessageContaining("Check the API key ID and secret");
        assertSingleRequestAndNoWait();

        wm.stubFor(get(PIPE_PATH).willReturn(error(403, "FORBIDDEN: Key lacks permission")));
        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesAuthenticationException.class))
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void notFoundOnAPipeIsClickPipeNotFound() {
        wm.stubFor(get(PIPE_PATH).willReturn(error(404, "NOT_FOUND: ClickPipe not found")));
        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipeNotFoundException.class))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("NOT_FOUND"));
        assertSingleRequestAndNoWait();
    }

    @Test
    void notFoundOnTheServiceIsNotAboutAPipe() {
        wm.stubFor(get(PIPES).willReturn(error(404, "NOT_FOUND: Service not found")));
        assertThatThrownBy(() -> client.list())
                .isExactlyInstanceOf(ClickPipesServiceException.class)
                .hasMessageContaining("Check the organization ID, service ID and base URL");
    }

    @Test
    void idleServiceIsServiceNotRunning() {
        wm.stubFor(
                post(PIPES).willReturn(error(424, "FAILED_DEPENDENCY: Service is not running. Current state: idle")));

        assertThatThrownBy(() -> client.create(ModelFixtures.fullCreateRequest()))
                .asInstanceOf(type(ServiceNotRunningException.class))
                .satisfies(e -> {
                    assertThat(e.serviceState()).contains("idle");
                    assertThat(e.errorCode()).isEqualTo("FAILED_DEPENDENCY");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e).hasMessageContaining("wakeIdleService(true)");
                });
        assertSingleRequestAndNoWait();
    }

    @Test
    void tooManyRequestsCarriesTheResetDelay() {
        client.close();
        client = ClientTests.builder(wm)
                .timeSource(time)
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build();
        wm.stubFor(get(PIPE_PATH)
                .willReturn(
                        error(429, "TOO_MANY_REQUESTS: Rate limit exceeded").withHeader("X-RateLimit-Reset", "2.5")));

        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesRateLimitedException.class))
                .satisfies(e -> {
                    assertThat(e.resetAfter()).contains(Duration.ofMillis(2500));
                    assertThat(e.isThrottling()).isTrue();
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e).hasMessageContaining("resets in 2.5 s");
                });
    }

    @Test
    void serverErrorsAreRetryableServiceExceptions() {
        client.close();
        client = ClientTests.builder(wm)
                .timeSource(time)
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build();
        wm.stubFor(get(PIPE_PATH).willReturn(error(503, "SERVICE_UNAVAILABLE: try later")));
        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesServiceException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.isThrottling()).isFalse();
                });
    }

    @Test
    void nonJsonErrorBodiesAreQuotedShortly() {
        client.close();
        client = ClientTests.builder(wm)
                .timeSource(time)
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build();
        wm.stubFor(get(PIPE_PATH)
                .willReturn(aResponse()
                        .withStatus(502)
                        .withBody("<html>\n<body>502 Bad Gateway</body>\n</html>" + "x".repeat(1000))));
        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesServiceException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.getMessage()).contains("<html> <body>502 Bad Gateway</body>");
                    assertThat(e.getMessage().length()).isLessThan(600);
                });
    }

    @Test
    void aSuccessWithoutJsonIsAnInvalidResponse() {
        wm.stubFor(get(PIPE_PATH).willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesServiceException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_RESPONSE");
                    assertThat(e).hasMessageContaining("not JSON").hasMessageContaining("base URL");
                });
        assertSingleRequestAndNoWait();
    }

    @Test
    void aSlowServerIsATimeoutThatMayHaveReachedIt() {
        client.close();
        client = ClientTests.builder(wm)
                .requestTimeout(Duration.ofMillis(300))
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build();
        wm.stubFor(get(PIPE_PATH).willReturn(ClientTests.okJson("{}").withFixedDelay(1500)));
        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesClientException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(ClickPipesClientException.Reason.TIMEOUT);
                    assertThat(e.mayHaveReachedService()).isTrue();
                    assertThat(e).hasMessageContaining("no response within 0.3 s");
                });
    }
}
