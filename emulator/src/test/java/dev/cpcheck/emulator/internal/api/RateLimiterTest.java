package dev.cpcheck.emulator.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void slidingWindowPerKey() {
        RateLimiter limiter = new RateLimiter(10, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(100_000_000L);
            assertThat(limiter.tryAcquire("k")).isEmpty();
        }
        assertThat(limiter.tryAcquire("other")).as("per key").isEmpty();
        // first request at 0.1 s, now at 1.0 s: free again at 10.1 s
        assertThat(limiter.tryAcquire("k").getAsDouble()).isCloseTo(9.1, org.assertj.core.data.Offset.offset(1e-9));
        now.set(10_100_000_000L);
        assertThat(limiter.tryAcquire("k")).isEmpty();
        assertThat(limiter.tryAcquire("k")).isPresent();
    }

    @Test
    void zeroDisables() {
        RateLimiter limiter = new RateLimiter(0, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("k")).isEmpty();
        }
        limiter.configure(1, Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isEmpty();
        assertThat(limiter.tryAcquire("k")).isPresent();
    }
}
