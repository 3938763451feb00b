package dev.cpcheck.core.runner;

import dev.cpcheck.core.spi.DestinationSpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Run ids: {@code yyyyMMdd-HHmmss-xxxxxx} (UTC time and 6 random hex digits), so runs sort by
 * time and never collide. The id names the S3 prefix, the table and the pipe of the run.
 */
public final class RunIds {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    public static String newRunId(Clock clock) {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
    }

    public static String newRunId() {
        return newRunId(Clock.systemUTC());
    }

    /** Whether {@code s} has the form of a run id. */
    public static boolean isRunId(String s) {
        return s != null && RUN_ID.matcher(s).matches();
    }

    /** Table name for a run: {@code cpcheck_yyyyMMdd_HHmmss_xxxxxx}. */
    public static String tableName(String runId) {
        return "cpcheck_" + runId.replace('-', '_');
    }

    /** The run's own table in {@code database}: {@link #tableName(String)}. */
    public static DestinationSpec table(String database, String runId) {
        return new DestinationSpec(database, tableName(runId));
    }

    /** Pipe name for a run: {@code cpcheck-<run id>}. */
    public static String pipeName(String runId) {
        return "cpcheck-" + runId;
    }
}
