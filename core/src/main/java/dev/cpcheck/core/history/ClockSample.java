package dev.cpcheck.core.history;

import java.time.Duration;
import java.time.Instant;

/**
 * One estimate of the ClickHouse server clock relative to the JVM clock: the server's
 * {@code now64(3)} against the midpoint of the query's round trip.
 *
 * @param label       why it was taken: {@code start}, {@code pause-1}, {@code resume-1}, ...
 * @param at          JVM time of the round trip's midpoint
 * @param offset      server time minus JVM time
 * @param uncertainty half the round trip: the true offset lies within ± this
 */
public record ClockSample(String label, Instant at, Duration offset, Duration uncertainty) {

    /** Converts a JVM instant to the server's time base. */
    public Instant toServerTime(Instant jvmTime) {
        return jvmTime.plus(offset);
    }

    /**
     * Estimates the offset from one round trip.
     *
     * @param before JVM time just before the query was sent
     * @param server the server's time as the query returned it
     * @param after  JVM time just after the answer arrived
     */
    public static ClockSample estimate(String label, Instant before, Instant server, Instant after) {
        Duration rtt = Duration.between(before, after);
        Instant mid = before.plus(rtt.dividedBy(2));
        return new ClockSample(label, mid, Duration.between(mid, server), rtt.dividedBy(2));
    }
}
