package dev.cpcheck.clickpipes;

import dev.cpcheck.clickpipes.internal.HumanDurations;
import java.time.Duration;

/**
 * One retry, given to a {@link ClickPipesRetryListener} before the client waits.
 *
 * @param operation the call, e.g. {@code "GET /v1/organizations/…/clickpipes/…"}
 * @param attempt the attempt that failed, 1 for the first
 * @param maxAttempts attempts the retry configuration allows
 * @param delay how long the client waits before attempt {@code attempt + 1}
 * @param reason why the attempt failed, short, e.g. {@code "HTTP 503 SERVICE_UNAVAILABLE"} or
 *     {@code "no response within 30 s"}; never holds a secret
 * @param failure the failure of the attempt
 * @param elapsed time since the first attempt of the call
 */
public record ClickPipesRetryEvent(
        String operation,
        int attempt,
        int maxAttempts,
        Duration delay,
        String reason,
        ClickPipesException failure,
        Duration elapsed) {

    /** The attempt that follows the wait. */
    public int nextAttempt() {
        return attempt + 1;
    }

    /**
     * One line for a person, e.g. {@code "GET /v1/…: attempt 1 of 8 failed (HTTP 503
     * SERVICE_UNAVAILABLE); retrying in 4.0 s"}.
     */
    public String describe() {
        return operation + ": attempt " + attempt + " of " + maxAttempts + " failed (" + reason + "); retrying in "
                + HumanDurations.format(delay);
    }
}
