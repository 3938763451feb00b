package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate limiter is per API key, not per client: clients built with the same base URL,
 * organization, key ID and time source share one. Measured in real time against a strict stub
 * (with a small limit, to keep the test short) and in virtual time.
 */
@ExtendWith(NoSecretsInLogs.class)
class ClickPipesSharedRateLimitTest {

    /** The strict stub's limit: 4 requests per sliding second. */
    static final ClickPipesRateLimitTest.StrictLimit LIMIT =
            new ClickPipesRateLimitTest.StrictLimit(4, Duration.ofSeconds(1));

    @RegisterExtension
    static WireMockExtension strict = LIMIT.server();

    @RegisterExtension
    static WireMockExtension plain = ClientTests.wireMock();

    @BeforeEach
    void setUp() {
        LIMIT.reset();
        strict.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));
        plain.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));
    }

    /** The stub's limit on the client side, with a margin for network jitter; no retries. */
    private static ClickPipesClient strictClient(String apiKeyId) {
        return ClientTests.builder(strict)
                .apiKeyId(apiKeyId)
                .rateLimitConfig(ClickPipesRateLimitConfig.custom()
                        .limitForPeriod(4)
                        .period(Duration.ofSeconds(1))
                        .safetyMargin(Duration.ofMillis(400))
                        .maxWait(Duration.ofSeconds(20))
                        .build())
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build();
    }

    @Test
    void twoClientsWithTheSameKeyMake14CallsTogetherWithoutA429() throws Exception {
        warmUp();
        String key = ClientTests.uniqueApiKeyId();
        // real time, about 4 s: 14 calls at 4 per 1.4 s; each client alone would allow 8 in the
        // first second, twice what the stub accepts
        try (ClickPipesClient a = strictClient(key);
                ClickPipesClient b = strictClient(key)) {
            List<Integer> throttled = callConcurrently(7, a, b);

            assertThat(throttled).containsExactly(0, 0);
            assertThat(LIMIT.rejected()).isZero();
            List<Long> arrivals = new ArrayList<>(LIMIT.arrivals());
            Collections.sort(arrivals);
            assertThat(arrivals).hasSize(14);
            for (int i = 4; i < arrivals.size(); i++) {
                assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 4)))
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void clientsWithDifferentKeysHaveTheirOwnLimits() throws Exception {
        // control: limiters that are not shared let 4 + 4 calls through at once; the stub,
        // counting them together, rejects the excess. This is what two clients of one key did
        // before the limiter was shared.
        warmUp();
        try (ClickPipesClient a = strictClient(ClientTests.uniqueApiKeyId());
                ClickPipesClient b = strictClient(ClientTests.uniqueApiKeyId())) {
            List<Integer> throttled = callConcurrently(4, a, b);

            assertThat(throttled.get(0) + throttled.get(1)).isEqualTo(4);
            assertThat(LIMIT.rejected()).isEqualTo(4);
        }
    }

    @Test
    void clientsWithTheSameKeyAndClockShareOneWindowEvenOneAfterTheOther() {
        FakeTimeSource time = new FakeTimeSource();
        String key = ClientTests.uniqueApiKeyId();
        try (ClickPipesClient a = defaultsClient(key, time)) {
            for (int i = 0; i < 10; i++) {
                a.get(PIPE);
            }
        }
        assertThat(time.sleeps()).isEmpty();
        // another key, and the same key on another clock, have windows of their own
        try (ClickPipesClient otherKey = defaultsClient(ClientTests.uniqueApiKeyId(), time)) {
            otherKey.get(PIPE);
        }
        assertThat(time.sleeps()).isEmpty();
        FakeTimeSource otherClock = new FakeTimeSource();
        try (ClickPipesClient sameKeyOtherClock = defaultsClient(key, otherClock)) {
            sameKeyOtherClock.get(PIPE);
        }
        assertThat(otherClock.sleeps()).isEmpty();
        // a client without a limiter neither waits nor counts
        try (ClickPipesClient unlimited =
                ClientTests.builder(plain).apiKeyId(key).timeSource(time).build()) {
            unlimited.get(PIPE);
        }
        assertThat(time.sleeps()).isEmpty();
        // the same key and clock, in a new client after the first was closed: the 11th request
        // of the key waits for the window (10 s + 0.5 s margin)
        try (ClickPipesClient b = defaultsClient(key, time)) {
            b.get(PIPE);
        }
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(10_500));
    }

    @Test
    void aClientOfTheSameKeyWithAnotherLimitHasABudgetOfItsOwn() {
        FakeTimeSource time = new FakeTimeSource();
        String key = ClientTests.uniqueApiKeyId();
        try (ClickPipesClient a = defaultsClient(key, time);
                ClickPipesClient own = ClientTests.builder(plain)
                        .apiKeyId(key)
                        .timeSource(time)
                        .rateLimitConfig(ClickPipesRateLimitConfig.custom()
                                .limitForPeriod(3)
                                .period(Duration.ofSeconds(5))
                                .safetyMargin(Duration.ZERO)
                                .build())
                        .build()) {
            for (int i = 0; i < 10; i++) {
                a.get(PIPE);
            }
            for (int i = 0; i < 3; i++) {
                own.get(PIPE);
            }
            assertThat(time.sleeps()).as("neither waited for the other").isEmpty();
            own.get(PIPE);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
            a.get(PIPE);
            // a's window began at 0 and 5 s have passed: 5.5 s more
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(5_500));
        }
    }

    private static ClickPipesClient defaultsClient(String apiKeyId, TimeSource time) {
        return ClientTests.builder(plain)
                .apiKeyId(apiKeyId)
                .timeSource(time)
                .rateLimitConfig(ClickPipesRateLimitConfig.ofDefaults())
                .build();
    }

    /**
     * Each client calls {@code callsEach} times from its own thread, all starting together.
     *
     * @return per client, how many calls the server answered with 429
     */
    private static List<Integer> callConcurrently(int callsEach, ClickPipesClient... clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (ClickPipesClient client : clients) {
                Callable<Integer> calls = () -> {
                    start.await();
                    int throttled = 0;
                    for (int i = 0; i < callsEach; i++) {
                        try {
                            assertThat(client.get(PIPE).id()).isEqualTo(PIPE);
                        } catch (ClickPipesRateLimitedException e) {
                            throttled++;
                        }
                    }
                    return throttled;
                };
                results.add(pool.submit(calls));
            }
            start.countDown();
            List<Integer> throttled = new ArrayList<>();
            for (Future<Integer> r : results) {
                throttled.add(r.get(60, TimeUnit.SECONDS));
            }
            return throttled;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Loads and compiles the HTTP path with a client without a limiter, then forgets its request:
     * a cold first request could reach the stub late enough to shrink the spacing it measures.
     */
    private static void warmUp() {
        try (ClickPipesClient other = ClientTests.builder(strict)
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build()) {
            assertThat(other.get(PIPE).id()).isEqualTo(PIPE);
        }
        LIMIT.reset();
    }
}
