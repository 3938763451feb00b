package dev.cpcheck.core.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1m30s}, or ISO-8601. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {}

    /**
     * Parses {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1m30s} or
     * ISO-8601 ({@code PT5S}).
     *
     * @throws IllegalArgumentException with an example of the expected form
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a duration like 5s, 500ms or 2m, got nothing");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected a duration like 5s, 500ms or 2m, got '" + text + "'");
            }
        }
        Matcher m = PART.matcher(t);
        int pos = 0;
        Duration total = Duration.ZERO;
        while (m.find() && m.start() == pos) {
            double value = Double.parseDouble(m.group(1));
            long nanos = switch (m.group(2)) {
                case "ms" -> Math.round(value * 1e6);
                case "s" -> Math.round(value * 1e9);
                case "m" -> Math.round(value * 60e9);
                default -> Math.round(value * 3600e9);
            };
            total = total.plusNanos(nanos);
            pos = m.end();
        }
        if (pos == 0 || pos != t.length()) {
            throw new IllegalArgumentException("expected a duration like 5s, 500ms or 2m, got '" + text + "'");
        }
        return total;
    }

    /** Formats compactly: {@code 500ms}, {@code 5s}, {@code 1m30s}. */
    public static String format(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 != 0 && ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        s = s % 60;
        if (m < 60) {
            return s == 0 ? m + "m" : m + "m" + s + "s";
        }
        long h = m / 60;
        m = m % 60;
        return m == 0 ? h + "h" : h + "h" + m + "m";
    }
}
