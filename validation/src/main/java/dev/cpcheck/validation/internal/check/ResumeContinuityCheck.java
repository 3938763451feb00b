package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.engine.EngineContext;
import dev.cpcheck.validation.internal.engine.Judgement;
import dev.cpcheck.validation.internal.engine.Ledger;
import dev.cpcheck.validation.internal.engine.PauseSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resume-continuity}: after each resume, no row of a file that had landed before the pause
 * lands again. It answers "does the pipe restart from the beginning after a resume?". Rows counted
 * for resume <i>n</i> are those landing after its start command and before the next stop; a file
 * "landed before the pause" when its first row landed before Stopped was observed (before the stop
 * was sent if it was never confirmed). Re-ingestion is duplication: FAIL under exactly-once, WARN
 * under at-least-once.
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
        PauseSchedule schedule = EngineContext.scheduleOf(ctx);
        CheckResult.Builder b =
                CheckResult.builder(ID).metric("resumes", schedule.resumes().size());
        if (schedule.resumes().isEmpty()) {
            return b.status(CheckStatus.PASS)
                    .metric("reingested_files", 0L)
                    .metric("reingested_rows", 0L)
                    .summary("the run never resumed the pipe: nothing to judge")
                    .build();
        }
        Ledger l = EngineContext.ledgerOf(ctx);
        CheckStatus status = Judgement.reingestion(l.reingestedFiles(), ctx.guarantee());
        List<Map<String, Object>> resumes = new ArrayList<>();
        List<String> perResume = new ArrayList<>();
        boolean restarted = false;
        for (PauseSchedule.Resume r : schedule.resumes()) {
            long rows = get(l.reingestedPerResume(), r.index());
            long before = get(l.landedBeforePerResume(), r.index());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", (long) r.index());
            m.put("stop_sent", r.stopSent().toString());
            m.put("paused_from", r.pausedFrom().toString());
            m.put("resume_sent", r.resumeSent().toString());
            m.put("files_landed_before", before);
            m.put("reingested_rows", rows);
            m.put("by_cleanup", r.byCleanup());
            resumes.add(m);
            if (rows > 0) {
                perResume.add("resume " + r.index() + ": " + Fmt.count(rows, "row"));
            }
        }
        b.metric("reingested_files", l.reingestedFiles())
                .metric("reingested_rows", l.reingestedRows())
                .metric("resume_details", resumes);
        List<Witness> w = new ArrayList<>();
        for (Ledger.Reingested f : l.reingested()) {
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
                    f.name(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " landed again ("
                            + String.join(", ", which) + "); the file first landed at " + Fmt.time(f.firstMs())
                            + ", before the pause; " + f.totalRows() + " rows in all"));
        }
        b.witnesses(w, l.reingestedFiles());
        if (l.reingestedFiles() == 0) {
            return b.status(status)
                    .summary(
                            "after " + Fmt.count(schedule.resumes().size(), "resume")
                                    + ", no file ingested before the pause landed again: the pipe continued from its checkpoint")
                    .build();
        }
        for (int i = 0; i < schedule.resumes().size(); i++) {
            long before = get(l.landedBeforePerResume(), i + 1);
            if (before > 0 && l.reingestedFiles() >= before) {
                restarted = true;
            }
        }
        String summary = Fmt.count(l.reingestedFiles(), "file") + " ingested before a pause landed again after the"
                + " resume (" + String.join("; ", perResume) + ")"
                + (restarted
                        ? ": the pipe restarted from the beginning"
                        : ": the pipe resumed from before its checkpoint");
        return b.status(status).summary(summary).hint(HINT).build();
    }

    private static long get(List<Long> values, int index) {
        return index - 1 < values.size() ? values.get(index - 1) : 0L;
    }
}
