package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cpcheck.clickpipes.ClickPipesClientException.Reason;
import dev.cpcheck.clickpipes.model.ClickPipe;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * What a user sees when the infrastructure is not what it should be: nothing listening, a host
 * that does not resolve, a wrong key, a URL that points at another kind of server; and retries
 * reported as they happen. Retries are on (the defaults without jitter) in every test, on virtual
 * time: a failure that is not retried shows as one attempt and no wait.
 */
@ExtendWith(NoSecretsInLogs.class)
class FastClearFailuresTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private final FakeTimeSource time = new FakeTimeSource();
    private final List<ClickPipesRetryEvent> retries = new CopyOnWriteArrayList<>();
    private ClickPipesClient client;

    @BeforeEach
    void setUp() {
        client = builder().build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private ClickPipesClient.Builder builder() {
        return ClientTests.builder(wm).timeSource(time).retryListener(retries::add);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionFailsAtOnceSayingTheServiceWasNeverReached() throws IOException {
        String url = "http://127.0.0.1:" + freePort();
        try (ClickPipesClient offline = builder().baseUrl(url).build()) {
            assertThatThrownBy(() -> offline.get(PIPE))
                    .asInstanceOf(type(ClickPipesUnreachableException.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CONNECTION_REFUSED);
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.mayHaveReachedService()).isFalse();
                        assertThat(e.baseUrl()).isEqualTo(url);
                        assertThat(e)
                                .hasMessageStartingWith(
                                        "cannot connect to the ClickHouse Cloud API at " + url + ": connection refused")
                                .hasMessageContaining("GET " + PIPE_PATH);
                    });
        }
        assertThat(time.sleeps()).isEmpty();
        assertThat(retries).isEmpty();
    }

    @Test
    void aCreateToARefusedPortIsNotRetriedEither() throws IOException {
        try (ClickPipesClient offline =
                builder().baseUrl("http://127.0.0.1:" + freePort()).build()) {
            assertThatThrownBy(() -> offline.create(dev.cpcheck.clickpipes.model.ModelFixtures.fullCreateRequest()))
                    .asInstanceOf(type(ClickPipesUnreachableException.class))
                    .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        }
        assertThat(retries).isEmpty();
    }

    @Test
    void aHostThatDoesNotResolveFailsAtOnce() {
        // .invalid never resolves (RFC 6761)
        try (ClickPipesClient lost =
                builder().baseUrl("https://api.cpcheck-test.invalid").build()) {
            assertThatThrownBy(lost::list)
                    .asInstanceOf(type(ClickPipesUnreachableException.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_HOST);
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e)
                                .hasMessageStartingWith("cannot connect to the ClickHouse Cloud API at"
                                        + " https://api.cpcheck-test.invalid: unknown host api.cpcheck-test.invalid");
                    });
        }
        assertThat(retries).isEmpty();
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void theRetryListenerSeesEachRetryWithAttemptWaitAndReason() {
        stubSequence(
                wm,
                "5xx",
                () -> get(PIPE_PATH),
                error(503, "SERVICE_UNAVAILABLE: upstream"),
                error(429, "TOO_MANY_REQUESTS: slow down").withHeader("X-RateLimit-Reset", "2"),
                error(502, "BAD_GATEWAY: proxy"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        ClickPipe pipe = client.get(PIPE);

        assertThat(pipe.id()).isEqualTo(PIPE);
        assertThat(retries)
                .extracting(
                        ClickPipesRetryEvent::attempt,
                        ClickPipesRetryEvent::delay,
                        ClickPipesRetryEvent::reason,
                        ClickPipesRetryEvent::maxAttempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1, Duration.ofSeconds(4), "HTTP 503 SERVICE_UNAVAILABLE", 8),
                        org.assertj.core.groups.Tuple.tuple(
                                2,
                                Duration.ofSeconds(3),
                                "HTTP 429 TOO_MANY_REQUESTS, rate limited, limit resets in 2.0 s",
                                8),
                        org.assertj.core.groups.Tuple.tuple(3, Duration.ofSeconds(16), "HTTP 502 BAD_GATEWAY", 8));
        // the listener is told before the wait: the waits follow the events one to one
        assertThat(time.sleeps())
                .containsExactlyElementsOf(
                        retries.stream().map(ClickPipesRetryEvent::delay).toList());
        assertThat(retries.get(0).describe())
                .isEqualTo("GET " + PIPE_PATH
                        + ": attempt 1 of 8 failed (HTTP 503 SERVICE_UNAVAILABLE); retrying in 4.0 s");
        assertThat(retries.get(0).operation()).isEqualTo("GET " + PIPE_PATH);
        assertThat(retries.get(1).nextAttempt()).isEqualTo(3);
        assertThat(wm.findAll(getRequestedFor(urlEqualTo(PIPE_PATH)))).hasSize(4);
    }

    @Test
    void aTimeoutIsStillRetriedAndReported() {
        client.close();
        client = builder()
                .requestTimeout(Duration.ofMillis(300))
                .retryConfig(ClickPipesRetryConfig.custom()
                        .randomizationFactor(0)
                        .maxAttempts(2)
                        .build())
                .build();
        wm.stubFor(get(PIPE_PATH).willReturn(okJson("{}").withFixedDelay(1500)));

        assertThatThrownBy(() -> client.get(PIPE))
                .asInstanceOf(type(ClickPipesClientException.class))
                .satisfies(e -> {
                    assertThat(e).isNotInstanceOf(ClickPipesUnreachableException.class);
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.attempts()).isEqualTo(2);
                });
        assertThat(retries).singleElement().satisfies(r -> {
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.reason()).isEqualTo("no response within the request timeout");
            assertThat(r.failure()).isInstanceOf(ClickPipesClientException.class);
        });
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheCall() {
        client.close();
        client = builder()
                .retryListener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .build();
        stubSequence(
                wm,
                "5xx",
                () -> get(PIPE_PATH),
                error(503, "SERVICE_UNAVAILABLE: x"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        assertThat(client.get(PIPE).id()).isEqualTo(PIPE);
    }

    @Test
    void unauthorizedAndForbiddenFromTheApiAreAuthenticationErrorsAtOnce() {
        wm.stubFor(get(PIPES).willReturn(error(401, "UNAUTHORIZED: Invalid credentials")));
        assertThatThrownBy(client::list)
                .asInstanceOf(type(ClickPipesAuthenticationException.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e).hasMessageContaining("Check the API key ID and secret");
                });
        wm.stubFor(get(PIPES).willReturn(error(403, "FORBIDDEN: key has no access")));
        assertThatThrownBy(client::list).isInstanceOf(ClickPipesAuthenticationException.class);
        assertThat(retries).isEmpty();
    }

    @Test
    void anS3ServerAtTheApiUrlIsExplainedInsteadOfQuoted() {
        String s3Error = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>AccessDenied</Code><Message>Access Denied</Message>\
                <RequestId>4442587FB7D0A2F9</RequestId></Error>""";
        wm.stubFor(get(PIPES)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(s3Error)));

        assertThatThrownBy(client::list)
                .asInstanceOf(type(ClickPipesUnexpectedResponseException.class))
                .satisfies(e -> {
                    assertThat(e)
                            .isNotInstanceOf(ClickPipesAuthenticationException.class)
                            .hasMessageStartingWith("the answer from " + wm.baseUrl()
                                    + " is not a ClickHouse Cloud API response (HTTP 403, XML)")
                            .hasMessageContaining("it looks like an S3 server (error code AccessDenied)")
                            .hasMessageContaining("Check the base URL")
                            .hasMessageNotContaining("<Error>")
                            .hasMessageNotContaining("API key");
                    assertThat(e.contentKind()).isEqualTo("XML");
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo("INVALID_RESPONSE");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(retries).isEmpty();
    }

    @Test
    void anS3ErrorDocumentIsNotRetriedWhateverItsStatus() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo(PIPE_PATH + "/state"))
                .willReturn(aResponse()
                        .withStatus(501)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>NotImplemented</Code><Message>A header you provided implies"
                                + " functionality that is not implemented</Message></Error>")));

        assertThatThrownBy(() -> client.start(PIPE))
                .isExactlyInstanceOf(ClickPipesUnexpectedResponseException.class)
                .hasMessageContaining("(HTTP 501, XML)")
                .hasMessageContaining("error code NotImplemented");
        assertThat(retries).isEmpty();
    }

    @Test
    void aGatewayErrorPageIsStillRetried() {
        stubSequence(
                wm,
                "gateway",
                () -> get(PIPE_PATH),
                aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>Bad Gateway</html>"),
                okJson(s3Pipe(PIPE, "p", "Running")));

        assertThat(client.get(PIPE).id()).isEqualTo(PIPE);
        assertThat(retries).extracting(ClickPipesRetryEvent::reason).containsExactly("HTTP 502");
    }

    @Test
    void aWebPageAtTheApiUrlIsExplainedToo() {
        wm.stubFor(get(PIPE_PATH)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<!DOCTYPE html><html><body>Not here</body></html>")));

        assertThatThrownBy(() -> client.get(PIPE))
                .isExactlyInstanceOf(ClickPipesUnexpectedResponseException.class)
                .hasMessageContaining("is not a ClickHouse Cloud API response (HTTP 404, HTML)");
    }

    @Test
    void jsonOfAnotherShapeIsAnUnexpectedResponse() {
        wm.stubFor(get(PIPES).willReturn(okJson("{\"id\":\"not-a-list\"}")));

        assertThatThrownBy(client::list)
                .asInstanceOf(type(ClickPipesUnexpectedResponseException.class))
                .satisfies(e -> {
                    assertThat(e.contentKind()).isEqualTo("JSON");
                    assertThat(e).hasMessageContaining("JSON that is not a list of ClickPipes");
                });
    }

    @Test
    void debugLoggingShowsRequestHeadersWithTheAuthorizationMasked() {
        Logger http = (Logger) LoggerFactory.getLogger("dev.cpcheck.clickpipes.http");
        Level previous = http.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        http.addAppender(logs);
        http.setLevel(Level.DEBUG);
        try {
            wm.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));
            client.get(PIPE);
        } finally {
            http.detachAppender(logs);
            http.setLevel(previous);
        }

        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("GET " + PIPE_PATH + " attempt=1 headers: ")
                        .contains("Authorization: Basic ****")
                        .contains("Accept: application/json"))
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain(TestSecrets.BASIC_TOKEN)
                        .doesNotContain(TestSecrets.API_KEY_SECRET));
        // the credentials were sent all the same
        assertThat(wm.findAll(getRequestedFor(urlEqualTo(PIPE_PATH))).get(0).getHeader("Authorization"))
                .isEqualTo("Basic " + TestSecrets.BASIC_TOKEN);
    }
}
