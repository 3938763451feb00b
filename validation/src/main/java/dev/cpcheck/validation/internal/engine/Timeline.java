package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows and files landed per time bucket, counted inside ClickHouse, each bucket labelled
 * {@code pre-pause}, {@code paused} or {@code post-resume}. Rows before the run's start or after
 * its end fall into one {@code earlier} / {@code later} bucket.
 *
 * @param origin  start of the first bucket, server time
 * @param step    bucket width
 * @param buckets non-empty buckets in time order
 */
public record Timeline(Instant origin, Duration step, List<Bucket> buckets) {
    public static final String PRE_PAUSE = "pre-pause";
    public static final String PAUSED = "paused";
    public static final String POST_RESUME = "post-resume";
    public static final String EARLIER = "earlier";
    public static final String LATER = "later";

    /** Bucket widths to choose from, so that axis labels stay readable. */
    private static final long[] STEPS_MS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
        300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};
    /** About this many buckets over the run. */
    static final int TARGET_BUCKETS = 60;

    /**
     * A bucket.
     *
     * @param start start (inclusive), server time
     * @param end   end (exclusive), server time
     * @param rows  rows that landed in it
     * @param files distinct file ids among them
     * @param label pre-pause, paused, post-resume, earlier or later
     */
    public record Bucket(Instant start, Instant end, long rows, long files, String label) {
    }

    /** Counts the run's rows per bucket over [from, to] (server time). */
    public static Timeline count(CheckContext ctx, PauseSchedule schedule, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long step = STEPS_MS[STEPS_MS.length - 1];
        for (long s : STEPS_MS) {
            if (span / s <= TARGET_BUCKETS) {
                step = s;
                break;
            }
        }
        long origin = Math.floorDiv(from.toEpochMilli(), step) * step;
        long n = Math.floorDiv(to.toEpochMilli() - origin, step) + 1;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("run", ctx.runId());
        params.put("origin", origin);
        params.put("step", step);
        params.put("n", n);
        String sql = "SELECT b, count() AS files, sum(c) AS rows FROM ("
                + "SELECT greatest(-1, least({n:Int64}, toInt64(floor((ts - {origin:Int64}) / {step:Int64})))) AS b,"
                + " file_id, count() AS c"
                + " FROM (SELECT file_id, toUnixTimestamp64Milli(" + ctx.landingTimeExpression() + ") AS ts FROM "
                + ctx.qualifiedTable() + " WHERE run_id = {run:String})"
                + " GROUP BY b, file_id) GROUP BY b ORDER BY b";
        List<Bucket> buckets = new ArrayList<>();
        for (SqlRow r : ctx.sql().query(sql, params)) {
            long b = r.getLong("b");
            Instant start = Instant.ofEpochMilli(origin + b * step);
            Instant end = start.plusMillis(step);
            String label;
            if (b < 0) {
                label = EARLIER;
                start = null;
                end = Instant.ofEpochMilli(origin);
            } else if (b >= n) {
                label = LATER;
                start = Instant.ofEpochMilli(origin + n * step);
                end = null;
            } else {
                label = label(schedule, start, end);
            }
            buckets.add(new Bucket(start, end, r.getLong("rows"), r.getLong("files"), label));
        }
        return new Timeline(Instant.ofEpochMilli(origin), Duration.ofMillis(step), buckets);
    }

    /** The label of [start, end): paused if it overlaps a confirmed paused window, else before or after. */
    static String label(PauseSchedule schedule, Instant start, Instant end) {
        boolean afterSome = false;
        for (PauseSchedule.Window w : schedule.windows()) {
            if (start.isBefore(w.serverEnd()) && end.isAfter(w.serverStart())) {
                return PAUSED;
            }
            if (!start.isBefore(w.serverEnd())) {
                afterSome = true;
            }
        }
        return afterSome ? POST_RESUME : PRE_PAUSE;
    }
}
