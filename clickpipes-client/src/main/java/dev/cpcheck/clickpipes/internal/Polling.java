package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.ClickPipesClientException;
import dev.cpcheck.clickpipes.TimeSource;
import java.time.Duration;

/** Waiting between polls: a growing interval, and sleeps that end the wait when interrupted. */
public final class Polling {

    private Polling() {}

    /**
     * Sleeps on {@code time}.
     *
     * @param what what is awaited, for the message
     * @throws ClickPipesClientException with reason {@code INTERRUPTED} if interrupted
     */
    public static void sleep(TimeSource time, Duration d, String what) {
        try {
            time.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickPipesClientException(
                    "interrupted while waiting for " + what, e, ClickPipesClientException.Reason.INTERRUPTED, 1);
        }
    }

    /** The next interval: {@code interval × factor}, at most {@code max}. */
    public static Duration grow(Duration interval, double factor, Duration max) {
        return Duration.ofNanos((long) Math.min(interval.toNanos() * factor, (double) max.toNanos()));
    }
}
