package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second pass, for the files the lean pass found differing from the manifest only: every
 * {@code (file_id, row_id)} the manifest expects (rows {@code 1..rows} of each file) joined, inside
 * ClickHouse, with every copy the table holds. The expected digest of each row is regenerated in
 * SQL from the manifest's generator fields ({@link RowGenerator#contentDigestSql}) or, for
 * manifests that record no content, is the row's identity digest. Each key then falls in exactly
 * one class per copy:
 *
 * <ul>
 *   <li>no copy from its file: {@code lost} (even when another row took its place);</li>
 *   <li>a copy from another file, or a row id no file wrote: {@code unexpected} (never a
 *       duplicate);</li>
 *   <li>a copy from its file whose digest is not the expected one: {@code altered}, with expected
 *       and found digests;</li>
 *   <li>more than one copy from its file: {@code duplicated}; a copy that landed after a resume
 *       while another had landed before the pause: {@code re-ingested}.</li>
 * </ul>
 * One row of counts and witness lists comes back.
 */
public final class RowDetailQuery {
    private RowDetailQuery() {}

    /** Reads the differing files named by the lean pass (all of them, by subquery, when there are many). */
    static RowDetail run(CheckContext ctx, Landing landing, PauseSchedule schedule, LeanPass lean) {
        if (lean.differingFiles() == 0) {
            return RowDetail.NONE;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String ids;
        String strategy;
        if (lean.differingFiles() <= lean.differingIds().size()) {
            params.put("ids", lean.differingIds());
            ids = "{ids:Array(UInt32)}";
            strategy = "ids";
        } else {
            ids = "(" + LedgerQuery.differingIdsSql(ctx, landing, schedule, params) + ")";
            strategy = "subquery";
        }
        String sql = sql(ctx, landing, schedule, ids, params);
        List<SqlRow> rows = ctx.sql().query(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("the row detail query returned " + rows.size() + " rows, expected 1");
        }
        return RowDetail.from(rows.get(0), strategy);
    }

    private static List<String> sums(String column, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("sum(" + column + "[" + i + "])");
        }
        return out;
    }

    static String sql(
            CheckContext ctx, Landing landing, PauseSchedule schedule, String ids, Map<String, Object> params) {
        params.put("run", ctx.runId());
        boolean content = ctx.manifest().hasContentDigests();
        String expectedDigest = content
                ? "if(regen = 1, "
                        + RowGenerator.contentDigestSql(
                                "gen_key", "gen_base", "file_id", "e_row", "phase", "payload_bytes", "file_name")
                        + ", toUInt64(0))"
                : "cityHash64(file_id, e_row, file_name)";
        String hasExpected = content ? "regen" : "toUInt8(1)";
        String k = landing.keySql();
        String foundRows = "SELECT file_id, row_id, " + ctx.rowDigestSql() + " AS d, source_file AS sf, "
                + landing.loSql(k) + " AS lo, " + landing.hiSql(k) + " AS hi FROM " + ctx.qualifiedTable()
                + " WHERE run_id = {run:String} AND file_id IN " + ids;
        String found = "SELECT file_id AS f_id, row_id AS f_row, count() AS n, groupArray((d, sf, lo, hi)) AS copies"
                + " FROM (" + foundRows + ") GROUP BY f_id, f_row";
        String expected = "SELECT file_id AS e_id, arrayJoin(range(1, toUInt32(rows) + 1)) AS e_row, "
                + expectedDigest + " AS e_d, " + hasExpected + " AS has_e, toUInt8(1) AS in_e FROM "
                + ctx.manifestRelation() + " WHERE file_id IN " + ids;
        String keys = "SELECT if(in_e = 1, e_id, f_id) AS id, if(in_e = 1, toUInt64(e_row), toUInt64(f_row)) AS rid,"
                + " n, copies, in_e, has_e, e_d FROM (" + found + ") AS f FULL OUTER JOIN (" + expected + ") AS e"
                + " ON f.f_id = e.e_id AND f.f_row = e.e_row";
        String named = "SELECT k.*, nm.m_name AS m_name, nm.m_rows AS m_rows, nm.m_known AS m_known, nm.m_up AS m_up"
                + " FROM (" + keys + ") AS k LEFT JOIN (SELECT file_id AS nm_id, any(file_name) AS m_name,"
                + " any(rows) AS m_rows, max(toUnixTimestamp64Milli(uploaded_at)) AS m_up, toUInt8(1) AS m_known FROM "
                + ctx.manifestRelation() + " GROUP BY file_id) AS nm ON k.id = nm.nm_id";

        // every copy placed in the paused windows by its own landing unit
        List<String> pKey = new ArrayList<>();
        List<String> aKey = new ArrayList<>();
        List<String> pFile = new ArrayList<>();
        List<String> aFile = new ArrayList<>();
        List<String> inAny = new ArrayList<>();
        for (PauseSchedule.Window w : schedule.windows()) {
            int i = w.index();
            String f = "{w" + i + "f:Int64}";
            String t = "{w" + i + "t:Int64}";
            String e = "{w" + i + "e:Int64}";
            params.put("w" + i + "f", w.judgedFrom().toEpochMilli());
            params.put(
                    "w" + i + "t",
                    w.judgeable() ? w.judgedTo().toEpochMilli() : w.judgedFrom().toEpochMilli());
            params.put("w" + i + "e", w.judgedTo().toEpochMilli());
            params.put("w" + i + "j", w.stoppedObservedJvm().toEpochMilli());
            String inside = "x.3 > " + f + " AND x.4 < " + t;
            // a file uploaded after Stopped was seen: whatever landed before the window's end was paused
            String late = "m_up > {w" + i + "j:Int64}";
            pKey.add("if(" + late + ", arrayCount(x -> x.4 < " + e + ", copies), arrayCount(x -> " + inside
                    + ", copies))");
            aKey.add("if(" + late + ", arrayCount(x -> x.3 < " + e + " AND x.4 >= " + e
                    + ", copies), arrayCount(x -> x.4 > " + f + " AND x.3 < " + t + " AND NOT (" + inside
                    + "), copies))");
            pFile.add("sum(k_paused[" + i + "])");
            aFile.add("sum(k_ambiguous[" + i + "])");
            inAny.add("(if(" + late + ", x.4 < " + e + ", " + inside + "))");
        }
        String inWindows = inAny.isEmpty() ? "0" : String.join(" OR ", inAny);

        List<String> reing = new ArrayList<>();
        List<String> reingAmb = new ArrayList<>();
        for (PauseSchedule.Resume r : schedule.resumes()) {
            String f = "{r" + r.index() + "f:Int64}";
            String t = "{r" + r.index() + "t:Int64}";
            params.put("r" + r.index() + "f", r.resumeSent().toEpochMilli());
            params.put(
                    "r" + r.index() + "t",
                    r.nextStop() == null ? Long.MAX_VALUE : r.nextStop().toEpochMilli());
            String twice = "in_e = 1 AND ns >= 2";
            // a copy landed after the resume while another had landed before it
            reing.add("if(" + twice + " AND arrayExists(x -> x.4 < " + f + ", same), arrayCount(x -> x.3 > " + f
                    + " AND x.4 <= " + t + ", same), 0)");
            // copies that may have landed on both sides of the resume, too coarse in time to tell
            reingAmb.add("if(" + twice + " AND NOT (arrayExists(x -> x.4 < " + f + ", same) AND arrayExists(x -> x.3 > "
                    + f + ", same)) AND arrayExists(x -> x.3 < " + f + ", same) AND arrayExists(x -> x.4 > " + f
                    + ", same), 1, 0)");
        }
        String classified = "SELECT *, length(same) AS ns,"
                + " toUInt64(if(in_e = 1 AND has_e = 1, arrayCount(x -> x.1 = e_d, same), length(same))) AS ok_n,"
                + " toUInt64(if(in_e = 1, toInt64(length(same)) - toInt64(ok_n), 0)) AS altered_n,"
                + " toUInt64(if(in_e = 1, toInt64(n) - toInt64(length(same)), toInt64(n))) AS unexp_n,"
                + " in_e = 1 AND length(same) = 0 AS lost,"
                + " if(altered_n > 0, arrayFirst(x -> x.1 != e_d, same).1, toUInt64(0)) AS found_d,"
                + " arrayMap(x -> x.2, if(in_e = 1, arrayFilter(x -> x.2 != m_name OR m_known = 0, copies), copies))"
                + " AS unexp_sf,"
                + " if(length(same) > 0, arrayMin(arrayMap(x -> x.4, same)), 0) AS first_hi,"
                + " " + LedgerQuery.array(reing) + " AS reing, " + LedgerQuery.array(reingAmb) + " AS reing_amb,"
                + " " + LedgerQuery.array(pKey) + " AS k_paused, " + LedgerQuery.array(aKey) + " AS k_ambiguous,"
                + " arrayFilter(x -> " + inWindows + ", copies) AS k_in,"
                + " if(length(k_in) > 0, arrayMin(x -> x.3, k_in), 0) AS k_in_first,"
                + " if(length(k_in) > 0, arrayMax(x -> x.4, k_in), 0) AS k_in_last"
                + " FROM (SELECT *, if(m_known = 1, arrayFilter(x -> x.2 = m_name, copies), []) AS same"
                + " FROM (" + named + "))";

        List<String> reingSum = new ArrayList<>();
        List<String> reingAmbSum = new ArrayList<>();
        List<String> reingFinal = new ArrayList<>();
        List<String> reingAmbFinal = new ArrayList<>();
        for (int i = 1; i <= schedule.resumes().size(); i++) {
            reingSum.add("sum(reing[" + i + "])");
            reingAmbSum.add("sum(reing_amb[" + i + "])");
            reingFinal.add("sum(f_reing[" + i + "])");
            reingAmbFinal.add("sum(f_reing_amb[" + i + "])");
        }
        String w = "groupArraySortedIf(" + LedgerQuery.WITNESSES + ")";
        String perFile = "SELECT id, any(m_name) AS name, any(m_rows) AS rows, any(m_known) AS known,"
                + " countIf(lost) AS lost_n, countIf(in_e = 1 AND ns >= 2) AS f_dup_keys,"
                + " sumIf(toUInt64(ns - 1), in_e = 1 AND ns >= 2) AS f_dup_surplus,"
                + " countIf(altered_n > 0) AS altered_keys, sum(altered_n) AS f_altered_rows, sum(unexp_n) AS f_unexp_rows,"
                + " countIf(in_e = 1 AND ns > 0) AS present, max(has_e) AS regenerated,"
                + " " + LedgerQuery.array(reingSum) + " AS f_reing, " + LedgerQuery.array(reingAmbSum)
                + " AS f_reing_amb,"
                + " minIf(first_hi, in_e = 1 AND ns >= 2) AS f_first_hi,"
                + " " + LedgerQuery.array(pFile) + " AS f_paused, " + LedgerQuery.array(aFile) + " AS f_ambiguous,"
                + " minIf(k_in_first, length(k_in) > 0) AS f_in_first, max(k_in_last) AS f_in_last,"
                + " " + w + "(rid, lost) AS lost_k,"
                + " " + w + "((rid, ns), in_e = 1 AND ns >= 2) AS dup_k,"
                + " " + w + "((rid, toString(e_d), toString(found_d), altered_n), altered_n > 0) AS alt_k,"
                + " " + w + "((rid, unexp_n, unexp_sf[1], in_e), unexp_n > 0) AS unexp_k"
                + " FROM (" + classified + ") GROUP BY id";
        // the 32 smallest keys overall come from the 32 files with the smallest keys
        String keysOf = "arraySlice(arraySort(arrayFlatten(groupArraySortedIf(" + LedgerQuery.WITNESSES + ")(";
        return "SELECT count() AS files_examined, sumIf(rows, known = 1) AS rows_examined,"
                + " sum(present) AS present_rows,"
                + " sum(lost_n) AS lost_rows, countIf(lost_n > 0) AS lost_row_files,"
                + " " + keysOf + "arrayMap(r -> (id, name, r, f_unexp_rows > 0), lost_k), lost_n > 0))), 1, "
                + LedgerQuery.WITNESSES + ") AS lost_w,"
                + " sum(f_dup_keys) AS dup_keys, sum(f_dup_surplus) AS dup_surplus, countIf(f_dup_keys > 0) AS dup_files,"
                + " countIf(f_dup_keys > 0 AND f_dup_keys = rows) AS whole_dup_files,"
                + " sumIf(f_dup_keys, f_dup_keys > 0 AND f_dup_keys = rows) AS whole_dup_keys,"
                + " " + w + "((name, id, rows, f_dup_surplus), f_dup_keys > 0 AND f_dup_keys = rows) AS whole_dup_w,"
                + " " + keysOf
                + "arrayMap(t -> (id, name, t.1, t.2), dup_k), f_dup_keys > 0 AND f_dup_keys < rows))), 1, "
                + LedgerQuery.WITNESSES + ") AS dup_w,"
                + " sum(f_altered_rows) AS altered_rows, countIf(altered_keys > 0) AS altered_files,"
                + " countIf(regenerated = 0 AND known = 1) AS unregenerated_files,"
                + " " + keysOf + "arrayMap(t -> (id, name, t.1, t.2, t.3, t.4), alt_k), altered_keys > 0))), 1, "
                + LedgerQuery.WITNESSES + ") AS altered_w,"
                + " sum(f_unexp_rows) AS unexpected_rows, countIf(f_unexp_rows > 0) AS unexpected_files,"
                + " countIf(known = 0) AS unknown_files,"
                + " " + keysOf
                + "arrayMap(t -> (id, name, t.1, t.2, t.3, t.4, known), unexp_k), f_unexp_rows > 0))), 1, "
                + LedgerQuery.WITNESSES + ") AS unexpected_w,"
                + " " + LedgerQuery.array(reingFinal) + " AS reingested_per_resume,"
                + " " + LedgerQuery.array(reingAmbFinal) + " AS ambiguous_reingested_per_resume,"
                + " countIf(arraySum(f_reing) > 0) AS reingested_files, sum(arraySum(f_reing)) AS reingested_rows,"
                + " " + w + "((name, id, arraySum(f_reing), f_reing, f_first_hi, rows), arraySum(f_reing) > 0)"
                + " AS reingested_w,"
                + " " + LedgerQuery.array(sums("f_paused", schedule.windows().size())) + " AS paused_per_window,"
                + " " + LedgerQuery.array(sums("f_ambiguous", schedule.windows().size())) + " AS ambiguous_per_window,"
                + " countIf(arraySum(f_paused) > 0) AS paused_files, sum(arraySum(f_paused)) AS paused_rows,"
                + " countIf(arraySum(f_ambiguous) > 0) AS ambiguous_files, sum(arraySum(f_ambiguous)) AS ambiguous_rows,"
                + " " + w + "((f_in_first, name, id, arraySum(f_paused), f_in_last, f_paused), arraySum(f_paused) > 0)"
                + " AS paused_w"
                + " FROM (" + perFile + ") SETTINGS join_use_nulls = 0";
    }
}
