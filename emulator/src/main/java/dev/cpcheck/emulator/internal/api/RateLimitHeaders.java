package dev.cpcheck.emulator.internal.api;

import java.util.Locale;

/** Formatting of {@code X-RateLimit-Reset}: seconds, possibly fractional. */
public final class RateLimitHeaders {
    private RateLimitHeaders() {}

    public static String format(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
