package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-level duplicates: {@code (file_id, row_id)} keys of the run seen more than once, counted
 * inside ClickHouse. Only file ids the ledger found with repeated row ids are read (the table is
 * ordered by file id, so that is a small part of it); a clean run never runs this query.
 *
 * @param keys         keys seen more than once
 * @param surplusRows  rows beyond the first copy of each key
 * @param witnesses    up to 32 keys, smallest first
 * @param strategy     how the file ids were chosen: {@code none}, {@code ids} or {@code subquery}
 */
public record DuplicateKeys(long keys, long surplusRows, List<Key> witnesses, String strategy) {

    /** A key seen more than once. */
    public record Key(long fileId, long rowId, long copies, String sourceFile, String lastSourceFile) {}

    static final DuplicateKeys NONE = new DuplicateKeys(0, 0, List.of(), "none");

    /** Finds the duplicated keys the ledger points at. */
    public static DuplicateKeys find(CheckContext ctx, Ledger ledger) {
        boolean exact = ledger.mode() == LedgerQuery.Mode.BY_FILE;
        if (ledger.repeatedKeyGroups() == 0 && !exact) {
            return NONE;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("run", ctx.runId());
        String filter;
        String strategy;
        if (!exact && ledger.repeatedKeyGroups() <= ledger.repeatedKeyFileIds().size()) {
            params.put("ids", ledger.repeatedKeyFileIds());
            filter = "file_id IN {ids:Array(UInt32)}";
            strategy = "ids";
        } else {
            // too many file ids to list, or rows of one id come from several files: let ClickHouse pick them
            filter = "file_id IN (SELECT file_id FROM " + ctx.qualifiedTable() + " WHERE run_id = {run:String}"
                    + " GROUP BY file_id HAVING count() > uniqExact(row_id))";
            strategy = "subquery";
        }
        String sql = "SELECT count() AS keys, sum(n - 1) AS surplus,"
                + " groupArraySorted(" + LedgerQuery.WITNESSES + ")((file_id, row_id, n, sf, sf_last)) AS w"
                + " FROM (SELECT file_id, row_id, count() AS n, min(source_file) AS sf, max(source_file) AS sf_last"
                + " FROM " + ctx.qualifiedTable() + " WHERE run_id = {run:String} AND " + filter
                + " GROUP BY file_id, row_id HAVING n > 1)";
        SqlRow r = ctx.sql().query(sql, params).get(0);
        List<Key> keys = new ArrayList<>();
        for (List<Object> t : Ledger.tuples(r, "w")) {
            keys.add(new Key(Ledger.num(t, 0), Ledger.num(t, 1), Ledger.num(t, 2), Ledger.str(t, 3), Ledger.str(t, 4)));
        }
        return new DuplicateKeys(r.getLong("keys"), r.getLong("surplus"), keys, strategy);
    }
}
