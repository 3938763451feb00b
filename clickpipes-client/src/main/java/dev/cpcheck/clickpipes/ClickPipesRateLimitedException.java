package dev.cpcheck.clickpipes;

import java.time.Duration;
import java.util.Optional;

/**
 * 429: the API's rate limit (10 requests per 10 seconds per key) was exceeded. The client
 * retries these by itself, waiting as the server asks; this is thrown when retries are exhausted
 * or disabled.
 */
public class ClickPipesRateLimitedException extends ClickPipesServiceException {

    private static final long serialVersionUID = 2L;

    private final Duration resetAfter;

    /**
     * @param resetAfter delay until the limit resets, from {@code X-RateLimit-Reset} or
     *     {@code Retry-After}; {@code null} if the response gave none
     */
    public ClickPipesRateLimitedException(Details details, Duration resetAfter) {
        super(details);
        this.resetAfter = resetAfter;
    }

    /** How long the server said to wait before the limit resets. */
    public Optional<Duration> resetAfter() {
        return Optional.ofNullable(resetAfter);
    }
}
