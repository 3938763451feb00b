package dev.cpcheck.core.scenario;

import java.time.Duration;
import java.util.Locale;

/**
 * The bounds on every size and count a run accepts, each with the reason for it. A scenario, a
 * YAML file, the command line and a step run check against the same numbers, and each check says
 * the limit and why, naming the setting as the caller knows it ({@code --rows-per-file},
 * {@code steps[2].writeFiles.rowsPerFile}, {@code rowsPerFile}).
 *
 * <pre>{@code
 * Limits.checkRowsPerFile("--rows-per-file", rows, 16);   // throws IllegalArgumentException when too big
 * }</pre>
 *
 * <p>The natural bound is ClickPipes' own: object storage ClickPipes do not ingest a file larger
 * than 10 GB and report it in the error table instead (S3 ClickPipe docs, "File size"); a fixture
 * that large proves nothing about the checkpoint. File sizes are estimated before anything is
 * written, from the rows and the payload of each row (see {@link #estimatedFileBytes}).
 */
public final class Limits {
    /** The largest file ClickPipes ingests: 10 GB (10 GiB as the API counts its byte settings). */
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024 * 1024;

    /**
     * Bytes of a fixture row besides its payload, rounded up: the JSON form of run id, file id,
     * row id, phase, event time and field names; CSV, TSV and Parquet rows are smaller.
     */
    public static final int ROW_OVERHEAD_BYTES = 160;

    /** Payload bytes per row: fixture rows are small events; bigger files come from more rows. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    /**
     * Files of one run: the manifest lists every file and goes with every check; validation is
     * measured up to 100,000 files ({@code ValidationBenchmark}).
     */
    public static final int MAX_FILES_PER_RUN = 100_000;

    /** Bytes one run writes in total: fixtures are evidence of a checkpoint, not a load test. */
    public static final long MAX_RUN_BYTES = 100L * 1024 * 1024 * 1024;

    /** Seeded random pause/resume cycles: each takes a few polling intervals (15-30 s in the cloud). */
    public static final int MAX_CYCLES = 100;

    /** Steps of a scenario: the history records each one; 10,000 steps are hours of a cloud run. */
    public static final int MAX_STEPS = 10_000;

    /** Polling intervals of one hold step. */
    public static final int MAX_HOLD_INTERVALS = 10_000;

    /** Any wait, hold or timeout: a day; anything longer is a mistaken unit. */
    public static final Duration MAX_WAIT = Duration.ofHours(24);

    /** The shortest {@code object_storage_polling_interval_ms} ClickPipes accepts (spec, {@code ClickPipeSettings}). */
    public static final Duration MIN_POLLING_INTERVAL = Duration.ofMillis(100);

    /** The longest {@code object_storage_polling_interval_ms} ClickPipes accepts (spec, {@code ClickPipeSettings}). */
    public static final Duration MAX_POLLING_INTERVAL = Duration.ofHours(1);

    private Limits() {}

    /** The estimated size of a file of {@code rows} rows with {@code payloadBytes} bytes of payload each. */
    public static long estimatedFileBytes(long rows, int payloadBytes) {
        long perRow = ROW_OVERHEAD_BYTES + (long) Math.max(0, payloadBytes);
        return rows > Long.MAX_VALUE / perRow ? Long.MAX_VALUE : rows * perRow;
    }

    /** The most rows a file may have with {@code payloadBytes} bytes of payload per row. */
    public static long maxRowsPerFile(int payloadBytes) {
        return MAX_FILE_BYTES / (ROW_OVERHEAD_BYTES + (long) Math.max(0, payloadBytes));
    }

    /**
     * @param setting how the caller names the setting, e.g. {@code --rows-per-file}
     * @throws IllegalArgumentException when below 1, or when the file would exceed {@link #MAX_FILE_BYTES}
     */
    public static void checkRowsPerFile(String setting, long rows, int payloadBytes) {
        if (rows < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, got " + rows);
        }
        long max = maxRowsPerFile(payloadBytes);
        if (rows > max) {
            throw new IllegalArgumentException(setting + " must be at most " + count(max) + " with " + payloadBytes
                    + " payload bytes per row, got " + count(rows) + ": such a file would be about "
                    + bytes(estimatedFileBytes(rows, payloadBytes))
                    + ", and ClickPipes does not ingest files over 10 GB (S3 ClickPipes docs, \"File size\")");
        }
    }

    /** @throws IllegalArgumentException outside 0..{@link #MAX_PAYLOAD_BYTES} */
    public static void checkPayloadBytes(String setting, long payloadBytes) {
        if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(setting + " must be between 0 and " + count(MAX_PAYLOAD_BYTES)
                    + " (1 MiB), got " + count(payloadBytes)
                    + ": fixture rows are small events; write more rows for bigger files");
        }
    }

    /** @throws IllegalArgumentException outside 1..{@link #MAX_FILES_PER_RUN} */
    public static void checkFiles(String setting, long files) {
        if (files < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, got " + files);
        }
        if (files > MAX_FILES_PER_RUN) {
            throw new IllegalArgumentException(setting + " must be at most " + count(MAX_FILES_PER_RUN) + ", got "
                    + count(files) + ": " + FILES_WHY);
        }
    }

    /**
     * A run that already holds {@code existing} files writes {@code more}.
     *
     * @throws IllegalArgumentException when the run would hold more than {@link #MAX_FILES_PER_RUN}
     */
    public static void checkRunFiles(long existing, long more) {
        if (existing + more > MAX_FILES_PER_RUN) {
            throw new IllegalArgumentException("the run would hold " + count(existing + more) + " files, more than "
                    + count(MAX_FILES_PER_RUN) + ": " + FILES_WHY);
        }
    }

    /** @throws IllegalArgumentException when a run writes more than {@link #MAX_RUN_BYTES} */
    public static void checkRunBytes(long bytes) {
        if (bytes > MAX_RUN_BYTES) {
            throw new IllegalArgumentException("the scenario writes about " + bytes(bytes) + " in total, more than "
                    + bytes(MAX_RUN_BYTES) + ": fixtures are evidence of a checkpoint, not a load test;"
                    + " write fewer or smaller files");
        }
    }

    /** @throws IllegalArgumentException outside 1..{@link #MAX_CYCLES} */
    public static void checkCycles(String setting, long cycles) {
        if (cycles < 1 || cycles > MAX_CYCLES) {
            throw new IllegalArgumentException(setting + " must be between 1 and " + MAX_CYCLES + ", got " + cycles
                    + ": each cycle pauses, holds and resumes the pipe (15-30 s in the cloud)");
        }
    }

    /** @throws IllegalArgumentException when not positive or longer than {@link #MAX_WAIT} */
    public static void checkWait(String setting, Duration d) {
        if (d == null) {
            return;
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(setting + " must be positive, got " + Durations.format(d));
        }
        if (d.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException(setting + " must be at most 24h, got " + Durations.format(d)
                    + ": no step of a run waits longer than a day");
        }
    }

    /** @throws IllegalArgumentException outside ClickPipes' range of the polling interval */
    public static void checkPollingInterval(String setting, Duration d) {
        if (d == null || d.compareTo(MIN_POLLING_INTERVAL) < 0 || d.compareTo(MAX_POLLING_INTERVAL) > 0) {
            throw new IllegalArgumentException(setting + " must be between 100ms and 1h, got "
                    + (d == null ? "nothing" : Durations.format(d))
                    + ": the range ClickPipes accepts for object_storage_polling_interval_ms");
        }
    }

    private static final String FILES_WHY =
            "the manifest lists every file and goes with every check (validation is measured up to 100,000 files)";

    /** A count with thousands separators, e.g. {@code 2,147,483,648}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte size for people, e.g. {@code 378.0 GB} (binary units, as ClickPipes counts). */
    static String bytes(long b) {
        double gb = b / (1024.0 * 1024 * 1024);
        if (gb >= 1) {
            return String.format(Locale.ROOT, "%.1f GB", gb);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
    }
}
