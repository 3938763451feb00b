package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.LeanPass;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.RowDetail;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code row-content}: every row in the table holds exactly what was written ({@code phase},
 * {@code event_time}, {@code payload}, {@code source_file}), judged by the {@linkplain
 * dev.cpcheck.core.manifest.RowDigest row digest}: a file whose digest sum matches the manifest
 * holds its rows unchanged; in a file that differs, each row is regenerated inside ClickHouse and
 * a row whose digest is not the expected one is {@code altered} (FAIL), named with file, row id,
 * expected and found digest. UNKNOWN when the manifest records no content (earlier versions,
 * sources that record no digest) or rows of a differing file cannot be regenerated.
 */
public final class RowContentCheck extends LedgerCheck {
    public static final String ID = "row-content";
    static final String HINT = "Rows hold other values than were written: something rewrote them after ingestion"
            + " (an UPDATE, a materialized view or a mapping that transforms columns), or the pipe parsed them"
            + " differently (e.g. a time zone applied to event_time).";

    public RowContentCheck() {
        super(ID, "every row holds exactly what was written");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        LeanPass l = ledger.lean();
        RowDetail d = ledger.detail();
        CheckResult.Builder b = CheckResult.builder(ID)
                .metric("compared_by", ledger.content() ? "content digest" : "identity only")
                .metric("altered_rows", d.alteredRows())
                .metric("altered_files", d.alteredFiles())
                .metric("files_matching_digest", l.exactFiles())
                .metric("files_read_row_by_row", d.filesExamined())
                .metric("files_not_regenerable", d.unregeneratedFiles());
        if (!ledger.content()) {
            return b.status(CheckStatus.UNKNOWN)
                    .summary("row contents not recorded in the manifest (written by an earlier version, or by a"
                            + " source that records no digest): only which rows are there was compared")
                    .build();
        }
        List<Witness> w = new ArrayList<>();
        for (RowDetail.Altered a : d.altered()) {
            w.add(Witness.ofAlteredRow(
                    "altered",
                    a.file(),
                    a.fileId(),
                    a.rowId(),
                    "row " + a.rowId() + " holds other values than were written (row digest differs"
                            + (a.copies() > 1 ? ", " + a.copies() + " copies" : "") + ")",
                    a.expected(),
                    a.found()));
        }
        b.witnesses(w, d.alteredRows());
        if (d.alteredRows() > 0) {
            return b.status(CheckStatus.FAIL)
                    .summary(Fmt.count(d.alteredRows(), "row") + " of " + Fmt.count(d.alteredFiles(), "file")
                            + " hold other values than were written")
                    .hint(HINT)
                    .build();
        }
        if (d.unregeneratedFiles() > 0) {
            return b.status(CheckStatus.UNKNOWN)
                    .summary(Fmt.count(d.unregeneratedFiles(), "file") + " differ from the manifest's digest and"
                            + " the manifest records no generator to regenerate their rows: altered rows cannot be"
                            + " told from other differences")
                    .build();
        }
        if (l.rowsSeen() == 0) {
            return b.status(CheckStatus.UNKNOWN)
                    .summary("no row of the run is in the table: no content to compare")
                    .build();
        }
        return b.status(CheckStatus.PASS)
                .summary("every row holds what was written: " + Fmt.count(l.exactFiles(), "file")
                        + " match the manifest's digest"
                        + (d.filesExamined() == 0
                                ? ""
                                : ", the rows of " + Fmt.count(d.filesExamined(), "other file")
                                        + " were regenerated and compared one by one"))
                .build();
    }
}
