package dev.cpcheck.emulator.internal.api;

/**
 * Faults of the API itself, applied to {@code /v1} requests after authentication: a burst of 429
 * responses and intermittent 500s. A faulted request has no effect.
 */
public final class ApiFaults {
    private int throttleRemaining;
    private double throttleResetSeconds = 1.0;
    private int serverErrorEvery;
    private long requestCount;

    /** The next {@code requests} requests get 429 with {@code X-RateLimit-Reset: resetSeconds}. */
    public synchronized void throttleNext(int requests, double resetSeconds) {
        if (requests < 0 || resetSeconds < 0) {
            throw new IllegalArgumentException("requests and resetSeconds must not be negative");
        }
        this.throttleRemaining = requests;
        this.throttleResetSeconds = resetSeconds;
    }

    /** Every {@code n}-th request gets 500; 0 turns it off. */
    public synchronized void serverErrorEvery(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        this.serverErrorEvery = n;
        this.requestCount = 0;
    }

    public synchronized int throttleRemaining() {
        return throttleRemaining;
    }

    public synchronized int serverErrorEvery() {
        return serverErrorEvery;
    }

    /** Throws the injected 429 for this request, if any (checked before the real limiter counts it). */
    public synchronized void applyThrottle() {
        if (throttleRemaining > 0) {
            throttleRemaining--;
            throw new ApiException(
                    429,
                    "Too many requests (injected rate limit burst)",
                    java.util.Map.of("X-RateLimit-Reset", RateLimitHeaders.format(throttleResetSeconds)));
        }
    }

    /** Throws the injected 500 for this request, if any. */
    public synchronized void applyServerError() {
        if (serverErrorEvery > 0) {
            requestCount++;
            if (requestCount % serverErrorEvery == 0) {
                throw new ApiException(500, "An internal error occurred (injected intermittent failure)");
            }
        }
    }
}
