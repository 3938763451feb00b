package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPE_PATH;
import static dev.cpcheck.clickpipes.ClientTests.okJson;
import static dev.cpcheck.clickpipes.ClientTests.s3Pipe;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client-side limiter against a strict server: the stub answers 429 to any request that
 * would be the 11th within a sliding 10 s window, as the API's documented limit allows.
 */
@ExtendWith(NoSecretsInLogs.class)
class ClickPipesRateLimitTest {

    /**
     * Sliding-window limit, measured on arrival at the server: 10 requests per 10 s (the API's) or
     * another limit.
     */
    static final class StrictLimit implements StubRequestFilterV2 {
        private final int limit;
        private final Duration window;
        private final Deque<Long> accepted = new ArrayDeque<>();
        private final List<Long> arrivals = new ArrayList<>();
        private final AtomicInteger rejected = new AtomicInteger();

        StrictLimit() {
            this(10, Duration.ofSeconds(10));
        }

        StrictLimit(int limit, Duration window) {
            this.limit = limit;
            this.window = window;
        }

        @Override
        public synchronized RequestFilterAction filter(Request request, ServeEvent serveEvent) {
            long now = System.nanoTime();
            arrivals.add(now);
            while (!accepted.isEmpty() && now - accepted.peekFirst() >= window.toNanos()) {
                accepted.pollFirst();
            }
            if (accepted.size() >= limit) {
                rejected.incrementAndGet();
                return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(429)
                        .withHeader("X-RateLimit-Reset", "1")
                        .withBody("{\"status\":429,\"error\":\"TOO_MANY_REQUESTS: limit\"}")
                        .build());
            }
            accepted.addLast(now);
            return RequestFilterAction.continueWith(request);
        }

        @Override
        public String getName() {
            return "strict-sliding-window-limit";
        }

        synchronized void reset() {
            accepted.clear();
            arrivals.clear();
            rejected.set(0);
        }

        synchronized List<Long> arrivals() {
            return List.copyOf(arrivals);
        }

        int rejected() {
            return rejected.get();
        }

        /** A stub server that applies this limit to every request. */
        WireMockExtension server() {
            return WireMockExtension.newInstance()
                    .options(wireMockConfig()
                            .dynamicPort()
                            .jettyAcceptors(1)
                            .containerThreads(10)
                            .extensions(this))
                    .build();
        }

        /** Each arrival came at least the API's 10 s after the one ten before it. */
        void assertEveryEleventhArrivalAWindowLater(int expectedArrivals) {
            List<Long> sorted = new ArrayList<>(arrivals());
            java.util.Collections.sort(sorted);
            assertThat(sorted).hasSize(expectedArrivals);
            for (int i = 10; i < sorted.size(); i++) {
                assertThat(Duration.ofNanos(sorted.get(i) - sorted.get(i - 10)))
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            }
        }
    }

    static final StrictLimit LIMIT = new StrictLimit();

    @RegisterExtension
    static WireMockExtension wm = LIMIT.server();

    @BeforeEach
    void setUp() {
        LIMIT.reset();
        wm.stubFor(get(PIPE_PATH).willReturn(okJson(s3Pipe(PIPE, "p", "Running"))));
    }

    @Test
    void theStubIsStrictWithoutTheClientLimiter() {
        // control: the same calls without the limiter (and without retries) do hit the limit
        try (ClickPipesClient client = ClientTests.builder(wm)
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build()) {
            int throttled = 0;
            for (int i = 0; i < 12; i++) {
                try {
                    client.get(PIPE);
                } catch (ClickPipesRateLimitedException e) {
                    throttled++;
                }
            }
            assertThat(throttled).isEqualTo(2);
        }
    }

    @Test
    void defaultLimiterKeeps25CallsUnderTheLimitWithoutA429() {
        warmUpOtherClient();
        // real time (about 21 s): default limiter, no retries, so any 429 would surface
        try (ClickPipesClient client = defaultLimitClient()) {
            long start = System.nanoTime();
            for (int i = 0; i < 25; i++) {
                assertThat(client.get(PIPE).id()).isEqualTo(PIPE);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(LIMIT.rejected.get()).isZero();
            LIMIT.assertEveryEleventhArrivalAWindowLater(25);
            // two full windows had to pass: the limiter waited rather than being lucky
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        }
    }

    @Test
    void oneClientSharedByThreadsStaysUnderTheLimitAndAnswersEveryCall() throws Exception {
        warmUpOtherClient();
        // the client is documented thread-safe: 4 threads share one, the limiter counts all of them
        try (ClickPipesClient client = defaultLimitClient()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 14; i++) {
                    answers.add(pool.submit(() -> client.get(PIPE).id()));
                }
                for (java.util.concurrent.Future<String> a : answers) {
                    assertThat(a.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(PIPE);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(LIMIT.rejected.get()).isZero();
            LIMIT.assertEveryEleventhArrivalAWindowLater(14);
        }
    }

    /**
     * Loads and compiles the HTTP path with another client, then forgets its request: a cold first
     * request of the measured client could otherwise reach the stub late enough to shrink the
     * spacing the stub measures below the window the limiter kept.
     */
    /** The default limiter, no retries (so any 429 surfaces), a key of its own. */
    private static ClickPipesClient defaultLimitClient() {
        return ClientTests.builder(wm)
                .apiKeyId(ClientTests.uniqueApiKeyId())
                .rateLimitConfig(ClickPipesRateLimitConfig.ofDefaults())
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build();
    }

    private static void warmUpOtherClient() {
        try (ClickPipesClient other = ClientTests.builder(wm)
                .retryConfig(ClickPipesRetryConfig.disabled())
                .build()) {
            assertThat(other.get(PIPE).id()).isEqualTo(PIPE);
        }
        LIMIT.reset();
    }
}
