package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.TimeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Grants at most {@code limit} permits in any window of {@code window} length: the n-th permit is
 * granted no earlier than {@code window} after the (n − limit)-th. Thread-safe; waiting threads
 * are served in the order they reserved their slots.
 *
 * <p>Resilience4j's {@code AtomicRateLimiter} refreshes permits in fixed cycles, which lets up to
 * twice the limit through around a cycle boundary; the ClickHouse Cloud API counts requests in a
 * sliding window and rejects that. This limiter reserves a slot under a lock and sleeps outside
 * it, through the injected {@link TimeSource}.
 *
 * <p>One limiter can be shared by several clients (see {@link SharedRateLimiters}); each client
 * passes its own maximum wait to {@link #acquire(Duration)}.
 */
public final class SlidingWindowRateLimiter {

    private final long maxWaitNanos;
    private final TimeSource time;

    private final int limit;
    private final long windowNanos;

    /** Grant times of the last {@code limit} permits, ascending. Guarded by {@code this}. */
    private final Deque<Long> grants = new ArrayDeque<>();

    /**
     * @param limit permits per window
     * @param window window length (the server's period plus a safety margin)
     * @param maxWait longest a caller of {@link #acquire()} may wait for a slot
     * @param time clock and sleeper
     */
    public SlidingWindowRateLimiter(int limit, Duration window, Duration maxWait, TimeSource time) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.time = time;
    }

    /** The clock this limiter counts and sleeps on. */
    public TimeSource timeSource() {
        return time;
    }

    /** Permits per window, as now in force. */
    public synchronized int limit() {
        return limit;
    }

    /** Window length, as now in force. */
    public synchronized Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /**
     * Waits for a permit, at most the maximum wait given to the constructor.
     *
     * @return the time waited; {@code null} if no slot was free within the maximum wait (nothing is
     *     reserved then)
     * @throws InterruptedException if interrupted while waiting (the reserved slot is then spent)
     */
    public Duration acquire() throws InterruptedException {
        return acquire(Duration.ofNanos(maxWaitNanos));
    }

    /**
     * Waits for a permit, at most {@code maxWait}.
     *
     * @return the time waited; {@code null} if no slot was free within {@code maxWait} (nothing is
     *     reserved then)
     * @throws InterruptedException if interrupted while waiting (the reserved slot is then spent)
     */
    public Duration acquire(Duration maxWait) throws InterruptedException {
        long maxWaitNanos = maxWait.toNanos();
        long now = time.nanoTime();
        long slot;
        synchronized (this) {
            slot = now;
            if (grants.size() >= limit) {
                slot = Math.max(now, grants.peekFirst() + windowNanos);
            }
            if (slot - now > maxWaitNanos) {
                return null;
            }
            if (grants.size() >= limit) {
                grants.pollFirst();
            }
            grants.addLast(slot);
        }
        long wait = slot - now;
        if (wait > 0) {
            time.sleep(Duration.ofNanos(wait));
        }
        return Duration.ofNanos(wait);
    }
}
