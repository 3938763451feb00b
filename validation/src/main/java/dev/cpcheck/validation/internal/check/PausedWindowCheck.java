package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.LeanPass;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.PauseSchedule;
import dev.cpcheck.validation.internal.evidence.PollEvidence;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code paused-window}: nothing landed inside a confirmed paused window (Stopped observed → resume
 * sent). Two kinds of evidence, each named in the result with its resolution:
 *
 * <ul>
 *   <li>landing times ({@link dev.cpcheck.validation.internal.evidence.Landing}): rows whose landing
 *       interval lies inside the window, judged in the server's time base and shrunk at both ends
 *       by the tolerance plus the clock offset's uncertainty, landed while paused;</li>
 *   <li>the counts the run polled: a count that grew between two polls inside the window is
 *       ingestion while paused; polls that saw the same count from the window's start (Stopped
 *       observed plus the tolerance) to within the tolerance of the resume settle rows whose
 *       landing interval is too coarse to place inside or outside it. Polls inside only part of
 *       the window settle nothing: counts only grow, so what matters is that equal counts bracket
 *       the window, not how often they were polled.</li>
 * </ul>
 * FAIL when either kind shows ingestion; UNKNOWN when a pause was never confirmed, or a window
 * could not be judged by either kind (too short, too coarse, no row at all, and polls that do
 * not span it).
 */
public final class PausedWindowCheck extends LedgerCheck {
    public static final String ID = "paused-window";
    static final String HINT = "The pipe kept ingesting while paused: pausing does not stop writes immediately."
            + " Do not rely on a pause to freeze the table; drain or wait before acting on it.";

    public PausedWindowCheck() {
        super(ID, "nothing ingested while the pipe was paused");
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        PauseSchedule schedule = ValidationContext.scheduleOf(ctx);
        List<ClockSample> samples = ctx.history().clockSamples();
        CheckResult.Builder b = CheckResult.builder(ID)
                .metric("windows", schedule.windows().size())
                .metric("tolerance_ms", ctx.pausedWindowTolerance().toMillis())
                .metric(
                        "clock_offset_ms",
                        samples.isEmpty() ? 0.0 : samples.get(0).offset().toNanos() / 1e6)
                .metric("clock_uncertainty_ms", ctx.history().clockUncertainty().toNanos() / 1e6)
                .metric("clock_samples", samples.size());
        boolean unconfirmed = PauseSchedule.hasUnconfirmedStop(ctx.history());
        if (schedule.windows().isEmpty()) {
            b.metric("paused_rows", 0L).metric("paused_files", 0L);
            if (unconfirmed) {
                return b.status(CheckStatus.UNKNOWN)
                        .summary("a stop was sent but Stopped was never observed:"
                                + " no confirmed paused window to judge")
                        .build();
            }
            return b.status(CheckStatus.PASS)
                    .summary("the run never paused the pipe: nothing to judge")
                    .build();
        }
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        LeanPass l = ledger.lean();
        PollEvidence polls = ledger.polls();
        String landing = ledger.landing().description();
        String pollRate = polls.typicalGap() == null ? null : "every " + Fmt.duration(polls.typicalGap());
        b.metric("timestamp_source", ledger.landing().source().name().toLowerCase(Locale.ROOT))
                .metric("landing_evidence", landing)
                .metric("count_polls", polls.polls().size());
        if (polls.typicalGap() != null) {
            b.metric("poll_interval_ms", polls.typicalGap().toMillis());
        }

        List<Map<String, Object>> details = new ArrayList<>();
        List<Witness> w = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> decided = new ArrayList<>();
        long judgeable = 0;
        long pollRows = 0;
        long pollWitnesses = 0;
        for (PauseSchedule.Window win : schedule.windows()) {
            int i = win.index();
            long rows = get(l.pausedPerWindow(), i);
            long ambiguous = get(l.ambiguousPerWindow(), i);
            PollEvidence.WindowPolls p = polls.window(i);
            long grown = p.grownRows();
            String name = "window " + i + " (" + Fmt.time(win.serverStart()) + "–" + Fmt.time(win.serverEnd()) + ", "
                    + Fmt.duration(win.duration()) + ")";
            String decidedBy;
            if (rows > 0 || !p.growth().isEmpty()) {
                decidedBy = rows > 0 && !p.growth().isEmpty()
                        ? "landing times and polled counts"
                        : rows > 0 ? "landing times" : "polled counts";
                failures.add(name + ": " + (rows > 0 ? Fmt.count(rows, "row") + " landed inside it" : "")
                        + (rows > 0 && grown > 0 ? "; " : "")
                        + (grown > 0 ? "polled counts grew by " + Fmt.count(grown, "row") + " inside it" : ""));
            } else if (ambiguous > 0 && !p.covered()) {
                decidedBy = "undecided";
                undecided.add(name + ": " + Fmt.count(ambiguous, "row")
                        + " landed in parts whose landing time is too coarse to place inside or outside it, and "
                        + uncovered(p));
            } else if (!win.judgeable() && !p.covered()) {
                decidedBy = "undecided";
                undecided.add(name + ": shorter than twice the tolerance, and " + uncovered(p));
            } else if (l.rowsSeen() == 0 && !p.covered()) {
                decidedBy = "undecided";
                undecided.add(name + ": no row of the run is in the table, and " + uncovered(p));
            } else {
                List<String> how = new ArrayList<>();
                if (win.judgeable() && l.rowsSeen() > 0) {
                    how.add(
                            ambiguous > 0
                                    ? "no row's landing lies inside it (" + Fmt.count(ambiguous, "row")
                                            + " too coarse to place, settled by the polls)"
                                    : "no row's landing lies inside it");
                }
                if (p.covered()) {
                    how.add("counts polled from " + Fmt.time(p.quietFrom()) + " to " + Fmt.time(p.quietTo()) + " ("
                            + Fmt.count(p.polls(), "poll") + " inside it) saw no growth, which spans the whole"
                            + " window");
                } else if (p.polls() > 0) {
                    how.add(Fmt.count(p.polls(), "count") + " polled inside it (" + span(p)
                            + ") saw no growth, not spanning the whole window");
                }
                decidedBy = p.covered() && (ambiguous > 0 || !win.judgeable() || l.rowsSeen() == 0)
                        ? "polled counts"
                        : p.covered() ? "landing times and polled counts" : "landing times";
                decided.add(name + ": " + String.join("; ", how));
            }
            if (win.judgeable()) {
                judgeable++;
            }
            for (PollEvidence.Growth g : p.growth()) {
                pollRows += g.rowsAfter() - g.rowsBefore();
                pollWitnesses++;
                w.add(Witness.ofFile(
                        "ingested-while-paused",
                        g.lastFile(),
                        null,
                        "polled counts grew from " + g.rowsBefore() + " to " + Fmt.count(g.rowsAfter(), "row")
                                + " (" + g.filesBefore() + " to " + Fmt.count(g.filesAfter(), "file") + ") between "
                                + Fmt.time(g.from()) + " and " + Fmt.time(g.to()) + ", inside paused window " + i));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", (long) i);
            m.put("start", win.serverStart().toString());
            m.put("end", win.serverEnd().toString());
            m.put("duration_ms", win.duration().toMillis());
            m.put("judged_from", win.judgedFrom().toString());
            m.put("judged_to", win.judgedTo().toString());
            m.put("uncertainty_ms", win.uncertainty().toNanos() / 1e6);
            m.put("judged", win.judgeable());
            m.put("rows", rows);
            m.put("ambiguous_rows", ambiguous);
            m.put("polls_inside", (long) p.polls());
            m.put("polls_span_window", p.covered());
            m.put("polled_growth_rows", grown);
            m.put("decided_by", decidedBy);
            m.put("resumed_by_cleanup", win.resumedByCleanup());
            details.add(m);
        }
        for (LeanPass.Paused f : l.paused()) {
            List<String> in = new ArrayList<>();
            for (int i = 0; i < f.perWindow().size(); i++) {
                if (f.perWindow().get(i) > 0) {
                    in.add("paused window " + schedule.windows().get(i).index());
                }
            }
            w.add(Witness.ofFile(
                    "ingested-while-paused",
                    f.name(),
                    f.fileId(),
                    Fmt.count(f.rows(), "row") + " landed "
                            + (f.firstMs() == f.lastMs()
                                    ? "at " + Fmt.time(f.firstMs())
                                    : "between " + Fmt.time(f.firstMs()) + " and " + Fmt.time(f.lastMs()))
                            + ", inside " + String.join(" and ", in)));
        }
        long pausedRows = Math.max(l.pausedRows(), pollRows);
        b.witnesses(w, l.pausedFiles() + pollWitnesses)
                .metric("judged_windows", judgeable)
                .metric("paused_rows", pausedRows)
                .metric("paused_files", l.pausedFiles())
                .metric("ambiguous_rows", l.ambiguousRows())
                .metric("polled_growth_rows", pollRows)
                .metric("window_details", details);

        String evidence = "landing times from " + landing
                + (pollRate == null ? "; no counts polled" : "; counts polled " + pollRate)
                + "; windows judged with " + Fmt.duration(ctx.pausedWindowTolerance()) + " tolerance plus "
                + Fmt.duration(ctx.history().clockUncertainty()) + " clock uncertainty at each end";
        String partly = unconfirmed ? "; another stop was never confirmed and was not judged" : "";
        if (!failures.isEmpty()) {
            return b.status(CheckStatus.FAIL)
                    .summary("ingested while paused: " + String.join("; ", failures) + " [" + evidence + "]")
                    .hint(HINT)
                    .build();
        }
        if (!undecided.isEmpty()) {
            return b.status(CheckStatus.UNKNOWN)
                    .summary("cannot tell: " + String.join("; ", undecided)
                            + (decided.isEmpty() ? "" : "; " + String.join("; ", decided)) + " [" + evidence + "]")
                    .hint("Poll the row count while the pipe is paused (a hold step), from when Stopped is seen"
                            + " until the resume, so that the counts span the paused window.")
                    .build();
        }
        return b.status(CheckStatus.PASS)
                .summary("nothing landed while paused: " + String.join("; ", decided) + partly + " [" + evidence + "]")
                .build();
    }

    /** What the polls of a window that they do not span saw, for an undecided window. */
    private static String uncovered(PollEvidence.WindowPolls p) {
        if (p.polls() == 0) {
            return "no count was polled inside it";
        }
        return "the counts polled do not span it: they saw no growth from " + Fmt.time(p.quietFrom()) + " to "
                + Fmt.time(p.quietTo()) + ", of a window from " + Fmt.time(p.judgedFrom()) + " to "
                + Fmt.time(p.judgedTo()) + " (run's clock)";
    }

    private static String span(PollEvidence.WindowPolls p) {
        return p.polls() == 1 ? "at " + Fmt.time(p.first()) : Fmt.time(p.first()) + "–" + Fmt.time(p.last());
    }

    private static long get(List<Long> values, int index) {
        return index - 1 < values.size() ? values.get(index - 1) : 0L;
    }
}
