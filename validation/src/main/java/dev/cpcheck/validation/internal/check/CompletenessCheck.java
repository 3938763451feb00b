package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.engine.EngineContext;
import dev.cpcheck.validation.internal.engine.Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code completeness}: every file acknowledged by the store and expected to be ingested has all
 * its rows in the table.
 *
 * <ul>
 *   <li>{@code lost} (FAIL): not ingested although a file with a higher key was. Continuous
 *       (lexicographic) mode never goes back to lower keys, so it never will be.</li>
 *   <li>{@code partial} (FAIL): fewer distinct rows than written.</li>
 *   <li>{@code missing} (UNKNOWN, the run is inconclusive): not ingested, and no higher key was
 *       either; it may still come.</li>
 *   <li>{@code indeterminate} (WARN): the upload's outcome is unknown and no row arrived; the file
 *       may not exist, so it is reported, not counted as loss.</li>
 *   <li>{@code ingested-below-checkpoint} (WARN): a file written below the checkpoint, which
 *       continuous mode documents it skips, was ingested. Not ingested is the expected case.</li>
 * </ul>
 * Failed uploads are not expected at all.
 */
public final class CompletenessCheck extends LedgerCheck {
    public static final String ID = "completeness";
    static final String HINT = "Files were skipped: re-ingest them, e.g. INSERT INTO the table SELECT ... FROM s3(...)"
            + " for the files listed.";

    public CompletenessCheck() {
        super(ID, "every written file ingested with all its rows");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        Ledger l = EngineContext.ledgerOf(ctx);
        CheckStatus status = CheckStatus.PASS;
        if (l.indeterminateUnseen() > 0 || l.ignoredSeen() > 0) {
            status = CheckStatus.WARN;
        }
        if (l.missingFiles() > 0) {
            status = CheckStatus.UNKNOWN;
        }
        if (l.expectedFiles() == 0) {
            status = CheckStatus.UNKNOWN;
        }
        if (l.lostFiles() > 0 || l.partialFiles() > 0) {
            status = CheckStatus.FAIL;
        }
        CheckResult.Builder b = CheckResult.builder(ID)
                .status(status)
                .metric("expected_files", l.expectedFiles())
                .metric("expected_rows", l.expectedRows())
                .metric("ingested_files", l.expectedFilesSeen())
                .metric("ingested_rows", l.expectedRowsSeen())
                .metric("lost_files", l.lostFiles())
                .metric("lost_rows", l.lostRows())
                .metric("partial_files", l.partialFiles())
                .metric("partial_missing_rows", l.partialMissingRows())
                .metric("missing_files", l.missingFiles())
                .metric("missing_rows", l.missingRows())
                .metric("indeterminate_uploads", l.indeterminateFiles())
                .metric("indeterminate_not_ingested", l.indeterminateUnseen())
                .metric("failed_uploads", l.failedFiles())
                .metric("failed_uploads_ingested", l.failedSeen())
                .metric("below_checkpoint_files", l.ignoredFiles())
                .metric("below_checkpoint_ingested", l.ignoredSeen());
        if (l.lastSeenFile() != null) {
            b.metric("last_ingested_file", l.lastSeenFile());
        }

        List<Witness> w = new ArrayList<>();
        for (Ledger.ManifestRef f : l.lost()) {
            w.add(Witness.ofFile(
                    "lost",
                    f.name(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " written"
                            + (f.phase() == null || f.phase().isEmpty() ? "" : " (phase " + f.phase() + ")")
                            + ", none ingested; the later file " + l.lastSeenFile() + " was"));
        }
        for (Ledger.Partial f : l.partial()) {
            w.add(Witness.ofFile(
                    "partial", f.name(), f.fileId(), f.distinctRows() + " of " + f.written() + " rows ingested"));
        }
        for (Ledger.ManifestRef f : l.missing()) {
            w.add(Witness.ofFile(
                    "missing",
                    f.name(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " written"
                            + (f.phase() == null || f.phase().isEmpty() ? "" : " (phase " + f.phase() + ")")
                            + ", not ingested yet; no later file was ingested either"));
        }
        for (Ledger.ManifestRef f : l.indeterminate()) {
            w.add(Witness.ofFile(
                    "indeterminate",
                    f.name(),
                    f.fileId(),
                    "upload outcome unknown and no row ingested;" + " the file may not exist"));
        }
        for (Ledger.Seen f : l.ignoredSeenFiles()) {
            w.add(Witness.ofFile(
                    "ingested-below-checkpoint",
                    f.name(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " ingested although the key sorts below the checkpoint"));
        }
        b.witnesses(w, l.lostFiles() + l.partialFiles() + l.missingFiles() + l.indeterminateUnseen() + l.ignoredSeen());

        List<String> parts = new ArrayList<>();
        parts.add(l.expectedFilesSeen() + "/" + l.expectedFiles() + " files, " + l.expectedRowsSeen() + "/"
                + l.expectedRows() + " rows ingested");
        if (l.lostFiles() > 0) {
            parts.add(Fmt.count(l.lostFiles(), "file") + " lost (" + Fmt.count(l.lostRows(), "row") + ")");
        }
        if (l.partialFiles() > 0) {
            parts.add(Fmt.count(l.partialFiles(), "file") + " partial (" + l.partialMissingRows() + " "
                    + Fmt.plural(l.partialMissingRows(), "row") + " missing)");
        }
        if (l.missingFiles() > 0) {
            parts.add(Fmt.count(l.missingFiles(), "file") + " not ingested yet, and no later file was: cannot tell"
                    + " loss from delay");
        }
        if (l.indeterminateUnseen() > 0) {
            parts.add(Fmt.count(l.indeterminateUnseen(), "file") + " with an indeterminate upload not ingested"
                    + " (may not exist; not counted as loss)");
        }
        if (l.ignoredFiles() > 0) {
            if (l.ignoredUnseen() > 0) {
                parts.add(Fmt.count(l.ignoredUnseen(), "file") + " below the checkpoint ignored, as documented");
            }
            if (l.ignoredSeen() > 0) {
                parts.add(Fmt.count(l.ignoredSeen(), "file") + " below the checkpoint ingested anyway");
            }
        }
        if (l.failedFiles() > 0) {
            parts.add(Fmt.count(l.failedFiles(), "failed upload") + " not expected");
        }
        if (l.expectedFiles() == 0) {
            parts.add("the manifest lists no file the pipe had to ingest: nothing to judge");
        }
        b.summary(String.join("; ", parts));
        if (status == CheckStatus.FAIL) {
            b.hint(HINT);
        } else if (status == CheckStatus.UNKNOWN) {
            b.hint("Wait longer for ingestion (raise the await timeout) and validate again.");
        }
        return b.build();
    }
}
