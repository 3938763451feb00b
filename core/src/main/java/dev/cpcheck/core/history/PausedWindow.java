package dev.cpcheck.core.history;

import java.time.Duration;
import java.time.Instant;

/**
 * A confirmed paused window: from the first state poll that saw {@code Stopped} to the moment
 * resume was sent. Times are given in the JVM's clock and in the ClickHouse server's clock, the
 * base {@code ingested_at} uses.
 *
 * @param index             1 for the first pause of the run, 2 for the second, ...
 * @param stopSentAt        when stop was sent (JVM clock)
 * @param stoppedObservedAt first poll that saw Stopped (JVM clock)
 * @param resumeSentAt      when start was sent (JVM clock); the end of the run if never resumed
 * @param serverStart       {@code stoppedObservedAt} in server time
 * @param serverEnd         {@code resumeSentAt} in server time
 * @param uncertainty       how far off the server times may be (clock offset uncertainty)
 * @param resumedByCleanup  the pipe was only resumed by the run's cleanup (the scenario failed)
 */
public record PausedWindow(
        int index,
        Instant stopSentAt,
        Instant stoppedObservedAt,
        Instant resumeSentAt,
        Instant serverStart,
        Instant serverEnd,
        Duration uncertainty,
        boolean resumedByCleanup) {

    /** Length of the window. */
    public Duration duration() {
        return Duration.between(serverStart, serverEnd);
    }

    /** Whether a server time falls inside the window shrunk by {@code tolerance} at both ends. */
    public boolean containsServerTime(Instant t, Duration tolerance) {
        return t.isAfter(serverStart.plus(tolerance)) && t.isBefore(serverEnd.minus(tolerance));
    }
}
