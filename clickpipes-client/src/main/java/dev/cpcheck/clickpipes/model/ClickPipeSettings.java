package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Advanced settings of a ClickPipe: a flat key/value map (spec {@code ClickPipeSettings} and
 * {@code ClickPipeSettingsPutRequest}), kept as a map so that settings newer than this client
 * survive a read-modify-write.
 *
 * <p>Integral numbers are held as {@code Long} and other numbers as {@code Double}, whatever
 * they were built from, so that equal settings compare equal after a JSON round trip.
 *
 * <pre>{@code
 * ClickPipeSettings s = ClickPipeSettings.empty()
 *     .with(ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS, 1000);
 * }</pre>
 *
 * @param values the settings; never {@code null}, unmodifiable
 */
public record ClickPipeSettings(@JsonValue Map<String, Object> values) {

    public static final String STREAMING_MAX_INSERT_WAIT_MS = "streaming_max_insert_wait_ms";
    public static final String OBJECT_STORAGE_CONCURRENCY = "object_storage_concurrency";
    public static final String OBJECT_STORAGE_POLLING_INTERVAL_MS =
            "object_storage_polling_interval_ms";
    public static final String OBJECT_STORAGE_MAX_INSERT_BYTES = "object_storage_max_insert_bytes";
    public static final String OBJECT_STORAGE_MAX_FILE_COUNT = "object_storage_max_file_count";
    public static final String CLICKHOUSE_MAX_THREADS = "clickhouse_max_threads";
    public static final String CLICKHOUSE_MAX_INSERT_THREADS = "clickhouse_max_insert_threads";
    public static final String CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES =
            "clickhouse_min_insert_block_size_bytes";
    public static final String CLICKHOUSE_MAX_DOWNLOAD_THREADS = "clickhouse_max_download_threads";
    public static final String CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT =
            "clickhouse_parallel_distributed_insert_select";
    public static final String OBJECT_STORAGE_USE_CLUSTER_FUNCTION =
            "object_storage_use_cluster_function";
    public static final String CLICKHOUSE_PARALLEL_VIEW_PROCESSING =
            "clickhouse_parallel_view_processing";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClickPipeSettings {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> copy.put(k, normalize(v)));
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** No settings. */
    public static ClickPipeSettings empty() {
        return new ClickPipeSettings(Map.of());
    }

    /** Settings holding a copy of {@code values}. */
    public static ClickPipeSettings of(Map<String, ?> values) {
        return new ClickPipeSettings(values == null ? Map.of() : new LinkedHashMap<>(values));
    }

    /** A copy with {@code key} set to {@code value} ({@code null} removes the key). */
    public ClickPipeSettings with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new ClickPipeSettings(copy);
    }

    /** The raw value of a setting. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A numeric setting as a long, if present and numeric. */
    public Optional<Long> getLong(String key) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof String) {
            try {
                return Optional.of(Long.parseLong(((String) v).trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code object_storage_polling_interval_ms}, if set. */
    public Optional<Long> objectStoragePollingIntervalMs() {
        return getLong(OBJECT_STORAGE_POLLING_INTERVAL_MS);
    }

    /** {@code object_storage_max_file_count}, if set. */
    public Optional<Long> objectStorageMaxFileCount() {
        return getLong(OBJECT_STORAGE_MAX_FILE_COUNT);
    }

    private static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).doubleValue();
        }
        return v;
    }
}
