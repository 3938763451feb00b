package dev.cpcheck.core.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of history.jsonl.
 *
 * @param seq       sequence number, from 1, without gaps
 * @param time      wall-clock time of the JVM when the event happened
 * @param monoNanos monotonic nanoseconds since the run started (immune to clock steps)
 * @param type      event type, see {@link EventType}
 * @param step      index of the scenario step (from 0), or {@code null} outside steps
 * @param data      event data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEvent(
        long seq, Instant time, long monoNanos, String type, Integer step, Map<String, Object> data) {
    public HistoryEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data == null ? Map.of() : data));
    }

    public String string(String key) {
        Object v = data.get(key);
        return v == null ? null : v.toString();
    }

    public long longValue(String key, long fallback) {
        Object v = data.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v != null) {
            try {
                return Long.parseLong(v.toString());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public double doubleValue(String key, double fallback) {
        Object v = data.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v != null) {
            try {
                return Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public boolean is(String eventType) {
        return type.equals(eventType);
    }
}
