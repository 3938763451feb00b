package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows and files landed per time bucket, each bucket labelled {@code pre-pause}, {@code paused} or
 * {@code post-resume}; rows before the axis or after it fall into one {@code earlier} /
 * {@code later} bucket.
 *
 * <p>Normally free: the ledger already counted the files whose rows all landed in one bucket
 * (every file, in a run without anomalies), and only files spread over several buckets (e.g.
 * re-ingested ones) are counted again, by file id, which reads a small part of the table.
 *
 * @param axis    the buckets
 * @param buckets non-empty buckets in time order
 * @param source  how it was counted: {@code ledger}, {@code ledger+ids} or {@code scan}
 */
public record Timeline(TimeAxis axis, List<Bucket> buckets, String source) {
    public static final String PRE_PAUSE = "pre-pause";
    public static final String PAUSED = "paused";
    public static final String POST_RESUME = "post-resume";
    public static final String EARLIER = "earlier";
    public static final String LATER = "later";

    /**
     * When the files of a bucket's rows were written, in the order of {@link Bucket#written()}:
     * before the first pause, while paused, after a resume, or by no file of the run.
     */
    public static final List<String> WRITTEN = List.of("before-pause", "while-paused", "after-resume", "not-written");

    /**
     * A bucket.
     *
     * @param start start (inclusive), server time; null for the earlier bucket
     * @param end   end (exclusive), server time; null for the later bucket
     * @param rows  rows that landed in it
     * @param files distinct files among them
     * @param label pre-pause, paused, post-resume, earlier or later (when the rows landed)
     * @param written rows by when their file was written, in {@link #WRITTEN} order
     */
    public record Bucket(Instant start, Instant end, long rows, long files, String label, long[] written) {}

    /** The timeline from the ledger, completed with a query for files spread over buckets. */
    public static Timeline of(CheckContext ctx, PauseSchedule schedule, TimeAxis axis, Ledger ledger) {
        Map<Long, long[]> counts = new TreeMap<>();
        String source;
        LeanPass lean = ledger.lean();
        if (ledger.axis() != null
                && ledger.axis().equals(axis)
                && lean.spanningGroups() <= lean.spanningIds().size()) {
            lean.histogram().forEach((b, v) -> counts.put(b, v.clone()));
            source = "ledger";
            if (lean.spanningGroups() > 0) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("ids", lean.spanningIds());
                params.put("written", lean.spanningWritten());
                add(counts, query(ctx, schedule, axis, "file_id IN {ids:Array(UInt32)}", params));
                source = "ledger+ids";
            }
        } else {
            add(counts, query(ctx, schedule, axis, null, new LinkedHashMap<>()));
            source = "scan";
        }
        return new Timeline(axis, buckets(counts, axis, schedule), source);
    }

    /** The timeline by counting every row of the run (when there is no ledger to start from). */
    public static Timeline scan(CheckContext ctx, PauseSchedule schedule, TimeAxis axis) {
        Map<Long, long[]> counts = new TreeMap<>();
        add(counts, query(ctx, schedule, axis, null, new LinkedHashMap<>()));
        return new Timeline(axis, buckets(counts, axis, schedule), "scan");
    }

    private static List<SqlRow> query(
            CheckContext ctx, PauseSchedule schedule, TimeAxis axis, String filter, Map<String, Object> params) {
        params.put("run", ctx.runId());
        axis.params(params);
        String perFile = "SELECT " + TimeAxis.bucketSql("ts") + " AS b, file_id, count() AS c"
                + " FROM (SELECT file_id, toUnixTimestamp64Milli(" + ctx.landingTimeExpression() + ") AS ts FROM "
                + ctx.qualifiedTable() + " WHERE run_id = {run:String}" + (filter == null ? "" : " AND " + filter) + ")"
                + " GROUP BY b, file_id";
        String classified;
        if (params.containsKey("written")) {
            // the ledger gave each file's written class: the manifest need not travel again
            classified = "SELECT b, c, transform(file_id, {ids:Array(UInt32)}, {written:Array(UInt8)}, toUInt8(3))"
                    + " AS wc FROM (" + perFile + ")";
        } else {
            String written = LedgerQuery.writtenClassSql(
                    schedule, params, "toUnixTimestamp64Milli(m.uploaded_at)", "m.file_id = x.file_id");
            classified = "SELECT x.b AS b, x.c AS c, " + written + " AS wc FROM (" + perFile + ") AS x LEFT JOIN"
                    + " (SELECT file_id, any(uploaded_at) AS uploaded_at FROM " + ctx.manifestRelation()
                    + " GROUP BY file_id) AS m ON x.file_id = m.file_id";
        }
        String sql = "SELECT b, count() AS files, sum(c) AS rows, sumIf(c, wc = 0) AS w0, sumIf(c, wc = 1) AS w1,"
                + " sumIf(c, wc = 2) AS w2, sumIf(c, wc = 3) AS w3 FROM (" + classified + ")"
                + " GROUP BY b ORDER BY b SETTINGS join_use_nulls = 0";
        return ctx.sql().query(sql, params);
    }

    private static void add(Map<Long, long[]> counts, List<SqlRow> rows) {
        for (SqlRow r : rows) {
            long[] v = counts.computeIfAbsent(r.getLong("b"), k -> new long[2 + WRITTEN.size()]);
            v[0] += r.getLong("rows");
            v[1] += r.getLong("files");
            for (int k = 0; k < WRITTEN.size(); k++) {
                v[2 + k] += r.getLong("w" + k);
            }
        }
    }

    private static List<Bucket> buckets(Map<Long, long[]> counts, TimeAxis axis, PauseSchedule schedule) {
        List<Bucket> out = new ArrayList<>();
        counts.forEach((b, v) -> {
            if (v[0] == 0) {
                return;
            }
            if (b < 0) {
                out.add(new Bucket(null, axis.start(0), v[0], v[1], EARLIER, written(v)));
            } else if (b >= axis.buckets()) {
                out.add(new Bucket(axis.start(axis.buckets()), null, v[0], v[1], LATER, written(v)));
            } else {
                out.add(new Bucket(
                        axis.start(b),
                        axis.end(b),
                        v[0],
                        v[1],
                        label(schedule, axis.start(b), axis.end(b)),
                        written(v)));
            }
        });
        return out;
    }

    private static long[] written(long[] v) {
        long[] w = new long[WRITTEN.size()];
        System.arraycopy(v, 2, w, 0, Math.min(w.length, v.length - 2));
        return w;
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
