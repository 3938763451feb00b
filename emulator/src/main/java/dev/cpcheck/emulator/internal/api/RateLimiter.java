package dev.cpcheck.emulator.internal.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The API's rate limit: at most {@code limit} requests per key in any sliding {@code window}
 * (10 per 10 s in ClickHouse Cloud). A rejected request is not counted.
 */
public final class RateLimiter {
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> accepted = new HashMap<>();
    private int limit;
    private long windowNanos;

    public RateLimiter(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    RateLimiter(int limit, Duration window, LongSupplier clock) {
        this.clock = clock;
        configure(limit, window);
    }

    /** New limit; 0 or less disables limiting. */
    public synchronized void configure(int newLimit, Duration window) {
        if (window.isNegative() || (newLimit > 0 && window.isZero())) {
            throw new IllegalArgumentException("rate limit window must be positive");
        }
        this.limit = newLimit;
        this.windowNanos = window.toNanos();
    }

    public synchronized int limit() {
        return limit;
    }

    public synchronized Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /**
     * Counts a request of {@code key}, or rejects it.
     *
     * @return empty when accepted; otherwise the seconds until a request will be accepted again
     */
    public synchronized OptionalDouble tryAcquire(String key) {
        if (limit <= 0) {
            return OptionalDouble.empty();
        }
        long now = clock.getAsLong();
        Deque<Long> times = accepted.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        if (times.size() < limit) {
            times.addLast(now);
            return OptionalDouble.empty();
        }
        long resetNanos = times.peekFirst() + windowNanos - now;
        return OptionalDouble.of(Math.max(0, resetNanos) / 1e9);
    }
}
