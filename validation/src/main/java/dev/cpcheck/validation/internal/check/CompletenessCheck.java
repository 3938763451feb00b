package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.LeanPass;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.PollEvidence;
import dev.cpcheck.validation.internal.evidence.QueueEvidence;
import dev.cpcheck.validation.internal.evidence.RowDetail;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code completeness}: every file acknowledged by the store and expected to be ingested has every
 * one of its rows in the table.
 *
 * <ul>
 *   <li>{@code lost} file (FAIL): not in the table although a file with a higher key is (continuous,
 *       lexicographic mode never goes back), or although a count the run polled had seen it, or a
 *       later file, land: it landed and is gone. In unordered mode key order proves nothing: a file
 *       is lost when the run saw the pipe's queue drained after the file was written (its event was
 *       taken, or dropped, and the file never landed); when its event waited for a paused pipe longer
 *       than the queue's retention, the witness and the metric {@code lost_past_retention} say so.</li>
 *   <li>{@code lost} row (FAIL): a row id of an ingested file is not in the table from its file,
 *       even when another row took its place.</li>
 *   <li>{@code missing} (UNKNOWN, the run is inconclusive): not in the table, no later file is,
 *       and no poll saw it land; it may still come.</li>
 *   <li>{@code indeterminate} (WARN): the upload's outcome is unknown and no row arrived; the file
 *       may not exist, so it is reported, not counted as loss.</li>
 *   <li>{@code ingested-below-checkpoint} (WARN): a file written below the checkpoint, which
 *       continuous mode documents it skips, was ingested. Not ingested is the expected case.
 *       Likewise {@code ingested-skip-start-after} and {@code ingested-skip-initial-load} for files
 *       the pipe's {@code startAfter} or {@code skipInitialLoad} should have skipped.</li>
 * </ul>
 * Failed uploads are not expected at all.
 */
public final class CompletenessCheck extends LedgerCheck {
    public static final String ID = "completeness";
    static final String HINT = "Files or rows were skipped: re-ingest them, e.g. INSERT INTO the table SELECT ..."
            + " FROM s3(...) for the files listed.";

    public CompletenessCheck() {
        super(ID, "every written file ingested with all its rows");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        QueueEvidence queue = QueueEvidence.of(ctx.history(), ctx.manifest()).orElse(null);
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        LeanPass l = ledger.lean();
        RowDetail d = ledger.detail();
        PollEvidence polls = ledger.polls();
        CheckStatus status = CheckStatus.PASS;
        if (l.indeterminateUnseen() > 0 || l.ignoredSeen() > 0) {
            status = CheckStatus.WARN;
        }
        if (l.missingFiles() > 0 || l.expectedFiles() == 0) {
            status = CheckStatus.UNKNOWN;
        }
        if (l.lostFiles() > 0 || d.lostRows() > 0) {
            status = CheckStatus.FAIL;
        }
        long ingestedRows = ledger.expectedRowsSeen();
        CheckResult.Builder b = CheckResult.builder(ID)
                .status(status)
                .metric("expected_files", l.expectedFiles())
                .metric("expected_rows", l.expectedRows())
                .metric("ingested_files", l.expectedFilesSeen())
                .metric("ingested_rows", ingestedRows)
                .metric("lost_files", l.lostFiles())
                .metric("lost_rows", l.lostRows() + d.lostRows())
                .metric("partial_files", d.lostRowFiles())
                .metric("partial_missing_rows", d.lostRows())
                .metric("missing_files", l.missingFiles())
                .metric("missing_rows", l.missingRows())
                .metric("indeterminate_uploads", l.indeterminateFiles())
                .metric("indeterminate_not_ingested", l.indeterminateUnseen())
                .metric("failed_uploads", l.failedFiles())
                .metric("failed_uploads_ingested", l.failedSeen())
                .metric("below_checkpoint_files", l.ignoredFiles())
                .metric("below_checkpoint_ingested", l.ignoredSeen())
                .metric("count_polls", polls.polls().size())
                .metric("max_rows_polled", polls.maxRowsSeen());
        if (l.lastSeenFile() != null) {
            b.metric("last_ingested_file", l.lastSeenFile());
        }
        if (polls.lastFileSeen() != null) {
            b.metric("last_file_polled", polls.lastFileSeen());
        }

        List<Witness> w = new ArrayList<>();
        long pastRetention = 0;
        for (LeanPass.Unseen f : l.lost()) {
            String why;
            Optional<Duration> waited = queue == null ? Optional.empty() : queue.waitedPastRetention(f.fileId());
            if (f.eventTaken() && waited.isPresent()) {
                pastRetention++;
                why = "none in the table: its event waited " + Fmt.duration(waited.get())
                        + " for the paused pipe, longer than the queue's retention of "
                        + Fmt.duration(queue.retention().orElseThrow()) + ", so SQS had deleted it by the resume";
            } else if (f.eventTaken()) {
                why = "none in the table, though the pipe had taken every event of its queue by "
                        + Fmt.dateTime(queue.drainedAt().orElseThrow());
            } else if (f.laterLanded()) {
                why = "none in the table, though the later file " + l.lastSeenFile() + " is";
            } else if (f.name().equals(polls.lastFileSeen())) {
                why = "a count polled at " + Fmt.dateTime(polls.lastFileAt()) + " saw it land; none in the table now";
            } else {
                why = "none in the table, though a count polled at " + Fmt.dateTime(polls.lastFileAt())
                        + " saw the later file " + polls.lastFileSeen() + " land";
            }
            w.add(Witness.ofFile("lost", f.name(), f.fileId(), rowsWritten(f.rows()) + phase(f.phase()) + ": " + why));
        }
        for (RowDetail.Key k : d.lost()) {
            w.add(Witness.ofRow(
                    "lost",
                    k.file(),
                    k.fileId(),
                    k.rowId(),
                    "row " + k.rowId() + " was written and is not in the table from its file"
                            + (k.flag() ? " (the file holds rows no file wrote: another row took its place)" : "")));
        }
        for (LeanPass.Unseen f : l.missing()) {
            w.add(Witness.ofFile(
                    "missing",
                    f.name(),
                    f.fileId(),
                    rowsWritten(f.rows()) + phase(f.phase())
                            + ", not ingested yet; no later file was ingested and no poll saw it land"));
        }
        for (LeanPass.Unseen f : l.indeterminate()) {
            w.add(Witness.ofFile(
                    "indeterminate",
                    f.name(),
                    f.fileId(),
                    "upload outcome unknown and no row ingested; the file may not exist"));
        }
        Map<String, Expectation> expectations = new HashMap<>();
        Map<Expectation, Long> ignoredByReason = new EnumMap<>(Expectation.class);
        for (ManifestFile f : ctx.manifest().files()) {
            if (f.expectation().ignored()) {
                expectations.put(f.fileName(), f.expectation());
                if (f.outcome() == UploadOutcome.OK) {
                    ignoredByReason.merge(f.expectation(), 1L, Long::sum);
                }
            }
        }
        for (LeanPass.Unseen f : l.ignoredSeenFiles()) {
            Expectation why = expectations.getOrDefault(f.name(), Expectation.IGNORE_BELOW_CHECKPOINT);
            w.add(Witness.ofFile(
                    why == Expectation.IGNORE_BELOW_CHECKPOINT ? "ingested-below-checkpoint" : "ingested-" + why.id(),
                    f.name(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " ingested although the file is " + why.reason()));
        }
        if (queue != null) {
            b.metric("lost_past_retention", pastRetention);
            queue.retention().ifPresent(r -> b.metric("queue_retention_ms", r.toMillis()));
        }
        b.witnesses(w, l.lostFiles() + d.lostRows() + l.missingFiles() + l.indeterminateUnseen() + l.ignoredSeen());

        List<String> parts = new ArrayList<>();
        parts.add(l.expectedFilesSeen() + "/" + l.expectedFiles() + " files, " + ingestedRows + "/" + l.expectedRows()
                + " rows ingested");
        if (l.lostFiles() > 0) {
            parts.add(Fmt.count(l.lostFiles(), "file") + " lost (" + Fmt.count(l.lostRows(), "row") + ")"
                    + (pastRetention > 0
                            ? ", " + pastRetention + " of them written while the pipe was paused longer than the"
                                    + " queue's retention of "
                                    + Fmt.duration(queue.retention().orElseThrow())
                            : ""));
        }
        if (d.lostRows() > 0) {
            parts.add(Fmt.count(d.lostRows(), "row") + " lost from " + Fmt.count(d.lostRowFiles(), "ingested file"));
        }
        if (l.missingFiles() > 0) {
            parts.add(Fmt.count(l.missingFiles(), "file") + " not ingested yet, no later file was and no poll saw"
                    + " it land: cannot tell loss from delay");
        }
        if (l.indeterminateUnseen() > 0) {
            parts.add(Fmt.count(l.indeterminateUnseen(), "file") + " with an indeterminate upload not ingested"
                    + " (may not exist; not counted as loss)");
        }
        if (l.ignoredFiles() > 0) {
            Expectation only = ignoredByReason.size() == 1
                    ? ignoredByReason.keySet().iterator().next()
                    : null;
            if (l.ignoredUnseen() > 0) {
                if (only != null || ignoredByReason.isEmpty()) {
                    parts.add(Fmt.count(l.ignoredUnseen(), "file") + " " + skipped(only) + ", as documented");
                } else {
                    List<String> reasons = new ArrayList<>();
                    ignoredByReason.forEach((why, n) -> reasons.add(Fmt.count(n, "file") + " " + skipped(why)));
                    parts.add(Fmt.count(l.ignoredUnseen(), "file") + " the pipe should skip not ingested, as"
                            + " documented (of " + String.join(", ", reasons) + ")");
                }
            }
            if (l.ignoredSeen() > 0) {
                parts.add(Fmt.count(l.ignoredSeen(), "file") + " "
                        + (only == null ? "the pipe should skip" : only.reason()) + " ingested anyway");
            }
        }
        if (l.failedFiles() > 0) {
            parts.add(Fmt.count(l.failedFiles(), "failed upload") + " not expected");
        }
        if (polls.maxRowsSeen() > l.rowsSeen()) {
            parts.add("counts polled during the run saw up to " + Fmt.count(polls.maxRowsSeen(), "row") + ", "
                    + l.rowsSeen() + " are in the table now");
        }
        if (l.expectedFiles() == 0) {
            parts.add("the manifest lists no file the pipe had to ingest: nothing to judge");
        }
        b.summary(String.join("; ", parts));
        if (status == CheckStatus.FAIL && pastRetention > 0) {
            b.hint("Events of files written while the pipe was paused expired in the SQS queue before it resumed:"
                    + " keep pauses shorter than the queue's message retention (MessageRetentionPeriod, up to 14"
                    + " days), and re-ingest the files listed. " + HINT);
        } else if (status == CheckStatus.FAIL) {
            b.hint(HINT);
        } else if (status == CheckStatus.UNKNOWN && l.expectedFiles() > 0) {
            b.hint("Wait longer for ingestion (raise the await timeout) and validate again.");
        }
        return b.build();
    }

    /** What happened to files of this expectation when the pipe did as documented. */
    private static String skipped(Expectation why) {
        if (why == null || why == Expectation.IGNORE_BELOW_CHECKPOINT) {
            return "below the checkpoint ignored";
        }
        return why == Expectation.SKIP_START_AFTER
                ? "at or below startAfter skipped by the initial load"
                : "written before the pipe started skipped (skipInitialLoad)";
    }

    private static String rowsWritten(long rows) {
        return rows == 1 ? "row 1 written" : "rows 1-" + rows + " written";
    }

    private static String phase(String phase) {
        return phase == null || phase.isEmpty() ? "" : " (phase " + phase + ")";
    }
}
