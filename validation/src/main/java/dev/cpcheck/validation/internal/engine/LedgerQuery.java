package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lean first pass of the ledger: ONE query that reads the run's rows once and, per file, counts
 * them and sums their {@linkplain dev.cpcheck.core.manifest.RowDigest row digests}, per landing unit
 * ({@link Landing}). Joined with the manifest inside ClickHouse, a file whose count and digest sum
 * are what the manifest recorded holds exactly its rows, once each, as written; every other file
 * "differs" and only those are read again, row by row ({@link RowDetailQuery}). The same pass judges
 * landing times against the paused windows and resumes and counts rows per timeline bucket. It
 * returns a single row of counts and witness lists (at most 32 per anomaly); nothing else leaves
 * ClickHouse.
 *
 * <p>A unit's landing is an interval {@code [lo, hi]}: rows count as landed inside a window only
 * when the whole interval lies inside it ({@code paused}); an interval that overlaps a window
 * without lying inside it is {@code ambiguous} and left to the polled counts ({@link PollEvidence}).
 */
public final class LedgerQuery {
    /** Witnesses kept per anomaly class. */
    static final int WITNESSES = 32;
    /** Differing files whose ids come back to be read row by row; beyond, a subquery selects them. */
    static final int DIFFERING_IDS = 1000;
    /** File ids whose rows spread over several timeline buckets, passed on to the timeline. */
    static final int SPANNING_IDS = 1000;

    private LedgerQuery() {}

    /** Runs the lean pass: one read of the run's rows. */
    static LeanPass run(CheckContext ctx, Landing landing, PauseSchedule schedule, TimeAxis axis, PollEvidence polls) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = sql(ctx, landing, schedule, axis, polls.lastFileSeen(), params);
        List<SqlRow> rows = ctx.sql().query(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("the ledger query returned " + rows.size() + " rows, expected 1");
        }
        return LeanPass.from(rows.get(0), axis);
    }

    /**
     * Per file of the run's rows: {@code g_id, c, s} (rows, digest sum), {@code multi} (its rows
     * landed in more than one unit), the landing columns and the per-window and per-resume arrays;
     * fills {@code params}.
     *
     * <p>One grouping by file id keeps the smallest and largest landing unit of each file. A file
     * normally lands in one unit; when it spans several (split across inserts, or landed twice)
     * their hull is {@code [lo of the first unit, hi of the last]}: units do not overlap in block
     * numbers and blocks are numbered in the order they arrive, so every unit of the file lies in
     * it. Judged by the hull, rows count as inside a window only when all of them are; the row-level
     * pass places each copy of a differing file by its own unit.
     */
    static String perFileSql(CheckContext ctx, Landing landing, PauseSchedule schedule, Map<String, Object> params) {
        params.put("run", ctx.runId());
        List<String> pDef = new ArrayList<>();
        List<String> pAmb = new ArrayList<>();
        List<String> eDef = new ArrayList<>();
        List<String> eAmb = new ArrayList<>();
        List<String> inAnyDef = new ArrayList<>();
        for (PauseSchedule.Window w : schedule.windows()) {
            String f = "{w" + w.index() + "f:Int64}";
            String t = "{w" + w.index() + "t:Int64}";
            String e = "{w" + w.index() + "e:Int64}";
            params.put("w" + w.index() + "f", w.judgedFrom().toEpochMilli());
            // a window too short to judge gets an empty range
            params.put(
                    "w" + w.index() + "t",
                    w.judgeable() ? w.judgedTo().toEpochMilli() : w.judgedFrom().toEpochMilli());
            params.put("w" + w.index() + "e", w.judgedTo().toEpochMilli());
            params.put("w" + w.index() + "j", w.stoppedObservedJvm().toEpochMilli());
            String inside = "lo > " + f + " AND hi < " + t;
            pDef.add("if(" + inside + ", c, 0)");
            pAmb.add("if(hi > " + f + " AND lo < " + t + " AND NOT (" + inside + "), c, 0)");
            // for files written after Stopped was seen: whatever landed before the window's end
            eDef.add("if(hi < " + e + ", c, 0)");
            eAmb.add("if(lo < " + e + " AND hi >= " + e + ", c, 0)");
            inAnyDef.add("(" + inside + ")");
        }
        List<String> after = new ArrayList<>();
        for (PauseSchedule.Resume r : schedule.resumes()) {
            String f = "{r" + r.index() + "f:Int64}";
            String t = "{r" + r.index() + "t:Int64}";
            params.put("r" + r.index() + "f", r.resumeSent().toEpochMilli());
            params.put(
                    "r" + r.index() + "t",
                    r.nextStop() == null ? Long.MAX_VALUE : r.nextStop().toEpochMilli());
            // the file's last unit landed after the resume
            after.add("if(last_lo > " + f + " AND hi <= " + t + ", c, 0)");
        }
        String k = landing.keySql();
        String perFile = "SELECT file_id AS g_id, count() AS c, sum(" + ctx.rowDigestSql() + ") AS s, min(" + k
                + ") AS k_min, max(" + k + ") AS k_max FROM " + ctx.qualifiedTable() + " WHERE run_id = {run:String}"
                + " GROUP BY g_id";
        String bounds = "SELECT g_id, c, s, k_min != k_max AS multi, " + landing.loSql("k_min") + " AS lo, "
                + landing.hiSql("k_max") + " AS hi, if(multi, " + landing.hiSql("k_min")
                + ", hi) AS first_hi, if(multi, "
                + landing.loSql("k_max") + ", lo) AS last_lo FROM (" + perFile + ")";
        return "SELECT g_id, c, s, multi, lo AS first_lo, hi AS last_hi, first_hi, last_lo,"
                + " " + Landing.chartTimeSql("lo", "first_hi") + " AS first_t,"
                + " " + Landing.chartTimeSql("last_lo", "hi") + " AS last_t,"
                + " " + array(pDef) + " AS p_def, " + array(pAmb) + " AS p_amb, " + array(eDef) + " AS e_def, "
                + array(eAmb) + " AS e_amb, " + array(after) + " AS after,"
                + " if(" + or(inAnyDef) + ", lo, 0) AS p_first_def, if(" + or(inAnyDef) + ", hi, 0) AS p_last"
                + " FROM (" + bounds + ")";
    }

    /**
     * Per file of the manifest and of the table, joined ({@code in_m} = in the manifest), with the
     * flags every pass uses: {@code owed}, {@code unseen}, {@code exact}, {@code differs}.
     */
    static String joinedSql(CheckContext ctx, Landing landing, PauseSchedule schedule, Map<String, Object> params) {
        List<String> paused = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (PauseSchedule.Window w : schedule.windows()) {
            int i = w.index();
            // a file uploaded after Stopped was observed did not exist before the pause: any of its rows
            // that landed before the window's end was ingested while paused, however early in the window
            String late = "in_m = 1 AND m_up > {w" + i + "j:Int64}";
            // files that differ are placed copy by copy in the row-level pass, not by their hull here
            paused.add(
                    "if(differs, 0, if(" + late + ", greatest(e_def[" + i + "], p_def[" + i + "]), p_def[" + i + "]))");
            ambiguous.add("if(differs, 0, if(" + late + ", e_amb[" + i + "], p_amb[" + i + "]))");
        }
        String joined = "SELECT m.in_m AS in_m, m.file_name AS m_name, m.file_id AS m_id,"
                + " m.rows AS m_rows, m.outcome_code AS m_outcome, m.expectation_code AS m_exp, m.phase AS m_phase,"
                + " m.digest AS m_digest, m.has_digest AS m_has_digest, m.up_ms AS m_up,"
                + " g.g_id AS g_id, g.c AS c, g.s AS s, g.multi AS multi, g.first_lo AS first_lo,"
                + " g.last_hi AS last_hi,"
                + " g.first_hi AS first_hi, g.first_t AS first_t, g.last_t AS last_t, g.p_def AS p_def,"
                + " g.p_amb AS p_amb, g.e_def AS e_def, g.e_amb AS e_amb, g.after AS after,"
                + " g.p_first_def AS p_first_def, g.p_last AS p_last"
                + " FROM (SELECT file_name, file_id, rows, outcome_code, expectation_code, phase, digest, has_digest,"
                + " toUnixTimestamp64Milli(uploaded_at) AS up_ms, toUInt8(1) AS in_m FROM " + ctx.manifestRelation()
                + ") AS m FULL OUTER JOIN (" + perFileSql(ctx, landing, schedule, params) + ") AS g"
                + " ON m.file_id = g.g_id";
        return "SELECT *, " + array(paused) + " AS paused, " + array(ambiguous) + " AS ambiguous, "
                + writtenClassSql(schedule, params, "m_up", "in_m = 1") + " AS wc,"
                + " if(arraySum(paused) > arraySum(p_def), first_lo, p_first_def) AS p_first,"
                + " in_m = 1 AND m_outcome = 0 AND m_exp = 0 AS owed,"
                + " owed AND c = 0 AS unseen,"
                + " in_m = 1 AND c = m_rows AND m_has_digest = 1 AND s = m_digest AS exact,"
                + " c > 0 AND NOT exact AS differs,"
                + " if(in_m = 1, m_name, '') AS name"
                + " FROM (" + joined + ")";
    }

    /**
     * When a file was written, for the timeline's colours: 0 before the first pause, 1 while a pipe
     * was paused (Stopped seen → resume sent, the manifest's upload time), 2 after a resume, 3 not
     * a file of the run.
     */
    static String writtenClassSql(PauseSchedule schedule, Map<String, Object> params, String uploadMs, String known) {
        List<String> inside = new ArrayList<>();
        for (PauseSchedule.Window w : schedule.windows()) {
            params.put("w" + w.index() + "j", w.stoppedObservedJvm().toEpochMilli());
            params.put("w" + w.index() + "r", w.resumeSentJvm().toEpochMilli());
            inside.add("(" + uploadMs + " > {w" + w.index() + "j:Int64} AND " + uploadMs + " < {w" + w.index()
                    + "r:Int64})");
        }
        String first = schedule.windows().isEmpty()
                ? null
                : "{w" + schedule.windows().get(0).index() + "j:Int64}";
        return "toUInt8(multiIf(NOT (" + known + "), 3, " + or(inside) + ", 1, "
                + (first == null ? "1" : uploadMs + " <= " + first) + ", 0, 2))";
    }

    /** The ids of the files that differ, as a subquery (a second read of the run's rows). */
    static String differingIdsSql(
            CheckContext ctx, Landing landing, PauseSchedule schedule, Map<String, Object> params) {
        return "SELECT g_id FROM (" + joinedSql(ctx, landing, schedule, params) + ") WHERE differs";
    }

    /** The SQL of the lean pass; fills {@code params}. */
    static String sql(
            CheckContext ctx,
            Landing landing,
            PauseSchedule schedule,
            TimeAxis axis,
            String polledLastFile,
            Map<String, Object> params) {
        params.put("polled_last", polledLastFile == null ? "" : polledLastFile);
        String buckets = "";
        if (axis != null) {
            axis.params(params);
            buckets = ", " + TimeAxis.bucketSql("first_t") + " AS bf, " + TimeAxis.bucketSql("last_t") + " AS bl";
        }
        List<String> pausedPerWindow = new ArrayList<>();
        List<String> ambiguousPerWindow = new ArrayList<>();
        for (int i = 1; i <= schedule.windows().size(); i++) {
            pausedPerWindow.add("sum(paused[" + i + "])");
            ambiguousPerWindow.add("sum(ambiguous[" + i + "])");
        }
        List<String> beforeBits = new ArrayList<>();
        List<String> afterBits = new ArrayList<>();
        List<String> landedBefore = new ArrayList<>();
        List<String> landedAfter = new ArrayList<>();
        for (PauseSchedule.Resume r : schedule.resumes()) {
            int i = r.index();
            beforeBits.add("bitShiftLeft(toUInt64(first_hi < {r" + i + "f:Int64}), " + (i - 1) + ")");
            afterBits.add("bitShiftLeft(toUInt64(after[" + i + "] > 0), " + (i - 1) + ")");
            landedBefore.add("sumIf(n, c > 0 AND bitTest(before_mask, " + (i - 1) + "))");
            landedAfter.add("sumIf(n, bitTest(after_mask, " + (i - 1) + "))");
        }
        String w = "groupArraySortedIf(" + WITNESSES + ")";
        String resample = axis == null ? "" : "sumResample(-1, " + (axis.buckets() + 1) + ", 1)";
        String whole = "c > 0 AND NOT multi AND bf = bl";
        String histogram = axis == null
                ? ""
                : " " + resample + "(if(" + whole + ", c, 0), bf) AS hist_rows,"
                        + " " + resample + "(if(" + whole + " AND wc = 0, c, 0), bf) AS hist_w0,"
                        + " " + resample + "(if(" + whole + " AND wc = 1, c, 0), bf) AS hist_w1,"
                        + " " + resample + "(if(" + whole + " AND wc = 2, c, 0), bf) AS hist_w2,"
                        + " " + resample + "(if(" + whole + " AND wc = 3, c, 0), bf) AS hist_w3,"
                        + " " + resample + "(if(" + whole + ", n, 0), bf) AS hist_files,"
                        + " sumIf(n, c > 0 AND (multi OR bf != bl)) AS spanning_groups,"
                        + " groupArraySortedIf(" + SPANNING_IDS
                        + ")((g_id, wc), c > 0 AND (multi OR bf != bl)) AS spanning_ids,";
        String flagged = "SELECT *" + (axis == null ? ", 0 AS bf, 0 AS bl" : buckets) + ", p_rows > 0 AS in_window,"
                + " " + (beforeBits.isEmpty() ? "toUInt64(0)" : String.join(" + ", beforeBits)) + " AS before_mask,"
                + " " + (afterBits.isEmpty() ? "toUInt64(0)" : String.join(" + ", afterBits)) + " AS after_mask"
                + " FROM (SELECT *, arraySum(paused) AS p_rows, arraySum(ambiguous) AS a_rows FROM ("
                + joinedSql(ctx, landing, schedule, params) + "))";
        // Nearly every file of a run is exact, in no window and in one bucket: such files are folded
        // into one row per (bucket, written class, resume masks) with their count n, so the many
        // aggregates below run over a few hundred rows, not one per file. Every other file keeps a
        // row of its own.
        String plain = "in_m = 1 AND owed AND exact AND NOT multi AND p_rows = 0 AND a_rows = 0 AND bf = bl";
        String compact = "SELECT count() AS n, sum(c) AS c, sum(m_rows) AS m_rows, any(in_m) AS in_m,"
                + " any(owed) AS owed, any(exact) AS exact, any(differs) AS differs, any(unseen) AS unseen,"
                + " any(multi) AS multi, any(m_has_digest) AS m_has_digest, any(m_outcome) AS m_outcome,"
                + " any(m_exp) AS m_exp, any(g_id) AS g_id, any(m_id) AS m_id, any(m_phase) AS m_phase,"
                + " any(name) AS name, max(m_name) AS m_name, min(first_t) AS first_t, max(last_t) AS last_t,"
                + " any(bf) AS bf, any(bl) AS bl, any(wc) AS wc, any(paused) AS paused, any(ambiguous) AS ambiguous,"
                + " any(p_rows) AS p_rows, any(a_rows) AS a_rows, any(in_window) AS in_window, any(p_first) AS p_first,"
                + " any(p_last) AS p_last, any(before_mask) AS before_mask, any(after_mask) AS after_mask"
                + " FROM (SELECT *, " + plain + " AS plain, if(plain, 0, m_id) AS k_m, if(plain, 0, g_id) AS k_g,"
                + " if(plain, '', m_name) AS k_n, if(plain, bf, 0) AS k_b, if(plain, wc, 0) AS k_w,"
                + " if(plain, before_mask, 0) AS k_bm, if(plain, after_mask, 0) AS k_am FROM (" + flagged + "))"
                + " GROUP BY plain, k_m, k_g, k_n, k_b, k_w, k_bm, k_am";
        // a file not in the table is lost when a later file landed (continuous mode never goes back to
        // lower keys; names order as keys under the run prefix) or a poll saw it, or a later file,
        // land; missing otherwise. The split needs the highest name in the table, hence arrays of the
        // (few) files not in it.
        String seenByPoll = "({polled_last:String} != '' AND m_name <= {polled_last:String})";
        return "SELECT * EXCEPT (max_seen_key, unseen_all, lost_all, missing_all) FROM (SELECT" + histogram
                + " sumIf(n, owed) AS expected_files, sumIf(m_rows, owed) AS expected_rows,"
                + " sumIf(n, in_m = 1) AS manifest_files,"
                + " sumIf(n, owed AND c > 0) AS expected_files_seen,"
                + " sumIf(n, owed AND exact) AS exact_files, sumIf(c, owed AND exact) AS exact_rows,"
                + " sum(c) AS rows_seen, sumIf(n, c > 0) AS groups_seen, sumIf(n, multi) AS multi_unit_files,"
                + " minIf(first_t, c > 0) AS first_landing_ms, maxIf(last_t, c > 0) AS last_landing_ms,"
                + " argMaxIf(m_name, m_name, in_m = 1 AND c > 0) AS last_seen_file,"
                + " maxIf(m_name, in_m = 1 AND c > 0) AS max_seen_key,"
                + " groupArrayIf((m_name, m_name, m_id, m_rows, m_phase, " + seenByPoll + "), unseen) AS unseen_all,"
                + " arrayFilter(x -> x.1 < max_seen_key OR x.6, unseen_all) AS lost_all,"
                + " arrayFilter(x -> NOT (x.1 < max_seen_key OR x.6), unseen_all) AS missing_all,"
                + " length(lost_all) AS lost_files, arraySum(x -> x.4, lost_all) AS lost_rows,"
                + " arraySlice(arraySort(arrayMap(x -> (x.1, x.2, x.3, x.4, x.5, x.6, x.1 < max_seen_key), lost_all)),"
                + " 1, " + WITNESSES + ") AS lost_w,"
                + " length(missing_all) AS missing_files, arraySum(x -> x.4, missing_all) AS missing_rows,"
                + " arraySlice(arraySort(missing_all), 1, " + WITNESSES + ") AS missing_w,"
                + " sumIf(n, in_m = 1 AND m_outcome = 2 AND c = 0) AS indeterminate_unseen,"
                + " " + w + "((m_name, m_name, m_id, m_rows), in_m = 1 AND m_outcome = 2 AND c = 0) AS indeterminate_w,"
                + " sumIf(n, in_m = 1 AND m_outcome = 2) AS indeterminate_files,"
                + " sumIf(n, in_m = 1 AND m_outcome = 1) AS failed_files,"
                + " sumIf(n, in_m = 1 AND m_outcome = 1 AND c > 0) AS failed_seen,"
                + " sumIf(n, in_m = 1 AND m_exp = 1) AS ignored_files,"
                + " sumIf(n, in_m = 1 AND m_exp = 1 AND c = 0) AS ignored_unseen,"
                + " sumIf(n, in_m = 1 AND m_exp = 1 AND c > 0) AS ignored_seen,"
                + " " + w + "((m_name, m_name, m_id, c), in_m = 1 AND m_exp = 1 AND c > 0) AS ignored_seen_w,"
                // files read again row by row
                + " sumIf(n, differs) AS differing_files, sumIf(c, differs) AS differing_rows,"
                + " groupArraySortedIf(" + DIFFERING_IDS + ")(g_id, differs) AS differing_ids,"
                + " sumIf(n, differs AND in_m = 0) AS unknown_files, sumIf(c, differs AND in_m = 0) AS unknown_rows,"
                + " sumIf(n, in_m = 1 AND c > 0 AND m_has_digest = 0) AS undigested_files,"
                // paused windows
                + " " + array(pausedPerWindow) + " AS paused_per_window,"
                + " " + array(ambiguousPerWindow) + " AS ambiguous_per_window,"
                + " sumIf(n, in_window) AS paused_files, sum(p_rows) AS paused_rows,"
                + " sumIf(n, a_rows > 0) AS ambiguous_files, sum(a_rows) AS ambiguous_rows,"
                + " " + w + "((p_first, name, g_id, p_rows, p_last, paused), in_window) AS paused_w,"
                // resumes
                + " " + array(landedBefore) + " AS landed_before_per_resume,"
                + " " + array(landedAfter) + " AS landed_after_per_resume"
                + " FROM (" + compact + "))"
                // unmatched sides of the join must read as 0 and '', never NULL
                + " SETTINGS join_use_nulls = 0";
    }

    static String array(List<String> items) {
        return "CAST([" + String.join(", ", items) + "] AS Array(UInt64))";
    }

    private static String or(List<String> items) {
        return items.isEmpty() ? "0" : String.join(" OR ", items);
    }
}
