package dev.cpcheck.clickpipes;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries failed calls.
 *
 * <p>Retried: 429 (waiting {@code X-RateLimit-Reset} or {@code Retry-After} plus
 * {@link #rateLimitResetPadding()}, as the official Terraform provider does), 5xx, and
 * connection failures or timeouts (exponential backoff with jitter). Never retried: other 4xx.
 * No retry starts once it would end later than {@link #maxRetryDuration()} after the first
 * attempt, so a call never spends much longer than that retrying.
 *
 * <p>Defaults: 8 attempts, backoff 4 s doubling up to 30 s with ±50 % jitter, 90 s total,
 * 1 s padding after a rate-limit reset.
 *
 * <pre>{@code
 * ClickPipesRetryConfig.custom().maxAttempts(4).maxRetryDuration(Duration.ofSeconds(30)).build();
 * ClickPipesRetryConfig.disabled();
 * }</pre>
 */
public final class ClickPipesRetryConfig {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final Duration maxBackoff;
    private final double randomizationFactor;
    private final Duration maxRetryDuration;
    private final Duration rateLimitResetPadding;

    private ClickPipesRetryConfig(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxBackoff = b.maxBackoff;
        this.randomizationFactor = b.randomizationFactor;
        this.maxRetryDuration = b.maxRetryDuration;
        this.rateLimitResetPadding = b.rateLimitResetPadding;
    }

    /** The defaults described on the class. */
    public static ClickPipesRetryConfig ofDefaults() {
        return custom().build();
    }

    /** No retries: every call makes exactly one attempt. */
    public static ClickPipesRetryConfig disabled() {
        return custom().maxAttempts(1).build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(initialBackoff)
                .backoffMultiplier(backoffMultiplier)
                .maxBackoff(maxBackoff)
                .randomizationFactor(randomizationFactor)
                .maxRetryDuration(maxRetryDuration)
                .rateLimitResetPadding(rateLimitResetPadding);
    }

    /** Attempts per call, the first included; 1 disables retries. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Backoff before the first retry of a 5xx or connection failure. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Factor applied to the backoff after each retry. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** Upper bound of one backoff. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Jitter: each backoff is drawn from {@code backoff × [1 − f, 1 + f]}. */
    public double randomizationFactor() {
        return randomizationFactor;
    }

    /** Total time budget for retrying one call, measured from its first attempt. */
    public Duration maxRetryDuration() {
        return maxRetryDuration;
    }

    /** Added to the server's rate-limit reset delay before retrying a 429. */
    public Duration rateLimitResetPadding() {
        return rateLimitResetPadding;
    }

    @Override
    public String toString() {
        return "ClickPipesRetryConfig[maxAttempts="
                + maxAttempts
                + ", initialBackoff="
                + initialBackoff
                + ", backoffMultiplier="
                + backoffMultiplier
                + ", maxBackoff="
                + maxBackoff
                + ", randomizationFactor="
                + randomizationFactor
                + ", maxRetryDuration="
                + maxRetryDuration
                + ", rateLimitResetPadding="
                + rateLimitResetPadding
                + "]";
    }

    /** Builder for {@link ClickPipesRetryConfig}. */
    public static final class Builder {
        private int maxAttempts = 8;
        private Duration initialBackoff = Duration.ofSeconds(4);
        private double backoffMultiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double randomizationFactor = 0.5;
        private Duration maxRetryDuration = Duration.ofSeconds(90);
        private Duration rateLimitResetPadding = Duration.ofSeconds(1);

        private Builder() {}

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder backoffMultiplier(double backoffMultiplier) {
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder randomizationFactor(double randomizationFactor) {
            this.randomizationFactor = randomizationFactor;
            return this;
        }

        public Builder maxRetryDuration(Duration maxRetryDuration) {
            this.maxRetryDuration = maxRetryDuration;
            return this;
        }

        public Builder rateLimitResetPadding(Duration rateLimitResetPadding) {
            this.rateLimitResetPadding = rateLimitResetPadding;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the bad setting and its valid range
         */
        public ClickPipesRetryConfig build() {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "maxAttempts must be at least 1 (1 disables retries), was " + maxAttempts);
            }
            requirePositive("initialBackoff", initialBackoff);
            requirePositive("maxBackoff", maxBackoff);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff ("
                        + maxBackoff
                        + ") must not be shorter than initialBackoff ("
                        + initialBackoff
                        + ")");
            }
            if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
                throw new IllegalArgumentException(
                        "backoffMultiplier must be a finite number >= 1.0, was " + backoffMultiplier);
            }
            if (!(randomizationFactor >= 0.0 && randomizationFactor < 1.0)) {
                throw new IllegalArgumentException(
                        "randomizationFactor must be in [0, 1) (0 = no jitter), was " + randomizationFactor);
            }
            Objects.requireNonNull(maxRetryDuration, "maxRetryDuration must not be null");
            if (maxRetryDuration.isNegative()) {
                throw new IllegalArgumentException("maxRetryDuration must not be negative, was " + maxRetryDuration);
            }
            Objects.requireNonNull(rateLimitResetPadding, "rateLimitResetPadding must not be null");
            if (rateLimitResetPadding.isNegative()) {
                throw new IllegalArgumentException(
                        "rateLimitResetPadding must not be negative, was " + rateLimitResetPadding);
            }
            return new ClickPipesRetryConfig(this);
        }

        private static void requirePositive(String name, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
            }
        }
    }
}
