package dev.cpcheck.emulator.internal.nemesis;

import dev.cpcheck.emulator.internal.api.ApiException;
import dev.cpcheck.emulator.internal.api.RateLimitHeaders;
import java.util.Map;

/** The next N API requests get 429 with an {@code X-RateLimit-Reset} header, and have no effect. */
public final class ThrottleBurst implements Nemesis {
    private int remaining;
    private double resetSeconds = 1.0;

    @Override
    public String id() {
        return "throttle-burst";
    }

    /** Arms the burst: the next {@code requests} requests get 429. */
    public synchronized void arm(int requests, double resetSeconds) {
        if (requests < 0 || resetSeconds < 0) {
            throw new IllegalArgumentException("requests and resetSeconds must not be negative");
        }
        this.remaining = requests;
        this.resetSeconds = resetSeconds;
    }

    public synchronized int remaining() {
        return remaining;
    }

    @Override
    public synchronized void beforeApiRequest() {
        if (remaining > 0) {
            remaining--;
            throw new ApiException(
                    429,
                    "Too many requests (injected rate limit burst)",
                    Map.of("X-RateLimit-Reset", RateLimitHeaders.format(resetSeconds)));
        }
    }
}
