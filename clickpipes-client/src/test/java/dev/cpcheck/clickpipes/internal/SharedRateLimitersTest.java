package dev.cpcheck.clickpipes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.clickpipes.FakeTimeSource;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharedRateLimitersTest {

    private static final Duration WINDOW = Duration.ofMillis(10_500);

    private final FakeTimeSource time = new FakeTimeSource();
    /** A base URL of this test alone, so no other test's limiter is involved. */
    private final String base = "https://api-" + UUID.randomUUID() + ".example";

    @Test
    void oneLimiterPerBaseUrlOrganizationKeyLimitAndTimeSource() {
        SlidingWindowRateLimiter limiter = SharedRateLimiters.forKey(base, "org", "key", 10, WINDOW, time);
        assertThat(SharedRateLimiters.forKey(base, "org", "key", 10, WINDOW, time))
                .isSameAs(limiter);
        assertThat(SharedRateLimiters.forKey(base + "/other", "org", "key", 10, WINDOW, time))
                .isNotSameAs(limiter);
        assertThat(SharedRateLimiters.forKey(base, "org2", "key", 10, WINDOW, time))
                .isNotSameAs(limiter);
        assertThat(SharedRateLimiters.forKey(base, "org", "key2", 10, WINDOW, time))
                .isNotSameAs(limiter);
        // another limit is another budget, and neither changes the other
        SlidingWindowRateLimiter stricter = SharedRateLimiters.forKey(base, "org", "key", 4, WINDOW, time);
        assertThat(stricter).isNotSameAs(limiter);
        assertThat(limiter.limit()).isEqualTo(10);
        assertThat(SharedRateLimiters.forKey(base, "org", "key", 10, Duration.ofSeconds(20), time))
                .isNotSameAs(limiter);
        FakeTimeSource otherClock = new FakeTimeSource();
        SlidingWindowRateLimiter onOtherClock = SharedRateLimiters.forKey(base, "org", "key", 10, WINDOW, otherClock);
        assertThat(onOtherClock).isNotSameAs(limiter);
        assertThat(onOtherClock.timeSource()).isSameAs(otherClock);
    }
}
