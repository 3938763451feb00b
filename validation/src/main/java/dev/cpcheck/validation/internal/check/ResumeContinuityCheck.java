package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.Judgement;
import dev.cpcheck.validation.internal.evidence.LeanPass;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.PauseSchedule;
import dev.cpcheck.validation.internal.evidence.RowDetail;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resume-continuity}: after each resume, no row that had landed before it lands again. It
 * answers "does the pipe restart from the beginning after a resume?". A row re-ingested after
 * resume <i>n</i> is a copy of a written (file, row) key that landed after its start command (and
 * before the next stop) while another copy had landed before that command (rows that landed while
 * paused are {@code paused-window}'s to report, and landing again after the resume is still
 * re-ingestion). Rows no file wrote are never re-ingestion ({@code unexpected-rows}). Re-ingestion is duplication: FAIL under exactly-once, WARN under
 * at-least-once. UNKNOWN when nothing could have shown it: no file landed before the pause, none
 * after the resume, or copies landed too coarsely in time to place.
 */
public final class ResumeContinuityCheck extends LedgerCheck {
    public static final String ID = Judgement.RESUME_CONTINUITY;
    static final String HINT = "The pipe re-read files it had already ingested when it resumed: its checkpoint did"
            + " not survive the pause. Deduplicate (e.g. ReplacingMergeTree keyed on file and row) or avoid pausing.";

    public ResumeContinuityCheck() {
        super(ID, "after a resume, only files not yet ingested are ingested");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        PauseSchedule schedule = ValidationContext.scheduleOf(ctx);
        CheckResult.Builder b =
                CheckResult.builder(ID).metric("resumes", schedule.resumes().size());
        if (schedule.resumes().isEmpty()) {
            return b.status(CheckStatus.PASS)
                    .metric("reingested_files", 0L)
                    .metric("reingested_rows", 0L)
                    .summary("the run never resumed the pipe: nothing to judge")
                    .build();
        }
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        LeanPass l = ledger.lean();
        RowDetail d = ledger.detail();
        CheckStatus status = Judgement.reingestion(d.reingestedFiles(), ctx.guarantee());
        List<Map<String, Object>> resumes = new ArrayList<>();
        List<String> perResume = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> continued = new ArrayList<>();
        boolean restarted = false;
        for (PauseSchedule.Resume r : schedule.resumes()) {
            long rows = get(d.reingestedPerResume(), r.index());
            long ambiguous = get(d.ambiguousReingestedPerResume(), r.index());
            long before = get(l.landedBeforePerResume(), r.index());
            long after = get(l.landedAfterPerResume(), r.index());
            long polledAfter = ledger.polls().resume(r.index()).grownRows();
            // rows counted before the resume speak for it only while the table still holds as many
            long counted = Math.max(0, ledger.polls().resume(r.index()).rowsBefore());
            long polledBefore = l.rowsSeen() >= counted ? counted : 0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", (long) r.index());
            m.put("stop_sent", r.stopSent().toString());
            m.put("paused_from", r.pausedFrom().toString());
            m.put("resume_sent", r.resumeSent().toString());
            m.put("files_landed_before", before);
            m.put("files_landed_after", after);
            m.put("rows_polled_before", polledBefore);
            m.put("rows_polled_after", polledAfter);
            m.put("reingested_rows", rows);
            m.put("ambiguous_keys", ambiguous);
            m.put("by_cleanup", r.byCleanup());
            resumes.add(m);
            String name = "resume " + r.index() + " (" + Fmt.time(r.resumeSent()) + ")";
            if (rows > 0) {
                perResume.add(name + ": " + Fmt.count(rows, "row"));
            } else if (ambiguous > 0) {
                undecided.add(name + ": " + Fmt.count(ambiguous, "key")
                        + " with copies whose landing is too coarse to place before the pause or after the resume");
            } else if (before == 0 && polledBefore == 0) {
                undecided.add(name + ": no file had landed before it, so none could land again");
            } else if (after == 0 && polledAfter == 0) {
                undecided.add(name + ": nothing landed after it, so it shows nothing about where the pipe went on");
            } else {
                continued.add(name + ": "
                        + (after > 0
                                ? Fmt.count(after, "file") + " landed after it"
                                : "counts polled after it grew by " + Fmt.count(polledAfter, "row"))
                        + " and none of the "
                        + (before > 0
                                ? Fmt.count(before, "file") + " that landed before it"
                                : Fmt.count(polledBefore, "row") + " counted before it")
                        + " landed again");
            }
        }
        b.metric("reingested_files", d.reingestedFiles())
                .metric("reingested_rows", d.reingestedRows())
                .metric("resume_details", resumes);
        List<Witness> w = new ArrayList<>();
        for (RowDetail.Reingested f : d.reingested()) {
            List<String> which = new ArrayList<>();
            for (int i = 0; i < f.perResume().size(); i++) {
                if (f.perResume().get(i) > 0) {
                    PauseSchedule.Resume r = schedule.resumes().get(i);
                    which.add(f.perResume().get(i) + " after resume " + r.index() + " (" + Fmt.time(r.resumeSent())
                            + ")");
                }
            }
            w.add(Witness.ofFile(
                    "re-ingested",
                    f.file(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " landed again (" + String.join(", ", which)
                            + "); the file first landed by " + Fmt.time(f.firstMs()) + ", before the resume; "
                            + f.written() + " rows written"));
        }
        b.witnesses(w, d.reingestedFiles());
        if (d.reingestedFiles() > 0) {
            for (PauseSchedule.Resume r : schedule.resumes()) {
                long before = get(l.landedBeforePerResume(), r.index());
                if (before > 0 && d.reingestedFiles() >= before) {
                    restarted = true;
                }
            }
            String summary = Fmt.count(d.reingestedFiles(), "file") + " ingested before a resume landed again after"
                    + " it (" + String.join("; ", perResume) + ")"
                    + (restarted
                            ? ": the pipe restarted from the beginning"
                            : ": the pipe resumed from before its checkpoint");
            return b.status(status).summary(summary).hint(HINT).build();
        }
        if (!undecided.isEmpty()) {
            return b.status(CheckStatus.UNKNOWN)
                    .summary("cannot tell whether the pipe went on from its checkpoint: "
                            + String.join("; ", undecided)
                            + (continued.isEmpty() ? "" : "; " + String.join("; ", continued)))
                    .build();
        }
        return b.status(status)
                .summary("the pipe continued from its checkpoint: " + String.join("; ", continued)
                        + " (every row compared by its (file, row) key)")
                .build();
    }

    private static long get(List<Long> values, int index) {
        return index - 1 < values.size() ? values.get(index - 1) : 0L;
    }
}
