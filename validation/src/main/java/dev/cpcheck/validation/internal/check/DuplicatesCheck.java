package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.engine.DuplicateKeys;
import dev.cpcheck.validation.internal.engine.EngineContext;
import dev.cpcheck.validation.internal.engine.Judgement;
import dev.cpcheck.validation.internal.engine.Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code duplicates}: files with more rows than were written (file level) and
 * {@code (file_id, row_id)} keys seen more than once (row level). FAIL under exactly-once, WARN
 * under at-least-once.
 */
public final class DuplicatesCheck extends LedgerCheck {
    public static final String ID = Judgement.DUPLICATES;
    static final String HINT = "Implement deduplication, e.g. a ReplacingMergeTree keyed on file and row"
            + " (ORDER BY (file_id, row_id)) and read it with FINAL, or deduplicate in a materialized view.";

    public DuplicatesCheck() {
        super(ID, "no file or row ingested more than once");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        Ledger l = EngineContext.ledgerOf(ctx);
        DuplicateKeys keys = EngineContext.duplicateKeysOf(ctx, l);
        CheckStatus status = Judgement.duplicates(l.duplicatedFiles(), keys.keys(), ctx.guarantee());
        CheckResult.Builder b = CheckResult.builder(ID)
                .status(status)
                .metric("duplicated_files", l.duplicatedFiles())
                .metric("file_surplus_rows", l.duplicatedFileSurplus())
                .metric("duplicated_keys", keys.keys())
                .metric("surplus_rows", Math.max(keys.surplusRows(), l.repeatedKeySurplus()))
                .metric("files_with_repeated_keys", l.repeatedKeyGroups())
                .metric("key_search", keys.strategy());
        List<Witness> witnesses = new ArrayList<>();
        for (Ledger.DuplicatedFile f : l.duplicated()) {
            witnesses.add(Witness.ofFile(
                    "duplicated",
                    f.name(),
                    f.fileId(),
                    f.rows() + " rows, " + f.written() + " written (" + (f.rows() - f.written()) + " surplus, "
                            + f.distinctRows() + " distinct)"));
        }
        for (DuplicateKeys.Key k : keys.witnesses()) {
            witnesses.add(Witness.ofRow(
                    "duplicated",
                    k.sourceFile(),
                    k.fileId(),
                    k.rowId(),
                    "key (" + k.fileId() + ", "
                            + k.rowId() + ") seen " + k.copies() + " times"
                            + (k.sourceFile().equals(k.lastSourceFile())
                                    ? ""
                                    : ", in " + k.sourceFile() + " and " + k.lastSourceFile())));
        }
        b.witnesses(witnesses, l.duplicatedFiles() + keys.keys());
        if (status == CheckStatus.PASS) {
            return b.summary("no file or row ingested more than once").build();
        }
        List<String> parts = new ArrayList<>();
        if (l.duplicatedFiles() > 0) {
            parts.add(Fmt.count(l.duplicatedFiles(), "file") + " with more rows than written ("
                    + l.duplicatedFileSurplus() + " surplus)");
        }
        if (keys.keys() > 0) {
            parts.add(Fmt.count(keys.keys(), "key") + " (file_id, row_id) seen more than once (" + keys.surplusRows()
                    + " surplus " + Fmt.plural(keys.surplusRows(), "row") + ")");
        }
        return b.summary(String.join("; ", parts)).hint(HINT).build();
    }
}
