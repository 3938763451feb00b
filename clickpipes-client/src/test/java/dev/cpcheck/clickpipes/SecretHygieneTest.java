package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ModelFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Drives the client through success, retries, faults and errors in which the server echoes the
 * credentials back, capturing every log event at DEBUG and every exception: no secret value may
 * appear in either, while the secrets did reach the server.
 */
class SecretHygieneTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Throwable> thrown = new ArrayList<>();
    private Logger logger;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger("dev.cpcheck");
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        logger.setLevel(previousLevel);
    }

    private void expectFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            thrown.add(e);
            return;
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void noSecretInAnyLogLineOrExceptionMessage() {
        FakeTimeSource time = new FakeTimeSource();
        String echo = "BAD_REQUEST: access denied for key "
                + TestSecrets.S3_ACCESS_KEY_ID
                + " with secret "
                + TestSecrets.S3_SECRET_KEY
                + " and connection string "
                + TestSecrets.CONNECTION_STRING.replace("\"", "")
                + " using "
                + TestSecrets.SERVICE_ACCOUNT_KEY;
        stubSequence(
                wm,
                "create",
                () -> post(PIPES),
                error(503, "SERVICE_UNAVAILABLE: busy"),
                error(429, "TOO_MANY_REQUESTS: limit").withHeader("X-RateLimit-Reset", "0.5"),
                error(400, echo));
        wm.stubFor(get(PIPES).willReturn(okJson("[]")));
        wm.stubFor(get(PIPE_PATH)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("proxy error: Authorization: Basic "
                                + TestSecrets.BASIC_TOKEN
                                + " password="
                                + TestSecrets.API_KEY_SECRET)));
        wm.stubFor(patch(urlEqualTo(PIPE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        try (ClickPipesClient client = ClientTests.builder(wm)
                .timeSource(time)
                .rateLimitConfig(ClickPipesRateLimitConfig.ofDefaults())
                .retryConfig(ClickPipesRetryConfig.custom()
                        .randomizationFactor(0)
                        .maxAttempts(3)
                        .build())
                .build()) {
            expectFailure(() -> client.create(ModelFixtures.fullCreateRequest()));
            expectFailure(() -> client.get(PIPE));
            expectFailure(() -> client.update(
                    PIPE,
                    ClickPipeUpdateRequest.builder()
                            .source(ClickPipeUpdateObjectStorageSource.builder()
                                    .accessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY)
                                    .connectionString(TestSecrets.CONNECTION_STRING)
                                    .build())
                            .build()));
            wm.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));
            wm.stubFor(put(urlEqualTo(PIPE_PATH + "/settings"))
                    .willReturn(okJson("{\"object_storage_polling_interval_ms\":1000}")));
            client.putSettings(PIPE, Map.of("object_storage_polling_interval_ms", 1000));
            client.get(PIPE);
        } catch (ClickPipesClientException unexpected) {
            throw new AssertionError(unexpected);
        }

        // the secrets did travel: the server received the S3 secret in the create body
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(PIPES))))
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains(TestSecrets.S3_SECRET_KEY));
        // the server's echo was scrubbed, not dropped
        assertThat(thrown.get(0))
                .isInstanceOf(ClickPipesBadRequestException.class)
                .hasMessageContaining("access denied for key " + TestSecrets.S3_ACCESS_KEY_ID)
                .hasMessageContaining("with secret ****");
        assertThat(thrown.get(1)).hasMessageContaining("Authorization: Basic ****");
        assertThat(thrown.get(2)).isInstanceOf(ClickPipesClientException.class);

        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                for (String secret : TestSecrets.ALL) {
                    assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
                    assertThat(c.toString()).doesNotContain(secret);
                }
            }
        }
        // the check covers real traffic: request lines with status, request ID and attempt
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("POST " + PIPES + " -> 503 requestId=") && m.contains("attempt=1"))
                .anyMatch(m -> m.startsWith("GET " + PIPE_PATH + " -> 200") && m.contains("duration="))
                .anyMatch(m -> m.contains("retrying in"));
        assertThat(logs.list).hasSizeGreaterThan(10);
        NoSecretsInLogs.assertNoSecrets(logs.list);
    }

    @Test
    void theLogCheckItselfCatchesALeak() {
        Logger leaky = (Logger) LoggerFactory.getLogger("dev.cpcheck.test");
        leaky.debug("calling with secret {}", TestSecrets.S3_SECRET_KEY);
        leaky.debug(
                "nested",
                new IllegalStateException("wrapped", new RuntimeException("key=" + TestSecrets.API_KEY_SECRET)));
        List<ILoggingEvent> events = List.copyOf(logs.list);
        assertThat(events).hasSize(2);
        assertThatThrownBy(() -> NoSecretsInLogs.assertNoSecrets(events.subList(0, 1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<SECRET>")
                .hasMessageNotContaining(TestSecrets.S3_SECRET_KEY);
        assertThatThrownBy(() -> NoSecretsInLogs.assertNoSecrets(events.subList(1, 2)))
                .isInstanceOf(AssertionError.class);
    }
}
