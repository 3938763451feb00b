package dev.cpcheck.clickpipes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.clickpipes.FakeTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {

    private final FakeTimeSource time = new FakeTimeSource();

    @Test
    void neverGrantsMoreThanTheLimitInAnyWindow() throws Exception {
        SlidingWindowRateLimiter limiter =
                new SlidingWindowRateLimiter(3, Duration.ofSeconds(10), Duration.ofMinutes(1), time);
        List<Duration> grants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            limiter.acquire();
            grants.add(time.elapsed());
            time.advance(Duration.ofMillis(700)); // the caller's own work between calls
        }
        // a burst of 3, then each grant exactly one window after the grant 3 places earlier
        assertThat(grants)
                .containsExactly(
                        Duration.ofMillis(0),
                        Duration.ofMillis(700),
                        Duration.ofMillis(1400),
                        Duration.ofMillis(10_000),
                        Duration.ofMillis(10_700),
                        Duration.ofMillis(11_400),
                        Duration.ofMillis(20_000),
                        Duration.ofMillis(20_700));
        for (int i = 3; i < grants.size(); i++) {
            assertThat(grants.get(i).minus(grants.get(i - 3))).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSlotBeyondTheMaximumWaitIsRefusedWithoutBeingReserved() throws Exception {
        SlidingWindowRateLimiter limiter =
                new SlidingWindowRateLimiter(1, Duration.ofSeconds(10), Duration.ofSeconds(5), time);
        assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
        assertThat(limiter.acquire()).isNull();
        assertThat(time.sleeps()).isEmpty();
        time.advance(Duration.ofSeconds(6));
        // 4 s left in the window: within the maximum wait, and not pushed back by the refusal
        assertThat(limiter.acquire()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void idleTimeRestoresTheBurst() throws Exception {
        SlidingWindowRateLimiter limiter =
                new SlidingWindowRateLimiter(2, Duration.ofSeconds(10), Duration.ofMinutes(1), time);
        limiter.acquire();
        limiter.acquire();
        time.advance(Duration.ofSeconds(30));
        assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
        assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void eachCallerPassesItsOwnMaximumWait() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, Duration.ofSeconds(10), Duration.ZERO, time);
        assertThat(limiter.acquire(Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(limiter.acquire(Duration.ofSeconds(9))).isNull();
        assertThat(limiter.acquire()).isNull();
        assertThat(limiter.acquire(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }
}
