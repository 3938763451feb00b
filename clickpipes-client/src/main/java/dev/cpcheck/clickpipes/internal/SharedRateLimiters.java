package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.TimeSource;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JVM-wide rate limiters, one per API key: the ClickHouse Cloud API counts requests per key,
 * so every client using a key must draw from the same budget, however many client instances exist
 * and however short-lived they are.
 *
 * <p>A limiter is identified by the API base URL, the organization ID, the API key ID, the limit
 * (permits per window) and the {@link TimeSource} instance. Clients of one key with the same
 * limit (every client on the defaults) share one budget. A client that asks for another limit
 * gets a budget of its own: it stated what it may spend, and letting it tighten or loosen the
 * budget of other clients would make their speed depend on who else runs in the JVM. The time
 * source is part of the identity because a limiter counts and sleeps on one clock: a client built
 * with its own time source (a test's fake clock) shares only with clients built with that same
 * instance.
 *
 * <p>Limiters are kept for the life of the JVM (a few hundred bytes each), so a client built after
 * another one was closed still sees that one's recent requests.
 */
public final class SharedRateLimiters {

    private static final ConcurrentMap<Key, SlidingWindowRateLimiter> LIMITERS = new ConcurrentHashMap<>();

    private SharedRateLimiters() {}

    private record Key(
            String baseUrl, String organizationId, String apiKeyId, int limit, Duration window, TimeSource time) {}

    /**
     * The limiter of this key, limit and time source, created if there is none yet.
     *
     * @param baseUrl the API base URL, normalised (no trailing slash or {@code /v1})
     * @param organizationId organization ID
     * @param apiKeyId API key ID (not the secret)
     * @param limit permits per window
     * @param window window length (the server's period plus a safety margin)
     * @param time clock and sleeper
     */
    public static SlidingWindowRateLimiter forKey(
            String baseUrl, String organizationId, String apiKeyId, int limit, Duration window, TimeSource time) {
        return LIMITERS.computeIfAbsent(
                new Key(baseUrl, organizationId, apiKeyId, limit, window, time),
                k -> new SlidingWindowRateLimiter(limit, window, Duration.ZERO, time));
    }
}
