package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.LeanPass;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.RowDetail;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code unexpected-rows}: rows of the run that no file wrote (FAIL): a row id beyond the rows
 * its file was written with, a file id no manifest entry has, or a row carrying a file's id but
 * coming from another source file. Never counted as duplicates. Rows of other runs are FAIL too when the table
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
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        LeanPass l = ledger.lean();
        RowDetail d = ledger.detail();
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
                .status(d.unexpectedRows() > 0 || foreign ? CheckStatus.FAIL : CheckStatus.PASS)
                .metric("unexpected_rows", d.unexpectedRows())
                .metric("unexpected_files", d.unexpectedFiles())
                .metric("unknown_file_ids", d.unknownFiles())
                .metric("rows_of_other_runs", otherRows)
                .metric("other_runs", otherRuns);
        List<Witness> w = new ArrayList<>();
        for (RowDetail.Unexpected u : d.unexpected()) {
            String source = u.sourceFile() == null || u.sourceFile().isEmpty() ? u.file() : u.sourceFile();
            String copies = u.rows() == 1 ? "" : " (" + u.rows() + " copies)";
            String detail;
            if (!u.knownFile()) {
                detail = "row " + u.rowId() + " with file_id " + u.fileId() + ", which no file of the manifest has"
                        + copies;
            } else if (!u.expectedKey()) {
                detail = "row id " + u.rowId() + " of file_id " + u.fileId() + ": " + u.file()
                        + " was written with fewer rows, no file wrote this one" + copies;
            } else {
                detail = "row " + u.rowId() + " with file_id " + u.fileId() + " from " + source
                        + ", but the manifest gives file_id " + u.fileId() + " to " + u.file() + copies;
            }
            w.add(Witness.ofRow("unexpected", source, u.fileId(), u.rowId(), detail));
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
        b.witnesses(w, d.unexpectedRows() + (foreign ? otherRuns : 0));
        String others = otherRows == 0 ? "" : Fmt.count(otherRows, "row") + " of " + Fmt.count(otherRuns, "other run");
        if (d.unexpectedRows() == 0 && !foreign) {
            return b.summary((l.rowsSeen() == 0
                                    ? "no row of the run is in the table"
                                    : "every one of the run's " + Fmt.count(l.rowsSeen(), "row")
                                            + " is a (file, row) the run wrote, from that file")
                            + (others.isEmpty() ? "" : "; " + others + " ignored (shared table)"))
                    .build();
        }
        if (d.unexpectedRows() == 0) {
            return b.summary(others + " in the run's own table")
                    .hint(OTHER_RUNS_HINT)
                    .build();
        }
        return b.summary(Fmt.count(d.unexpectedRows(), "row") + " no file of the run wrote, under "
                        + Fmt.count(d.unexpectedFiles(), "file id")
                        + (others.isEmpty()
                                ? ""
                                : "; " + others + (foreign ? " in the run's own table" : " ignored (shared table)")))
                .hint(foreign ? HINT + " " + OTHER_RUNS_HINT : HINT)
                .build();
    }
}
