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
 * <p>Every setting of the spec has a typed getter (an empty {@code Optional} when the setting is
 * absent or not of the spec's type) and a {@code with...} method returning a copy; spec integers
 * are {@code Long}, spec booleans {@code Boolean}. Any other key, e.g. one newer than this client,
 * is reached through {@link #get}, {@link #getLong}, {@link #getBoolean} and {@link #with}.
 *
 * <p>Integral numbers are held as {@code Long} and other numbers as {@code Double}, whatever
 * they were built from, so that equal settings compare equal after a JSON round trip.
 *
 * <pre>{@code
 * ClickPipeSettings s = ClickPipeSettings.empty()
 *     .withObjectStoragePollingIntervalMs(1000L)
 *     .withObjectStorageUseClusterFunction(true);
 * long maxFiles = current.objectStorageMaxFileCount().orElse(100L);
 * }</pre>
 *
 * @param values the settings; never {@code null}, unmodifiable
 */
public record ClickPipeSettings(@JsonValue Map<String, Object> values) {

    public static final String STREAMING_MAX_INSERT_WAIT_MS = "streaming_max_insert_wait_ms";
    public static final String OBJECT_STORAGE_CONCURRENCY = "object_storage_concurrency";
    public static final String OBJECT_STORAGE_POLLING_INTERVAL_MS = "object_storage_polling_interval_ms";
    public static final String OBJECT_STORAGE_MAX_INSERT_BYTES = "object_storage_max_insert_bytes";
    public static final String OBJECT_STORAGE_MAX_FILE_COUNT = "object_storage_max_file_count";
    public static final String CLICKHOUSE_MAX_THREADS = "clickhouse_max_threads";
    public static final String CLICKHOUSE_MAX_INSERT_THREADS = "clickhouse_max_insert_threads";
    public static final String CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES = "clickhouse_min_insert_block_size_bytes";
    public static final String CLICKHOUSE_MAX_DOWNLOAD_THREADS = "clickhouse_max_download_threads";
    public static final String CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT =
            "clickhouse_parallel_distributed_insert_select";
    public static final String OBJECT_STORAGE_USE_CLUSTER_FUNCTION = "object_storage_use_cluster_function";
    public static final String CLICKHOUSE_PARALLEL_VIEW_PROCESSING = "clickhouse_parallel_view_processing";

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

    /**
     * A boolean setting, if present and a boolean (or the string {@code "true"} or
     * {@code "false"}, in any case).
     */
    public Optional<Boolean> getBoolean(String key) {
        Object v = values.get(key);
        if (v instanceof Boolean) {
            return Optional.of((Boolean) v);
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            if (s.equalsIgnoreCase("true")) {
                return Optional.of(Boolean.TRUE);
            }
            if (s.equalsIgnoreCase("false")) {
                return Optional.of(Boolean.FALSE);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------ the spec's settings, typed

    /**
     * {@code streaming_max_insert_wait_ms}, if set: configures the max wait period before inserting
     * data into ClickHouse.
     */
    public Optional<Long> streamingMaxInsertWaitMs() {
        return getLong(STREAMING_MAX_INSERT_WAIT_MS);
    }

    /**
     * A copy with {@code streaming_max_insert_wait_ms} set to {@code value}, or removed when it is
     * {@code null}. The API accepts 500 to 60000.
     */
    public ClickPipeSettings withStreamingMaxInsertWaitMs(Long value) {
        return with(STREAMING_MAX_INSERT_WAIT_MS, value);
    }

    /** {@code object_storage_concurrency}, if set: number of concurrent file processing threads. */
    public Optional<Long> objectStorageConcurrency() {
        return getLong(OBJECT_STORAGE_CONCURRENCY);
    }

    /**
     * A copy with {@code object_storage_concurrency} set to {@code value}, or removed when it is
     * {@code null}. The API accepts 1 to 35.
     */
    public ClickPipeSettings withObjectStorageConcurrency(Long value) {
        return with(OBJECT_STORAGE_CONCURRENCY, value);
    }

    /**
     * {@code object_storage_polling_interval_ms}, if set: configures the refresh interval for
     * querying continuous ingest for new object storage data.
     */
    public Optional<Long> objectStoragePollingIntervalMs() {
        return getLong(OBJECT_STORAGE_POLLING_INTERVAL_MS);
    }

    /**
     * A copy with {@code object_storage_polling_interval_ms} set to {@code value}, or removed when
     * it is {@code null}. The API accepts 100 to 3600000.
     */
    public ClickPipeSettings withObjectStoragePollingIntervalMs(Long value) {
        return with(OBJECT_STORAGE_POLLING_INTERVAL_MS, value);
    }

    /**
     * {@code object_storage_max_insert_bytes}, if set: number of bytes to process in a single
     * insert batch.
     */
    public Optional<Long> objectStorageMaxInsertBytes() {
        return getLong(OBJECT_STORAGE_MAX_INSERT_BYTES);
    }

    /**
     * A copy with {@code object_storage_max_insert_bytes} set to {@code value}, or removed when it
     * is {@code null}. The API accepts 10485760 to 53687091200.
     */
    public ClickPipeSettings withObjectStorageMaxInsertBytes(Long value) {
        return with(OBJECT_STORAGE_MAX_INSERT_BYTES, value);
    }

    /**
     * {@code object_storage_max_file_count}, if set: maximum number of files to process in a single
     * insert batch.
     */
    public Optional<Long> objectStorageMaxFileCount() {
        return getLong(OBJECT_STORAGE_MAX_FILE_COUNT);
    }

    /**
     * A copy with {@code object_storage_max_file_count} set to {@code value}, or removed when it is
     * {@code null}. The API accepts 1 to 10000.
     */
    public ClickPipeSettings withObjectStorageMaxFileCount(Long value) {
        return with(OBJECT_STORAGE_MAX_FILE_COUNT, value);
    }

    /**
     * {@code clickhouse_max_threads}, if set: maximum number of concurrent threads for file
     * processing.
     */
    public Optional<Long> clickhouseMaxThreads() {
        return getLong(CLICKHOUSE_MAX_THREADS);
    }

    /**
     * A copy with {@code clickhouse_max_threads} set to {@code value}, or removed when it is {@code
     * null}. The API accepts 0 to 64.
     */
    public ClickPipeSettings withClickhouseMaxThreads(Long value) {
        return with(CLICKHOUSE_MAX_THREADS, value);
    }

    /**
     * {@code clickhouse_max_insert_threads}, if set: maximum number of concurrent insert threads.
     */
    public Optional<Long> clickhouseMaxInsertThreads() {
        return getLong(CLICKHOUSE_MAX_INSERT_THREADS);
    }

    /**
     * A copy with {@code clickhouse_max_insert_threads} set to {@code value}, or removed when it is
     * {@code null}. The API accepts 0 to 16.
     */
    public ClickPipeSettings withClickhouseMaxInsertThreads(Long value) {
        return with(CLICKHOUSE_MAX_INSERT_THREADS, value);
    }

    /**
     * {@code clickhouse_min_insert_block_size_bytes}, if set: minimum size of data block for insert
     * (in bytes).
     */
    public Optional<Long> clickhouseMinInsertBlockSizeBytes() {
        return getLong(CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES);
    }

    /**
     * A copy with {@code clickhouse_min_insert_block_size_bytes} set to {@code value}, or removed
     * when it is {@code null}. The API accepts 0 to 10737418240.
     */
    public ClickPipeSettings withClickhouseMinInsertBlockSizeBytes(Long value) {
        return with(CLICKHOUSE_MIN_INSERT_BLOCK_SIZE_BYTES, value);
    }

    /**
     * {@code clickhouse_max_download_threads}, if set: maximum number of concurrent download
     * threads.
     */
    public Optional<Long> clickhouseMaxDownloadThreads() {
        return getLong(CLICKHOUSE_MAX_DOWNLOAD_THREADS);
    }

    /**
     * A copy with {@code clickhouse_max_download_threads} set to {@code value}, or removed when it
     * is {@code null}. The API accepts 0 to 32.
     */
    public ClickPipeSettings withClickhouseMaxDownloadThreads(Long value) {
        return with(CLICKHOUSE_MAX_DOWNLOAD_THREADS, value);
    }

    /**
     * {@code clickhouse_parallel_distributed_insert_select}, if set: parallel distributed insert
     * select setting.
     */
    public Optional<Long> clickhouseParallelDistributedInsertSelect() {
        return getLong(CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT);
    }

    /**
     * A copy with {@code clickhouse_parallel_distributed_insert_select} set to {@code value}, or
     * removed when it is {@code null}. The API accepts 0 to 2.
     */
    public ClickPipeSettings withClickhouseParallelDistributedInsertSelect(Long value) {
        return with(CLICKHOUSE_PARALLEL_DISTRIBUTED_INSERT_SELECT, value);
    }

    /**
     * {@code object_storage_use_cluster_function}, if set: whether to use ClickHouse cluster
     * function for distributed processing.
     */
    public Optional<Boolean> objectStorageUseClusterFunction() {
        return getBoolean(OBJECT_STORAGE_USE_CLUSTER_FUNCTION);
    }

    /**
     * A copy with {@code object_storage_use_cluster_function} set to {@code value}, or removed when
     * it is {@code null}.
     */
    public ClickPipeSettings withObjectStorageUseClusterFunction(Boolean value) {
        return with(OBJECT_STORAGE_USE_CLUSTER_FUNCTION, value);
    }

    /**
     * {@code clickhouse_parallel_view_processing}, if set: whether to enable pushing to attached
     * views concurrently instead of sequentially.
     */
    public Optional<Boolean> clickhouseParallelViewProcessing() {
        return getBoolean(CLICKHOUSE_PARALLEL_VIEW_PROCESSING);
    }

    /**
     * A copy with {@code clickhouse_parallel_view_processing} set to {@code value}, or removed when
     * it is {@code null}.
     */
    public ClickPipeSettings withClickhouseParallelViewProcessing(Boolean value) {
        return with(CLICKHOUSE_PARALLEL_VIEW_PROCESSING, value);
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
