package dev.cpcheck.validation.internal.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Text forms of server-side query parameters ({@code {name:Type}}), as ClickHouse parses them:
 * the value of a parameter is read in the "escaped" text format of its type.
 */
public final class SqlParams {
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SqlParams() {}

    /**
     * Values as the client library should receive them: instants become UTC text (use
     * {@code {t:DateTime64(3, 'UTC')}}), other values pass unchanged.
     */
    public static Map<String, Object> normalise(Map<String, ?> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof Instant i ? utc(i) : v));
        return out;
    }

    /** An instant as {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC. */
    public static String utc(Instant instant) {
        return UTC_MILLIS.format(instant);
    }

    /** The escaped-format text of a parameter value, as sent in {@code param_<name>}. */
    public static String escaped(Object value) {
        if (value == null) {
            return "\\N";
        }
        if (value instanceof Instant i) {
            return escapeString(utc(i));
        }
        if (value instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (Object e : c) {
                j.add(quoted(e));
            }
            return j.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return escapeString(value.toString());
    }

    /** The quoted-format text of a value, as inside an array. */
    static String quoted(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (Object e : c) {
                j.add(quoted(e));
            }
            return j.toString();
        }
        String s = value instanceof Instant i ? utc(i) : value.toString();
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Escapes a string for the escaped (TSV) text format: backslash, tab, newline, CR, NUL. */
    public static String escapeString(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String rep = switch (ch) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> "\\0";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(ch);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A string literal for SQL text: single quotes, backslash escapes. */
    public static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
