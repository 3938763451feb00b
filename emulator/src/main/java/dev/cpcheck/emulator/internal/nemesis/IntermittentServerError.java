package dev.cpcheck.emulator.internal.nemesis;

import dev.cpcheck.emulator.internal.api.ApiException;

/**
 * Every N-th API request fails with 500 and has no effect (0 turns it off); or a burst: the next N
 * requests fail so.
 */
public final class IntermittentServerError implements Nemesis {
    private int every;
    private long requests;
    private int burst;

    @Override
    public String id() {
        return "intermittent-500";
    }

    public synchronized void every(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        this.every = n;
        this.requests = 0;
    }

    public synchronized int every() {
        return every;
    }

    /** The next {@code n} requests fail with 500; 0 ends a burst. */
    public synchronized void burst(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        this.burst = n;
    }

    public synchronized int burst() {
        return burst;
    }

    @Override
    public synchronized void beforeApiRequest() {
        if (burst > 0) {
            burst--;
            throw new ApiException(500, "An internal error occurred (injected burst of failures)");
        }
        if (every > 0 && ++requests % every == 0) {
            throw new ApiException(500, "An internal error occurred (injected intermittent failure)");
        }
    }
}
