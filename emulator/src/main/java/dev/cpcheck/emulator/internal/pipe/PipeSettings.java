package dev.cpcheck.emulator.internal.pipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ClickPipe settings of the API spec ({@code ClickPipeSettings}): names, types, ranges and the
 * defaults the emulator applies. Values may arrive as numbers, strings or booleans; they are
 * stored as {@code Long} or {@code Boolean}.
 */
public final class PipeSettings {
    public static final String POLLING_INTERVAL_MS = "object_storage_polling_interval_ms";
    public static final String MAX_FILE_COUNT = "object_storage_max_file_count";
    public static final String MAX_INSERT_BYTES = "object_storage_max_insert_bytes";
    public static final String CONCURRENCY = "object_storage_concurrency";

    private record Definition(String name, boolean bool, long min, long max, Object defaultValue) {}

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    static {
        integer("streaming_max_insert_wait_ms", 500, 60_000, null);
        integer(CONCURRENCY, 1, 35, null);
        integer(POLLING_INTERVAL_MS, 100, 3_600_000, 30_000L);
        integer(MAX_INSERT_BYTES, 10_485_760L, 53_687_091_200L, 10_737_418_240L);
        integer(MAX_FILE_COUNT, 1, 10_000, 100L);
        integer("clickhouse_max_threads", 0, 64, null);
        integer("clickhouse_max_insert_threads", 0, 16, null);
        integer("clickhouse_min_insert_block_size_bytes", 0, 10_737_418_240L, null);
        integer("clickhouse_max_download_threads", 0, 32, null);
        integer("clickhouse_parallel_distributed_insert_select", 0, 2, null);
        bool("object_storage_use_cluster_function");
        bool("clickhouse_parallel_view_processing");
    }

    private PipeSettings() {}

    private static void integer(String name, long min, long max, Long defaultValue) {
        DEFINITIONS.put(name, new Definition(name, false, min, max, defaultValue));
    }

    private static void bool(String name) {
        DEFINITIONS.put(name, new Definition(name, true, 0, 0, null));
    }

    /** Every setting name the API knows. */
    public static List<String> names() {
        return List.copyOf(DEFINITIONS.keySet());
    }

    /**
     * Merges {@code changes} into {@code current}: validated and coerced; a {@code null} value
     * resets a setting to its default.
     *
     * @throws IllegalArgumentException with an API-style message on an unknown name or a bad value
     */
    public static Map<String, Object> merge(Map<String, Object> current, Map<String, ?> changes) {
        Map<String, Object> result = new TreeMap<>(current);
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            Definition def = DEFINITIONS.get(e.getKey());
            if (def == null) {
                throw new IllegalArgumentException("Unknown setting '" + e.getKey() + "'. Known settings: "
                        + String.join(", ", DEFINITIONS.keySet()));
            }
            if (e.getValue() == null) {
                result.remove(def.name);
            } else {
                result.put(def.name, coerce(def, e.getValue()));
            }
        }
        return result;
    }

    private static Object coerce(Definition def, Object value) {
        if (def.bool) {
            if (value instanceof Boolean b) {
                return b;
            }
            String s = value.toString().trim();
            if (s.equalsIgnoreCase("true") || s.equals("1")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false") || s.equals("0")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("Setting '" + def.name + "' must be a boolean, got '" + value + "'");
        }
        long n;
        if (value instanceof Number num) {
            if (num.doubleValue() != Math.rint(num.doubleValue())) {
                throw new IllegalArgumentException("Setting '" + def.name + "' must be an integer, got " + value);
            }
            n = num.longValue();
        } else if (value instanceof String s) {
            try {
                n = Long.parseLong(s.trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "Setting '" + def.name + "' must be an integer, got '" + value + "'");
            }
        } else {
            throw new IllegalArgumentException("Setting '" + def.name + "' must be an integer, got " + value);
        }
        if (n < def.min || n > def.max) {
            throw new IllegalArgumentException(
                    "Setting '" + def.name + "' must be between " + def.min + " and " + def.max + ", got " + n);
        }
        return n;
    }

    /** The settings as the API shows them: the stored values over the emulator's defaults. */
    public static Map<String, Object> effective(Map<String, Object> stored) {
        Map<String, Object> result = new TreeMap<>();
        DEFINITIONS.values().stream()
                .filter(d -> d.defaultValue != null)
                .forEach(d -> result.put(d.name, d.defaultValue));
        result.putAll(stored);
        return result;
    }

    public static long longValue(Map<String, Object> stored, String name) {
        Object v = effective(stored).get(name);
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }
}
