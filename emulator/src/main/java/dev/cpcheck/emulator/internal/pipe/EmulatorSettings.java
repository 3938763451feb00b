package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.FaultMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Knobs of the emulator that may change while it runs; read by every pipe worker. */
public final class EmulatorSettings {
    private volatile FaultMode faultMode = FaultMode.NONE;
    private volatile Duration provisioningDelay = Duration.ofSeconds(1);
    private volatile Duration stateTransitionDelay = Duration.ZERO;
    private volatile Duration checkpointCommitDelay = Duration.ZERO;
    private volatile Duration moveDelay = Duration.ZERO;
    private volatile int maxInsertAttempts = 3;
    private volatile Duration retryBackoff = Duration.ofMillis(500);
    private volatile String s3Region = "us-east-1";
    private volatile Function<String, Optional<Duration>> queueRetention = url -> Optional.empty();

    public FaultMode faultMode() {
        return faultMode;
    }

    public void faultMode(FaultMode mode) {
        this.faultMode = Objects.requireNonNull(mode);
    }

    public Duration provisioningDelay() {
        return provisioningDelay;
    }

    public void provisioningDelay(Duration delay) {
        this.provisioningDelay = nonNegative(delay, "provisioningDelay");
    }

    public Duration stateTransitionDelay() {
        return stateTransitionDelay;
    }

    public void stateTransitionDelay(Duration delay) {
        this.stateTransitionDelay = nonNegative(delay, "stateTransitionDelay");
    }

    public Duration checkpointCommitDelay() {
        return checkpointCommitDelay;
    }

    public void checkpointCommitDelay(Duration delay) {
        this.checkpointCommitDelay = nonNegative(delay, "checkpointCommitDelay");
    }

    /** Wait between a batch's staging insert and the move of its partitions (a window for crash tests). */
    public Duration moveDelay() {
        return moveDelay;
    }

    public void moveDelay(Duration delay) {
        this.moveDelay = nonNegative(delay, "moveDelay");
    }

    public int maxInsertAttempts() {
        return maxInsertAttempts;
    }

    public void maxInsertAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maxInsertAttempts must be at least 1");
        }
        this.maxInsertAttempts = attempts;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public void retryBackoff(Duration backoff) {
        this.retryBackoff = nonNegative(backoff, "retryBackoff");
    }

    public String s3Region() {
        return s3Region;
    }

    public void s3Region(String region) {
        this.s3Region = Objects.requireNonNull(region);
    }

    /** Retention of a queue by URL, when the SQS server does not keep it itself. */
    public Optional<Duration> queueRetention(String queueUrl) {
        return queueRetention.apply(queueUrl);
    }

    public void queueRetention(Function<String, Optional<Duration>> retentionByQueueUrl) {
        this.queueRetention = Objects.requireNonNull(retentionByQueueUrl);
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }
}
