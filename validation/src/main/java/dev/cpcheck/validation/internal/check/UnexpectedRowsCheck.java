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
 * not the one the manifest gives that file (FAIL). Rows of other runs sharing the table are
 * counted and ignored.
 */
public final class UnexpectedRowsCheck extends LedgerCheck {
    public static final String ID = "unexpected-rows";
    static final String HINT = "Rows this run never wrote reached the table: check the pipe's path pattern (it may"
            + " match other objects) and its field mappings.";

    public UnexpectedRowsCheck() {
        super(ID, "no rows from files the run did not write");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        Ledger l = EngineContext.ledgerOf(ctx);
        SqlRow others = ctx.sql().query("SELECT count() AS rows, uniqExact(run_id) AS runs FROM " + ctx.qualifiedTable()
                + " WHERE run_id != {run:String}", Map.of("run", ctx.runId())).get(0);
        CheckResult.Builder b = CheckResult.builder(ID)
                .status(l.unknownRows() > 0 ? CheckStatus.FAIL : CheckStatus.PASS)
                .metric("unexpected_rows", l.unknownRows())
                .metric("unexpected_files", l.unknownGroups())
                .metric("rows_of_other_runs", others.getLong("rows"))
                .metric("other_runs", others.getLong("runs"));
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
        b.witnesses(w, l.unknownGroups());
        String others2 = others.getLong("rows") == 0 ? "" : "; " + Fmt.count(others.getLong("rows"), "row") + " of "
                + Fmt.count(others.getLong("runs"), "other run") + " ignored";
        if (l.unknownRows() == 0) {
            return b.summary("every row of the run comes from a file the run wrote" + others2).build();
        }
        return b.summary(Fmt.count(l.unknownRows(), "row") + " from " + Fmt.count(l.unknownGroups(), "file")
                + " the run did not write" + others2).hint(HINT).build();
    }
}
