package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds and runs the ledger: ONE query that reads the run's rows once, aggregates them per file
 * inside ClickHouse, joins the result with the manifest and returns a single row of counts and
 * witness lists (at most 32 per anomaly, {@code groupArraySortedIf(32)}) for every per-file
 * check. Nothing but that row leaves ClickHouse.
 *
 * <p>Two groupings, same SQL otherwise:
 * <ul>
 *   <li>{@link Mode#BY_FILE_ID} (fast): groups by {@code file_id} only and keeps the smallest and
 *       largest {@code source_file} of each group. When every group has one source file and it is
 *       the manifest's name for that id (the normal case) this is exact.</li>
 *   <li>{@link Mode#BY_FILE}: groups by {@code (file_id, source_file)} and joins on both. Exact
 *       always; used when the fast pass found a file id whose rows come from more than one file or
 *       from a file the manifest does not give that id.</li>
 * </ul>
 */
public final class LedgerQuery {
    /** Witnesses kept per anomaly class. */
    static final int WITNESSES = 32;
    /** File ids with repeated row ids passed on to the duplicate-key query. */
    static final int SUSPECT_IDS = 1000;

    /** How rows are grouped. */
    public enum Mode {
        BY_FILE_ID,
        BY_FILE
    }

    private LedgerQuery() {}

    /** Computes the ledger: the fast pass, then the exact one if the fast pass cannot be trusted. */
    public static Ledger compute(CheckContext ctx, PauseSchedule schedule, TimeAxis axis) {
        Ledger fast = run(ctx, schedule, axis, Mode.BY_FILE_ID);
        if (fast.mixedGroups() == 0) {
            return fast;
        }
        return run(ctx, schedule, axis, Mode.BY_FILE);
    }

    static Ledger run(CheckContext ctx, PauseSchedule schedule, TimeAxis axis, Mode mode) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = sql(
                ctx.qualifiedTable(),
                ctx.landingTimeExpression(),
                ctx.manifestRelation(),
                schedule,
                axis,
                mode,
                params);
        params.put("run", ctx.runId());
        List<SqlRow> rows = ctx.sql().query(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("the ledger query returned " + rows.size() + " rows, expected 1");
        }
        return Ledger.from(rows.get(0), mode, schedule, axis);
    }

    /**
     * The SQL of the ledger; fills {@code params} with the window, resume and bucket bounds. With an
     * axis it also returns the timeline of files whose rows all landed in one bucket (in a correct
     * run, all of them) and the ids of the others.
     */
    public static String sql(
            String table,
            String landingTime,
            String manifest,
            PauseSchedule schedule,
            TimeAxis axis,
            Mode mode,
            Map<String, Object> params) {
        List<PauseSchedule.Window> windows = schedule.windows();
        List<PauseSchedule.Resume> resumes = schedule.resumes();
        List<String> pausedCounts = new ArrayList<>();
        List<String> earlyCounts = new ArrayList<>();
        List<String> inAnyWindow = new ArrayList<>();
        for (PauseSchedule.Window w : windows) {
            String f = "w" + w.index() + "f";
            String t = "w" + w.index() + "t";
            String e = "w" + w.index() + "e";
            String j = "w" + w.index() + "j";
            params.put(f, w.judgedFrom().toEpochMilli());
            // a window too short to judge gets an empty range
            params.put(
                    t,
                    w.judgeable() ? w.judgedTo().toEpochMilli() : w.judgedFrom().toEpochMilli());
            params.put(e, w.judgedTo().toEpochMilli());
            params.put(j, w.stoppedObservedJvm().toEpochMilli());
            String cond = "ts > {" + f + ":Int64} AND ts < {" + t + ":Int64}";
            pausedCounts.add("countIf(" + cond + ")");
            // rows that landed before the end of the window, for files written during it (below)
            earlyCounts.add("countIf(ts < {" + e + ":Int64})");
            inAnyWindow.add("(" + cond + ")");
        }
        List<String> afterCounts = new ArrayList<>();
        for (PauseSchedule.Resume r : resumes) {
            String f = "r" + r.index() + "f";
            String t = "r" + r.index() + "t";
            String p = "r" + r.index() + "p";
            params.put(f, r.resumeSent().toEpochMilli());
            params.put(t, r.nextStop() == null ? Long.MAX_VALUE : r.nextStop().toEpochMilli());
            params.put(p, r.pausedFrom().toEpochMilli());
            afterCounts.add("countIf(ts > {" + f + ":Int64} AND ts <= {" + t + ":Int64})");
        }
        String inAny = inAnyWindow.isEmpty() ? "0" : String.join(" OR ", inAnyWindow);

        boolean byFile = mode == Mode.BY_FILE;
        String group = "SELECT file_id AS g_id,"
                + (byFile
                        ? " source_file AS sf_min, source_file AS sf_max,"
                        : " min(source_file) AS sf_min, max(source_file) AS sf_max,")
                + " count() AS c, uniqExact(row_id) AS d, min(ts) AS first_ms, max(ts) AS last_ms,"
                + " CAST(" + array(pausedCounts) + " AS Array(UInt64)) AS paused_judged,"
                + " CAST(" + array(earlyCounts) + " AS Array(UInt64)) AS early,"
                + " minIf(ts, " + inAny + ") AS p_first, maxIf(ts, " + inAny + ") AS p_last,"
                + " CAST(" + array(afterCounts) + " AS Array(UInt64)) AS after"
                + " FROM (SELECT file_id, row_id, source_file, toUnixTimestamp64Milli(" + landingTime + ") AS ts"
                + " FROM " + table + " WHERE run_id = {run:String})"
                + " GROUP BY file_id" + (byFile ? ", source_file" : "");

        String joined = "SELECT m.in_m AS in_m, m.file_name AS m_name, m.file_id AS m_id, m.file_key AS m_key,"
                + " m.rows AS m_rows, m.outcome AS m_outcome, m.expectation AS m_exp, m.phase AS m_phase,"
                + " g.g_id AS g_id, g.c AS c, g.d AS d, g.sf_min AS sf_min, g.sf_max AS sf_max,"
                + " g.first_ms AS first_ms, g.last_ms AS last_ms, g.paused_judged AS paused_judged, g.early AS early,"
                + " g.p_first AS p_first_judged, g.p_last AS p_last, g.after AS after, m.up_ms AS m_up"
                + " FROM (SELECT file_name, file_id, file_key, rows, outcome, expectation, phase,"
                + " toUnixTimestamp64Milli(uploaded_at) AS up_ms, toUInt8(1) AS in_m FROM " + manifest + ") AS m"
                + " FULL OUTER JOIN (" + group + ") AS g ON m.file_id = g.g_id"
                + (byFile ? " AND m.file_name = g.sf_min" : "");

        List<String> pausedSum = new ArrayList<>();
        for (int i = 1; i <= windows.size(); i++) {
            pausedSum.add("paused[" + i + "]");
        }
        List<String> reingested = new ArrayList<>();
        for (PauseSchedule.Resume r : resumes) {
            reingested.add("if(c > 0 AND first_ms < {r" + r.index() + "p:Int64}, after[" + r.index() + "], 0)");
        }
        String buckets = "";
        if (axis != null) {
            axis.params(params);
            buckets = " " + TimeAxis.bucketSql("first_ms") + " AS bf, " + TimeAxis.bucketSql("last_ms") + " AS bl,";
        }
        // A file whose upload finished after Stopped was observed did not exist before the pause:
        // any of its rows that landed before the window's end was ingested while paused, however
        // early in the window (the start tolerance protects only batches begun before the stop).
        List<String> pausedAdjusted = new ArrayList<>();
        for (PauseSchedule.Window w : windows) {
            int i = w.index();
            pausedAdjusted.add("if(in_m = 1 AND m_up > {w" + i + "j:Int64}, greatest(early[" + i + "], paused_judged["
                    + i + "]), paused_judged[" + i + "])");
        }
        String adjusted = "SELECT *, CAST(" + array(pausedAdjusted) + " AS Array(UInt64)) AS paused,"
                + " if(arraySum(paused) > arraySum(paused_judged), first_ms, p_first_judged) AS p_first"
                + " FROM (" + joined + ")";
        String derived = "SELECT *," + buckets
                + " in_m = 1 AND m_outcome = 'ok' AND m_exp = 'ingest' AS owed,"
                + " if(in_m = 1, m_name, sf_min) AS name,"
                + " " + sum(pausedSum) + " AS p_rows,"
                + " CAST(" + array(reingested) + " AS Array(UInt64)) AS reing,"
                + " " + sum(reingested) + " AS r_rows"
                + " FROM (" + adjusted + ")";

        String flagged = "SELECT *,"
                + " owed AND c = 0 AS unseen,"
                + " in_m = 1 AND c > 0 AND m_exp = 'ingest' AND d < m_rows AS partial,"
                + " in_m = 1 AND m_outcome = 'indeterminate' AND c = 0 AS indet_unseen,"
                + " in_m = 1 AND m_exp = 'ignore-below-checkpoint' AS ignored,"
                + " in_m = 1 AND c > m_rows AS dup_file,"
                + " in_m = 0 AND c > 0 AS unknown,"
                + " in_m = 1 AND c > 0 AND (sf_min != m_name OR sf_max != m_name) AS mixed"
                + " FROM (" + derived + ")";

        List<String> pausedPerWindow = new ArrayList<>();
        for (int i = 1; i <= windows.size(); i++) {
            pausedPerWindow.add("sum(paused[" + i + "])");
        }
        List<String> reingestedPerResume = new ArrayList<>();
        List<String> landedBeforePerResume = new ArrayList<>();
        for (PauseSchedule.Resume r : resumes) {
            reingestedPerResume.add("sum(reing[" + r.index() + "])");
            landedBeforePerResume.add("countIf(c > 0 AND first_ms < {r" + r.index() + "p:Int64})");
        }
        String w = "groupArraySortedIf(" + WITNESSES + ")";
        // sumResample keeps one counter per bucket (-1 .. n): far cheaper than building maps per file
        String resample = axis == null ? "" : "sumResample(-1, " + (axis.buckets() + 1) + ", 1)";
        String histogram = axis == null
                ? ""
                : " " + resample + "(if(c > 0 AND bf = bl, c, 0), bf) AS hist_rows,"
                        + " " + resample + "(toUInt64(c > 0 AND bf = bl), bf) AS hist_files,"
                        + " countIf(c > 0 AND bf != bl) AS spanning_groups,"
                        + " groupArraySortedIf(" + SUSPECT_IDS + ")(g_id, c > 0 AND bf != bl) AS spanning_ids,";
        return "SELECT * EXCEPT (max_seen_key, unseen_all, lost_all, missing_all) FROM (SELECT" + histogram
                + " countIf(owed) AS expected_files, sumIf(m_rows, owed) AS expected_rows,"
                + " countIf(in_m = 1) AS manifest_files,"
                + " countIf(owed AND c > 0) AS expected_files_seen,"
                + " sumIf(least(d, m_rows), owed AND c > 0) AS expected_rows_seen,"
                + " countIf(in_m = 1 AND c > 0) AS manifest_files_seen,"
                + " sum(c) AS rows_seen, countIf(c > 0) AS groups_seen,"
                + " minIf(first_ms, c > 0) AS first_landing_ms, maxIf(last_ms, c > 0) AS last_landing_ms,"
                + " countIf(mixed) AS mixed_groups,"
                + " argMaxIf(m_name, m_key, in_m = 1 AND c > 0) AS last_seen_file,"
                // completeness
                // a file not ingested is lost when a higher key was ingested (continuous mode never goes
                // back), missing otherwise; the split needs the highest key seen, hence arrays
                + " maxIf(m_key, in_m = 1 AND c > 0) AS max_seen_key,"
                + " groupArrayIf((m_key, m_name, m_id, m_rows, m_phase), unseen) AS unseen_all,"
                + " arrayFilter(t -> t.1 < max_seen_key, unseen_all) AS lost_all,"
                + " arrayFilter(t -> t.1 >= max_seen_key, unseen_all) AS missing_all,"
                + " length(lost_all) AS lost_files, arraySum(t -> t.4, lost_all) AS lost_rows,"
                + " arraySlice(arraySort(lost_all), 1, " + WITNESSES + ") AS lost_w,"
                + " length(missing_all) AS missing_files, arraySum(t -> t.4, missing_all) AS missing_rows,"
                + " arraySlice(arraySort(missing_all), 1, " + WITNESSES + ") AS missing_w,"
                + " countIf(partial) AS partial_files, sumIf(m_rows - d, partial) AS partial_missing_rows,"
                + " " + w + "((m_key, m_name, m_id, d, m_rows), partial) AS partial_w,"
                + " countIf(indet_unseen) AS indeterminate_unseen,"
                + " " + w + "((m_key, m_name, m_id, m_rows), indet_unseen) AS indeterminate_w,"
                + " countIf(in_m = 1 AND m_outcome = 'indeterminate') AS indeterminate_files,"
                + " countIf(in_m = 1 AND m_outcome = 'failed') AS failed_files,"
                + " countIf(in_m = 1 AND m_outcome = 'failed' AND c > 0) AS failed_seen,"
                + " countIf(ignored) AS ignored_files, countIf(ignored AND c = 0) AS ignored_unseen,"
                + " countIf(ignored AND c > 0) AS ignored_seen,"
                + " " + w + "((m_key, m_name, m_id, c), ignored AND c > 0) AS ignored_seen_w,"
                // duplicates
                + " countIf(dup_file) AS dup_files, sumIf(c - m_rows, dup_file) AS dup_file_surplus,"
                + " " + w + "((m_name, m_id, c, m_rows, d), dup_file) AS dup_file_w,"
                + " countIf(c > d) AS key_dup_groups, sum(c - d) AS key_surplus_rows,"
                + " groupArraySortedIf(" + SUSPECT_IDS + ")(g_id, c > d) AS key_dup_ids,"
                // unexpected
                + " countIf(unknown) AS unknown_groups, sumIf(c, unknown) AS unknown_rows,"
                + " " + w + "((sf_min, g_id, c, sf_max, sf_min IN (SELECT file_name FROM " + manifest + ")), unknown)"
                + " AS unknown_w,"
                // paused
                + " CAST(" + array(pausedPerWindow) + " AS Array(UInt64)) AS paused_per_window,"
                + " countIf(p_rows > 0) AS paused_files, sum(p_rows) AS paused_rows,"
                + " " + w + "((p_first, name, g_id, p_rows, p_last, paused), p_rows > 0) AS paused_w,"
                // resume continuity
                + " CAST(" + array(reingestedPerResume) + " AS Array(UInt64)) AS reingested_per_resume,"
                + " CAST(" + array(landedBeforePerResume) + " AS Array(UInt64)) AS landed_before_per_resume,"
                + " countIf(r_rows > 0) AS reingested_files, sum(r_rows) AS reingested_rows,"
                + " " + w + "((name, g_id, r_rows, first_ms, reing, c), r_rows > 0) AS reingested_w"
                + " FROM (" + flagged + "))"
                // unmatched sides of the join must read as 0 and '', never NULL
                + " SETTINGS join_use_nulls = 0";
    }

    private static String array(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    private static String sum(List<String> items) {
        return items.isEmpty() ? "toUInt64(0)" : "(" + String.join(" + ", items) + ")";
    }
}
