package dev.cpcheck.validation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Small text formatting shared by checks and renderers. */
public final class Fmt {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Fmt() {}

    /** {@code 12:00:03.120Z}. */
    public static String time(Instant t) {
        return t == null ? "?" : TIME.format(t);
    }

    /** {@code 12:00:03.120Z} from epoch milliseconds. */
    public static String time(long epochMs) {
        return time(Instant.ofEpochMilli(epochMs));
    }

    /** {@code 2026-01-01 12:00:03.120Z}. */
    public static String dateTime(Instant t) {
        return t == null ? "?" : DATE_TIME.format(t);
    }

    /** {@code 1 file} / {@code 3 files}. */
    public static String count(long n, String singular) {
        return n + " " + plural(n, singular);
    }

    public static String plural(long n, String singular) {
        if (n == 1) {
            return singular;
        }
        if (singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("ch") || singular.endsWith("sh")) {
            return singular + "es";
        }
        if (singular.endsWith("y") && !singular.endsWith("ey")) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }

    /** {@code 20.3 s}, {@code 850 ms}, {@code 2 min 5 s}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (Math.abs(ms) < 1000) {
            return ms + " ms";
        }
        if (Math.abs(ms) < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }

    /** Up to {@code max} names, then {@code and N more}. */
    public static String examples(List<String> names, long total, int max) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (String n : names) {
            if (shown == max) {
                break;
            }
            if (shown > 0) {
                sb.append(", ");
            }
            sb.append(n);
            shown++;
        }
        if (total > shown) {
            sb.append(shown == 0 ? "" : ", ")
                    .append("and ")
                    .append(total - shown)
                    .append(" more");
        }
        return sb.toString();
    }
}
