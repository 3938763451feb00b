package dev.cpcheck.clickpipes;

import java.time.Duration;

/**
 * Client-side rate limit, so that a careful caller never sees a 429.
 *
 * <p>The API allows 10 requests per 10 seconds per key. The limiter grants at most
 * {@link #limitForPeriod()} requests in any sliding window of {@link #period()} plus
 * {@link #safetyMargin()} (the margin absorbs network jitter between sending and the server's
 * clock). A sliding window is used because a fixed-window limiter can let through twice the limit
 * across a window boundary, which a strict server rejects. The limit is per API key, not per
 * client instance: all clients in the JVM with the same base URL, organization, API key ID, limit
 * (and time source) share one limiter (see {@link ClickPipesClient.Builder#rateLimitConfig}).
 * {@link #maxWait()} stays per client.
 *
 * <p>Defaults: 10 requests per 10 s, 0.5 s margin, wait at most 60 s for a slot.
 *
 * <pre>{@code
 * ClickPipesRateLimitConfig.custom().limitForPeriod(5).build();
 * ClickPipesRateLimitConfig.disabled();
 * }</pre>
 */
public final class ClickPipesRateLimitConfig {

    private final boolean enabled;
    private final int limitForPeriod;
    private final Duration period;
    private final Duration safetyMargin;
    private final Duration maxWait;

    private ClickPipesRateLimitConfig(Builder b) {
        this.enabled = b.enabled;
        this.limitForPeriod = b.limitForPeriod;
        this.period = b.period;
        this.safetyMargin = b.safetyMargin;
        this.maxWait = b.maxWait;
    }

    /** The defaults described on the class. */
    public static ClickPipesRateLimitConfig ofDefaults() {
        return custom().build();
    }

    /** No client-side limit; 429s from the server are still retried. */
    public static ClickPipesRateLimitConfig disabled() {
        return custom().enabled(false).build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** Whether the limiter is on. */
    public boolean enabled() {
        return enabled;
    }

    /** Requests allowed per period. */
    public int limitForPeriod() {
        return limitForPeriod;
    }

    /** The period of the server's limit. */
    public Duration period() {
        return period;
    }

    /** Added to the period to absorb network jitter. */
    public Duration safetyMargin() {
        return safetyMargin;
    }

    /** Longest a call waits for a slot before failing with a {@link ClickPipesClientException}. */
    public Duration maxWait() {
        return maxWait;
    }

    @Override
    public String toString() {
        return enabled
                ? "ClickPipesRateLimitConfig["
                        + limitForPeriod
                        + " per "
                        + period
                        + " + "
                        + safetyMargin
                        + ", maxWait="
                        + maxWait
                        + "]"
                : "ClickPipesRateLimitConfig[disabled]";
    }

    /** Builder for {@link ClickPipesRateLimitConfig}. */
    public static final class Builder {
        private boolean enabled = true;
        private int limitForPeriod = 10;
        private Duration period = Duration.ofSeconds(10);
        private Duration safetyMargin = Duration.ofMillis(500);
        private Duration maxWait = Duration.ofSeconds(60);

        private Builder() {}

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder limitForPeriod(int limitForPeriod) {
            this.limitForPeriod = limitForPeriod;
            return this;
        }

        public Builder period(Duration period) {
            this.period = period;
            return this;
        }

        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = safetyMargin;
            return this;
        }

        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the bad setting and its valid range
         */
        public ClickPipesRateLimitConfig build() {
            if (limitForPeriod < 1) {
                throw new IllegalArgumentException("limitForPeriod must be at least 1, was "
                        + limitForPeriod
                        + "; use ClickPipesRateLimitConfig.disabled() to turn the limiter off");
            }
            if (period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("period must be a positive duration, was " + period);
            }
            if (safetyMargin == null || safetyMargin.isNegative()) {
                throw new IllegalArgumentException("safetyMargin must be zero or positive, was " + safetyMargin);
            }
            if (maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must be zero or positive, was " + maxWait);
            }
            return new ClickPipesRateLimitConfig(this);
        }
    }
}
