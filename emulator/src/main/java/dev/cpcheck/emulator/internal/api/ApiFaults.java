package dev.cpcheck.emulator.internal.api;

import dev.cpcheck.emulator.internal.nemesis.DelayedAnswer;
import dev.cpcheck.emulator.internal.nemesis.IntermittentServerError;
import dev.cpcheck.emulator.internal.nemesis.Nemesis;
import dev.cpcheck.emulator.internal.nemesis.ThrottleBurst;
import java.time.Duration;
import java.util.List;

/**
 * The API nemeses, composed: a burst of 429 responses (checked before the real rate limit counts the
 * request) and intermittent 500s (after it). A faulted request has no effect.
 */
public final class ApiFaults {
    private final ThrottleBurst throttle = new ThrottleBurst();
    private final IntermittentServerError serverErrors = new IntermittentServerError();
    private final DelayedAnswer delayedAnswer = new DelayedAnswer();

    /** The answers of the next {@code count} {@code method} requests come {@code delay} after their effect. */
    public void delayNextAnswers(String method, int count, Duration delay) {
        delayedAnswer.arm(method, count, delay);
    }

    public DelayedAnswer delayedAnswer() {
        return delayedAnswer;
    }

    /** The next {@code requests} requests get 429 with {@code X-RateLimit-Reset: resetSeconds}. */
    public void throttleNext(int requests, double resetSeconds) {
        throttle.arm(requests, resetSeconds);
    }

    /** Every {@code n}-th request gets 500; 0 turns it off. */
    public void serverErrorEvery(int n) {
        serverErrors.every(n);
    }

    /** The next {@code n} requests get 500; 0 ends a burst. */
    public void serverErrorBurst(int n) {
        serverErrors.burst(n);
    }

    public int throttleRemaining() {
        return throttle.remaining();
    }

    public int serverErrorEvery() {
        return serverErrors.every();
    }

    /** The nemeses that act before the rate limit counts a request. */
    List<Nemesis> beforeRateLimit() {
        return List.of(throttle);
    }

    /** The nemeses that act after the rate limit let a request through. */
    List<Nemesis> afterRateLimit() {
        return List.of(serverErrors);
    }
}
