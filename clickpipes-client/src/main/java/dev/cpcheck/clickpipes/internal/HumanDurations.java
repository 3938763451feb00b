package dev.cpcheck.clickpipes.internal;

import java.time.Duration;
import java.util.Locale;

/** Human-readable durations for messages: {@code "3.5 s"}, {@code "2 min 5.0 s"}. */
public final class HumanDurations {

    private HumanDurations() {}

    public static String format(Duration d) {
        if (d == null) {
            return "?";
        }
        double seconds = d.toNanos() / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long minutes = (long) (seconds / 60);
        return String.format(Locale.ROOT, "%d min %.1f s", minutes, seconds - minutes * 60);
    }
}
