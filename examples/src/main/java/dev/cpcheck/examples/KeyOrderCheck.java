package dev.cpcheck.examples;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlRow;
import java.util.List;
import java.util.Map;

/**
 * A custom {@link Check}: <b>files land in key order</b>. ClickPipes' continuous mode reads keys
 * in lexicographic order, so a file should never land before a file whose key sorts lower. The
 * check compares, per file, the first time any of its rows landed with the latest first-landing
 * of every lower key; a file that landed earlier is a witness.
 *
 * <p>How it is found: it is listed in
 * {@code src/main/resources/META-INF/services/dev.cpcheck.core.spi.Check}, so the validation
 * engine loads it with {@link java.util.ServiceLoader} and runs it after the built-in checks in
 * every run whose class path holds this jar (no registration in code). {@code CustomCheckIT}
 * shows it in a report.
 *
 * <p>Like the built-in checks it computes inside ClickHouse: one aggregation over the run's rows
 * gives the first landing per file, a window function over those (one row per file) compares them.
 * Re-ingested files (duplicates) keep their first landing, so the check speaks only of order. A pipe
 * in unordered mode (its history names a queue) promises no order: the check passes, saying so.
 */
public final class KeyOrderCheck implements Check {
    /** The check's id in reports. */
    public static final String ID = "key-order";

    private static final int WITNESSES = 10;

    /** Created by {@link java.util.ServiceLoader}. */
    public KeyOrderCheck() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "files land in key order";
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        if (ctx.history().eventQueue().isPresent()) {
            // unordered mode takes files as a queue announces them: key order is not promised
            return CheckResult.builder(ID)
                    .status(CheckStatus.PASS)
                    .summary("not applicable: the pipe reads a queue of events (unordered mode), not keys in order")
                    .build();
        }
        Map<String, String> params = Map.of("run", ctx.runId());
        String perFile = "SELECT " + RowSchema.SOURCE_FILE + " AS file, min(" + ctx.landingTimeExpression()
                + ") AS landed" + " FROM " + ctx.qualifiedTable() + " WHERE " + RowSchema.RUN_ID
                + " = {run:String} GROUP BY file";
        // for each file (in key order): the latest first-landing among all lower keys, and which file that was
        String ordered = "SELECT file, landed,"
                + " max(landed) OVER w AS lower_landed, argMax(file, landed) OVER w AS lower_file"
                + " FROM (" + perFile + ")"
                + " WINDOW w AS (ORDER BY file ASC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
        SqlRow totals = ctx.sql()
                .query(
                        "SELECT count() AS files, countIf(landed < lower_landed) AS out_of_order" + " FROM (" + ordered
                                + ")",
                        params)
                .get(0);
        long files = totals.getLong("files");
        long outOfOrder = totals.getLong("out_of_order");
        CheckResult.Builder b = CheckResult.builder(ID).metric("files", files).metric("out_of_order_files", outOfOrder);
        if (outOfOrder == 0) {
            return b.status(CheckStatus.PASS)
                    .summary(files + " files landed in key order")
                    .build();
        }
        List<SqlRow> examples = ctx.sql()
                .query(
                        "SELECT file, toString(landed) AS landed, lower_file,"
                                + " toString(lower_landed) AS lower_landed FROM (" + ordered
                                + ") WHERE landed < lower_landed"
                                + " ORDER BY file LIMIT " + WITNESSES,
                        params);
        List<Witness> witnesses = examples.stream()
                .map(r -> Witness.ofFile(
                        "landed-out-of-order",
                        r.getString("file"),
                        null,
                        "first landed at " + r.getString("landed") + ", before "
                                + r.getString("lower_file") + " (a lower key) which first landed at "
                                + r.getString("lower_landed")))
                .toList();
        return b.status(CheckStatus.FAIL)
                .summary(outOfOrder + " of " + files + " files landed before a file with a lower key")
                .witnesses(witnesses, outOfOrder)
                .hint("The pipe does not read keys in lexicographic order; continuous mode requires keys that"
                        + " sort in upload order (e.g. zero-padded sequence numbers or timestamps).")
                .build();
    }
}
