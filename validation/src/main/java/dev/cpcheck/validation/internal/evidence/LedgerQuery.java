package dev.cpcheck.validation.internal.evidence;

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

    /** The setting that selects the earlier query analyzer, appended to the lean query's SETTINGS. */
    static final String OLD_ANALYZER = "enable_analyzer = 0";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LedgerQuery.class);

    private LedgerQuery() {}

    /** Runs the lean pass: one read of the run's rows. */
    static LeanPass run(CheckContext ctx, Landing landing, PauseSchedule schedule, TimeAxis axis, PollEvidence polls) {
        Map<String, Object> params = new LinkedHashMap<>();
        LeanPass.Names names = ((ValidationContext) ctx).names();
        String sql = sql(ctx, landing, schedule, params);
        List<SqlRow> rows;
        try {
            // ClickHouse's earlier query analyzer plans this query faster (measured on 26.7 at 100 k files)
            rows = ctx.sql().query(sql + ", " + OLD_ANALYZER, params);
        } catch (RuntimeException e) {
            // a server without the setting (or the earlier analyzer) gets the query as written
            LOG.debug(
                    "ledger query with {} refused ({}); running it with the default analyzer",
                    OLD_ANALYZER,
                    e.toString());
            rows = ctx.sql().query(sql, params);
        }
        List<LeanFold.Group> groups = new java.util.ArrayList<>(rows.size());
        for (SqlRow r : rows) {
            groups.add(LeanFold.Group.of(r));
        }
        QueueEvidence queue = QueueEvidence.of(ctx.history(), ctx.manifest()).orElse(null);
        return LeanFold.fold(groups, landing, schedule, axis, names.rankAtMost(polls.lastFileSeen()), names, queue);
    }

    /**
     * Per file of the run's rows, in one read: {@code g_id, c, s} (rows, digest sum) and the first
     * and last landing unit of the file, {@code k_min, k_max}.
     *
     * <p>A file normally lands in one unit; when it spans several (split across inserts, or landed
     * twice) it is judged by their hull, {@code [lo of the first unit, hi of the last]}: units do not
     * overlap in block numbers and blocks are numbered in the order they arrive, so every unit of
     * the file lies in it. Judged by the hull, rows count as inside a window only when all of them
     * are; the row-level pass places each copy of a differing file by its own unit.
     */
    static String perFileSql(CheckContext ctx, Landing landing, Map<String, Object> params) {
        params.put("run", ctx.runId());
        String k = landing.keySql();
        return "SELECT file_id AS g_id, count() AS c, sum(" + ctx.rowDigestSql() + ") AS s, min(" + k + ") AS k_min,"
                + " max(" + k + ") AS k_max FROM " + ctx.qualifiedTable()
                + " WHERE run_id = {run:String} GROUP BY g_id";
    }

    /**
     * Per file of the manifest and of the table, joined ({@code in_m} = in the manifest), with the
     * flags every pass uses: {@code owed}, {@code unseen}, {@code exact}, {@code differs}, and when
     * the file was written ({@code wc}, {@code late_mask}: bit i-1 set when it was uploaded after
     * Stopped was seen in window i).
     */
    static String joinedSql(CheckContext ctx, Landing landing, PauseSchedule schedule, Map<String, Object> params) {
        List<String> lateBits = new ArrayList<>();
        for (PauseSchedule.Window w : schedule.windows()) {
            params.put("w" + w.index() + "j", w.stoppedObservedJvm().toEpochMilli());
            lateBits.add(
                    "bitShiftLeft(toUInt64(in_m = 1 AND m_up > {w" + w.index() + "j:Int64}), " + (w.index() - 1) + ")");
        }
        // no strings: names are ranks (Java maps ranks and ids back to names and phases)
        String joined = "SELECT m.in_m AS in_m, m.name_rank AS m_rank, m.file_id AS m_id,"
                + " m.rows AS m_rows, m.outcome_code AS m_outcome, m.expectation_code AS m_exp,"
                + " m.digest AS m_digest, m.has_digest AS m_has_digest, m.up_ms AS m_up,"
                + " g.g_id AS g_id, g.c AS c, g.s AS s, g.k_min AS k_min, g.k_max AS k_max"
                + " FROM (SELECT name_rank, file_id, rows, outcome_code, expectation_code, digest, has_digest,"
                + " up_ms, toUInt8(1) AS in_m FROM " + ledgerRelation(ctx)
                + ") AS m FULL OUTER JOIN (" + perFileSql(ctx, landing, params) + ") AS g ON m.file_id = g.g_id";
        return "SELECT *, in_m = 1 AND m_outcome = 0 AND m_exp = 0 AS owed,"
                + " owed AND c = 0 AS unseen,"
                + " in_m = 1 AND c = m_rows AND m_has_digest = 1 AND s = m_digest AS exact,"
                + " c > 0 AND NOT exact AS differs,"
                + " "
                + writtenClassSql(schedule, params, "m_up", "in_m = 1") + " AS wc, "
                + (lateBits.isEmpty() ? "toUInt64(0)" : String.join(" + ", lateBits)) + " AS late_mask"
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

    /** The numbers-only manifest of an engine context; the full manifest relation otherwise. */
    private static String ledgerRelation(CheckContext ctx) {
        if (ctx instanceof ValidationContext ec) {
            return ec.ledgerRelation();
        }
        return "(SELECT file_id, name_rank, rows, outcome_code, expectation_code,"
                + " toUnixTimestamp64Milli(uploaded_at) AS up_ms, digest, has_digest FROM " + ctx.manifestRelation()
                + ")";
    }

    /** The ids of the files that differ, as a subquery (a second read of the run's rows). */
    static String differingIdsSql(
            CheckContext ctx, Landing landing, PauseSchedule schedule, Map<String, Object> params) {
        return "SELECT g_id FROM (" + joinedSql(ctx, landing, schedule, params) + ") WHERE differs";
    }

    /**
     * The SQL of the lean pass; fills {@code params}.
     *
     * <p>Nearly every file of a run is exact and landed in one unit: such files are folded into one
     * row per (landing unit, written class, upload time against the windows) with their count
     * {@code n}; every other file keeps a row of its own. Those rows come back, and {@link LeanFold}
     * places them against the landing intervals, windows, resumes and buckets: the same expressions
     * as SQL cost ClickHouse's planner more than reading the table's extra columns did.
     */
    static String sql(CheckContext ctx, Landing landing, PauseSchedule schedule, Map<String, Object> params) {
        String plain = "in_m = 1 AND owed AND exact AND k_min = k_max";
        return "SELECT count() AS n, sum(c) AS c, sum(m_rows) AS m_rows, any(in_m) AS in_m,"
                + " any(owed) AS owed, any(exact) AS exact, any(differs) AS differs, any(unseen) AS unseen,"
                + " any(m_has_digest) AS m_has_digest, any(m_outcome) AS m_outcome, any(m_exp) AS m_exp,"
                + " any(g_id) AS g_id, any(m_id) AS m_id, max(m_rank) AS m_rank, any(k_min) AS k_min,"
                + " any(k_max) AS k_max, any(wc) AS wc,"
                + " any(late_mask) AS late_mask"
                + " FROM (SELECT *, " + plain + " AS plain, if(plain, 0, m_id) AS k_m, if(plain, 0, g_id) AS k_g,"
                + " if(plain, 0, m_rank) AS k_n, if(plain, k_min, 0) AS k_u, if(plain, wc, 0) AS k_w,"
                + " if(plain, late_mask, 0) AS k_l FROM (" + joinedSql(ctx, landing, schedule, params) + "))"
                + " GROUP BY plain, k_m, k_g, k_n, k_u, k_w, k_l"
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
