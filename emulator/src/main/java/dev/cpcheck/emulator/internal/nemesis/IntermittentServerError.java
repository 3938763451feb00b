package dev.cpcheck.emulator.internal.nemesis;

import dev.cpcheck.emulator.internal.api.ApiException;

/** Every N-th API request fails with 500 and has no effect; 0 turns it off. */
public final class IntermittentServerError implements Nemesis {
    private int every;
    private long requests;

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

    @Override
    public synchronized void beforeApiRequest() {
        if (every > 0 && ++requests % every == 0) {
            throw new ApiException(500, "An internal error occurred (injected intermittent failure)");
        }
    }
}
