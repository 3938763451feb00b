package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.Judgement;
import dev.cpcheck.validation.internal.evidence.LeanPass;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.RowDetail;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code duplicates}: a {@code (file_id, row_id)} key the manifest expects is in the table more
 * than once, from its own file. Named per file when every row of the file is there again
 * ({@code duplicated} file), else per row. A row id no file wrote is never a duplicate (it is
 * {@code unexpected-rows}). FAIL under exactly-once, WARN under at-least-once.
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
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        LeanPass l = ledger.lean();
        RowDetail d = ledger.detail();
        CheckStatus status = Judgement.duplicates(d.duplicatedFiles(), d.duplicatedKeys(), ctx.guarantee());
        CheckResult.Builder b = CheckResult.builder(ID)
                .status(status)
                .metric("duplicated_files", d.duplicatedFiles())
                .metric("whole_files_duplicated", d.wholeDuplicatedFiles())
                .metric("file_surplus_rows", d.duplicatedSurplus())
                .metric("duplicated_keys", d.duplicatedKeys())
                .metric("surplus_rows", d.duplicatedSurplus())
                .metric("files_read_row_by_row", d.filesExamined())
                .metric("key_search", d.strategy());
        List<Witness> witnesses = new ArrayList<>();
        for (RowDetail.DuplicatedFile f : d.wholeDuplicated()) {
            witnesses.add(Witness.ofFile(
                    "duplicated",
                    f.file(),
                    f.fileId(),
                    "every one of its " + Fmt.count(f.rows(), "row") + " is in the table more than once (" + f.surplus()
                            + " surplus)"));
        }
        for (RowDetail.Key k : d.duplicated()) {
            witnesses.add(Witness.ofRow(
                    "duplicated",
                    k.file(),
                    k.fileId(),
                    k.rowId(),
                    "key (" + k.fileId() + ", " + k.rowId() + ") is in the table " + k.copies() + " times"));
        }
        b.witnesses(witnesses, d.wholeDuplicatedFiles() + d.duplicatedKeys() - d.wholeDuplicatedKeys());
        if (status == CheckStatus.PASS) {
            return b.summary(
                            l.rowsSeen() == 0
                                    ? "no row of the run is in the table: nothing to be duplicated"
                                    : "no (file_id, row_id) key is in the table twice: "
                                            + Fmt.count(l.exactFiles(), "file")
                                            + " match the manifest's count and digest"
                                            + (d.filesExamined() == 0
                                                    ? ""
                                                    : ", " + Fmt.count(d.filesExamined(), "other file")
                                                            + " compared row by row"))
                    .build();
        }
        List<String> parts = new ArrayList<>();
        if (d.wholeDuplicatedFiles() > 0) {
            parts.add(Fmt.count(d.wholeDuplicatedFiles(), "file") + " ingested more than once in full");
        }
        parts.add(Fmt.count(d.duplicatedKeys(), "key") + " (file_id, row_id) seen more than once in "
                + Fmt.count(d.duplicatedFiles(), "file") + " (" + d.duplicatedSurplus() + " surplus "
                + Fmt.plural(d.duplicatedSurplus(), "row") + ")");
        return b.summary(String.join("; ", parts)).hint(HINT).build();
    }
}
