package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.engine.EngineContext;
import dev.cpcheck.validation.internal.engine.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code unexpected-rows}: rows of the run whose file is not in the manifest, or whose file id is
 * not the one the manifest gives that file (FAIL). Rows of other runs are FAIL too when the table
 * is the run's own (the pipe read beyond the run's files); in a shared table (an adopted pipe's)
 * they are counted and ignored.
 */
public final class UnexpectedRowsCheck extends LedgerCheck {
    public static final String ID = "unexpected-rows";
    static final String HINT = "Rows this run never wrote reached the table: check the pipe's path pattern (it may"
            + " match other objects) and its field mappings.";
    static final String OTHER_RUNS_HINT = "The run's own table holds rows of other runs: the pipe's path pattern"
            + " reaches beyond the run's prefix, or something else writes to the table.";

    public UnexpectedRowsCheck() {
        super(ID, "no rows from files the run did not write");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        Ledger l = EngineContext.ledgerOf(ctx);
        // count() of a whole table comes from part metadata: no scan; other runs are looked at only if present
        long otherRows =
                Math.max(0, ctx.sql().queryLong("SELECT count() AS n FROM " + ctx.qualifiedTable()) - l.rowsSeen());
        long otherRuns = otherRows == 0
                ? 0
                : ctx.sql()
                        .queryLong(
                                "SELECT uniqExact(run_id) AS n FROM " + ctx.qualifiedTable()
                                        + " WHERE run_id != {run:String}",
                                Map.of("run", ctx.runId()));
        boolean foreign = otherRows > 0 && !ctx.sharedDestination();
        CheckResult.Builder b = CheckResult.builder(ID)
                .status(l.unknownRows() > 0 || foreign ? CheckStatus.FAIL : CheckStatus.PASS)
                .metric("unexpected_rows", l.unknownRows())
                .metric("unexpected_files", l.unknownGroups())
                .metric("rows_of_other_runs", otherRows)
                .metric("other_runs", otherRuns);
        List<Witness> w = new ArrayList<>();
        for (Ledger.Unknown u : l.unknown()) {
            String detail;
            if (u.knownName()) {
                detail = Fmt.count(u.rows(), "row") + " with file_id " + u.fileId()
                        + ", which the manifest does not give this file";
            } else {
                detail = Fmt.count(u.rows(), "row") + " from a file the manifest does not list";
            }
            if (!u.sourceFile().equals(u.lastSourceFile())) {
                detail += " (and other files up to " + u.lastSourceFile() + " with the same file_id)";
            }
            w.add(Witness.ofFile("unexpected", u.sourceFile(), u.fileId(), detail));
        }
        if (foreign) {
            for (SqlRow r : ctx.sql()
                    .query(
                            "SELECT run_id, count() AS n, min(source_file) AS first_file FROM "
                                    + ctx.qualifiedTable()
                                    + " WHERE run_id != {run:String} GROUP BY run_id ORDER BY run_id LIMIT "
                                    + CheckResult.MAX_WITNESSES,
                            Map.of("run", ctx.runId()))) {
                w.add(Witness.ofFile(
                        "other-run",
                        r.getString("first_file"),
                        null,
                        Fmt.count(r.getLong("n"), "row") + " of run " + r.getString("run_id")
                                + " in this run's own table"));
            }
        }
        b.witnesses(w, l.unknownGroups() + (foreign ? otherRuns : 0));
        String others = otherRows == 0 ? "" : Fmt.count(otherRows, "row") + " of " + Fmt.count(otherRuns, "other run");
        if (l.unknownRows() == 0 && !foreign) {
            return b.summary("every row of the run comes from a file the run wrote"
                            + (others.isEmpty() ? "" : "; " + others + " ignored (shared table)"))
                    .build();
        }
        if (l.unknownRows() == 0) {
            return b.summary(others + " in the run's own table")
                    .hint(OTHER_RUNS_HINT)
                    .build();
        }
        return b.summary(Fmt.count(l.unknownRows(), "row") + " from " + Fmt.count(l.unknownGroups(), "file")
                        + " the run did not write"
                        + (others.isEmpty()
                                ? ""
                                : "; " + others + (foreign ? " in the run's own table" : " ignored (shared table)")))
                .hint(foreign ? HINT + " " + OTHER_RUNS_HINT : HINT)
                .build();
    }
}
