package dev.cpcheck.clickpipes;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the client reads time and how it waits: retry backoff, rate-limit waits and waiter polls
 * all go through it. The default is the system clock and {@link Thread#sleep}; tests pass a fake
 * to run waits instantly and assert their lengths.
 *
 * <pre>{@code
 * ClickPipesClient.builder()...timeSource(myFakeTime).build();
 * }</pre>
 */
public interface TimeSource {

    /** Monotonic time in nanoseconds, for measuring durations (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock time, for timestamps in events. */
    Instant now();

    /**
     * Blocks for {@code duration}; returns at once for zero or negative durations.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The system clock and {@link Thread#sleep}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

/** Default {@link TimeSource}. */
final class SystemTimeSource implements TimeSource {

    static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private SystemTimeSource() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long nanos = duration.toNanos();
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        }
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}
