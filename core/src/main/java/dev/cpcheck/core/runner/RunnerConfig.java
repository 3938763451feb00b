package dev.cpcheck.core.runner;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.cpcheck.core.scenario.Limits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Timing and behaviour of a {@link ScenarioRunner}.
 *
 * <pre>{@code
 * RunnerConfig config = RunnerConfig.custom()
 *     .pipePollingInterval(Duration.ofSeconds(5))
 *     .awaitTimeout(Duration.ofMinutes(10))
 *     .keepResources(true)
 *     .build();
 * }</pre>
 *
 * @param probeInterval       how often the destination is polled with SQL while waiting/holding
 * @param stateInterval       how often the pipe state is polled (the cloud API allows 10 req/10 s)
 * @param awaitTimeout        default timeout of await-files steps
 * @param stateTimeout        default timeout of await-state steps (and of create → Running)
 * @param pipePollingInterval the pipe's {@code object_storage_polling_interval_ms}: set on
 *                            created pipes, and the unit of hold-intervals steps
 * @param settle              after all files landed, how long the row count must stay unchanged
 *                            (late duplicates show up); {@code null} = 3 polling intervals, at least 1 s
 * @param keepResources       leave pipe, table and files in place at the end (the pipe is still
 *                            resumed if the run left it paused)
 * @param pipeSettings        further ClickPipe settings for created pipes
 * @param pipeName            name of the created pipe; {@code null} = {@code cpcheck-<run id>}
 * @param adoptPipeId         adopt this pipe at the create-pipe step instead of creating one
 */
public record RunnerConfig(
        Duration probeInterval,
        Duration stateInterval,
        Duration awaitTimeout,
        Duration stateTimeout,
        Duration pipePollingInterval,
        Duration settle,
        boolean keepResources,
        Map<String, Object> pipeSettings,
        String pipeName,
        String adoptPipeId) {

    /** Polling interval setting name of ClickPipes. */
    public static final String POLLING_INTERVAL_SETTING = "object_storage_polling_interval_ms";

    public RunnerConfig {
        requirePositive(probeInterval, "probeInterval");
        requirePositive(stateInterval, "stateInterval");
        requirePositive(awaitTimeout, "awaitTimeout");
        requirePositive(stateTimeout, "stateTimeout");
        requirePositive(pipePollingInterval, "pipePollingInterval");
        Limits.checkPollingInterval("pipePollingInterval", pipePollingInterval);
        if (settle != null && settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative");
        }
        pipeSettings = Map.copyOf(new LinkedHashMap<>(pipeSettings == null ? Map.of() : pipeSettings));
    }

    /** Defaults for the embedded local stack: fast polls, short timeouts. */
    public static RunnerConfig ofDefaults() {
        return custom().build();
    }

    /**
     * Defaults for ClickHouse Cloud: state polls every 3 s (the API allows 10 requests per 10 s),
     * SQL polls every 2 s, a 5 s pipe polling interval, generous timeouts.
     */
    public static RunnerConfig cloudDefaults() {
        return custom().probeInterval(Duration.ofSeconds(2))
                .stateInterval(Duration.ofSeconds(3))
                .awaitTimeout(Duration.ofMinutes(10))
                .stateTimeout(Duration.ofMinutes(5))
                .pipePollingInterval(Duration.ofSeconds(5))
                .build();
    }

    public static Builder custom() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .probeInterval(probeInterval)
                .stateInterval(stateInterval)
                .awaitTimeout(awaitTimeout)
                .stateTimeout(stateTimeout)
                .pipePollingInterval(pipePollingInterval)
                .settle(settle)
                .keepResources(keepResources)
                .pipeSettings(pipeSettings)
                .pipeName(pipeName)
                .adoptPipeId(adoptPipeId);
    }

    /** The settle time in effect. */
    @JsonIgnore
    public Duration effectiveSettle() {
        if (settle != null) {
            return settle;
        }
        Duration three = pipePollingInterval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : three;
    }

    /** Settings for a created pipe: the polling interval plus {@link #pipeSettings()}. */
    @JsonIgnore
    public Map<String, Object> effectivePipeSettings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(POLLING_INTERVAL_SETTING, pipePollingInterval.toMillis());
        s.putAll(pipeSettings);
        return s;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builder with the local defaults preset. */
    public static final class Builder {
        private Duration probeInterval = Duration.ofMillis(250);
        private Duration stateInterval = Duration.ofMillis(250);
        private Duration awaitTimeout = Duration.ofSeconds(90);
        private Duration stateTimeout = Duration.ofSeconds(60);
        private Duration pipePollingInterval = Duration.ofMillis(500);
        private Duration settle;
        private boolean keepResources;
        private Map<String, Object> pipeSettings = Map.of();
        private String pipeName;
        private String adoptPipeId;

        private Builder() {}

        public Builder probeInterval(Duration d) {
            this.probeInterval = d;
            return this;
        }

        public Builder stateInterval(Duration d) {
            this.stateInterval = d;
            return this;
        }

        public Builder awaitTimeout(Duration d) {
            this.awaitTimeout = d;
            return this;
        }

        public Builder stateTimeout(Duration d) {
            this.stateTimeout = d;
            return this;
        }

        public Builder pipePollingInterval(Duration d) {
            this.pipePollingInterval = d;
            return this;
        }

        public Builder settle(Duration d) {
            this.settle = d;
            return this;
        }

        public Builder keepResources(boolean keep) {
            this.keepResources = keep;
            return this;
        }

        public Builder pipeSettings(Map<String, Object> settings) {
            this.pipeSettings = settings;
            return this;
        }

        public Builder pipeName(String name) {
            this.pipeName = name;
            return this;
        }

        public Builder adoptPipeId(String pipeId) {
            this.adoptPipeId = pipeId;
            return this;
        }

        public RunnerConfig build() {
            return new RunnerConfig(
                    probeInterval,
                    stateInterval,
                    awaitTimeout,
                    stateTimeout,
                    pipePollingInterval,
                    settle,
                    keepResources,
                    pipeSettings,
                    pipeName,
                    adoptPipeId);
        }
    }
}
