package dev.cpcheck.clickpipes;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link ClickPipeWaiter} polls: overall timeout, first interval, growth factor, largest
 * interval, and a listener that sees every poll.
 *
 * <p>Defaults: timeout 10 min, first interval 2 s, ×1.5 per poll, at most 15 s between polls.
 * Each poll is one API call; the API allows 10 calls per 10 s per key, so keep intervals at a
 * few seconds.
 *
 * <pre>{@code
 * WaiterConfig config = WaiterConfig.custom()
 *     .timeout(Duration.ofMinutes(5))
 *     .listener(event -> history.record(event))
 *     .build();
 * }</pre>
 */
public final class WaiterConfig {

    private final Duration timeout;
    private final Duration initialInterval;
    private final double backoffMultiplier;
    private final Duration maxInterval;
    private final Consumer<WaiterPollEvent> listener;

    private WaiterConfig(Builder b) {
        this.timeout = b.timeout;
        this.initialInterval = b.initialInterval;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxInterval = b.maxInterval;
        this.listener = b.listener;
    }

    /** The defaults described on the class, without a listener. */
    public static WaiterConfig ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .timeout(timeout)
                .initialInterval(initialInterval)
                .backoffMultiplier(backoffMultiplier)
                .maxInterval(maxInterval)
                .listener(listener);
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration initialInterval() {
        return initialInterval;
    }

    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    public Duration maxInterval() {
        return maxInterval;
    }

    /** Called after every poll, on the waiting thread. */
    public Consumer<WaiterPollEvent> listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "WaiterConfig[timeout="
                + timeout
                + ", initialInterval="
                + initialInterval
                + ", backoffMultiplier="
                + backoffMultiplier
                + ", maxInterval="
                + maxInterval
                + "]";
    }

    /** Builder for {@link WaiterConfig}. */
    public static final class Builder {
        private Duration timeout = Duration.ofMinutes(10);
        private Duration initialInterval = Duration.ofSeconds(2);
        private double backoffMultiplier = 1.5;
        private Duration maxInterval = Duration.ofSeconds(15);
        private Consumer<WaiterPollEvent> listener = event -> {};

        private Builder() {}

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder initialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
            return this;
        }

        public Builder backoffMultiplier(double backoffMultiplier) {
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        public Builder maxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
            return this;
        }

        public Builder listener(Consumer<WaiterPollEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the bad setting and its valid range
         */
        public WaiterConfig build() {
            requirePositive("timeout", timeout);
            requirePositive("initialInterval", initialInterval);
            requirePositive("maxInterval", maxInterval);
            if (maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException("maxInterval ("
                        + maxInterval
                        + ") must not be shorter than initialInterval ("
                        + initialInterval
                        + ")");
            }
            if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
                throw new IllegalArgumentException(
                        "backoffMultiplier must be a finite number >= 1.0 (1.0 = fixed interval), was "
                                + backoffMultiplier);
            }
            return new WaiterConfig(this);
        }

        private static void requirePositive(String name, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
            }
        }
    }
}
