package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.engine.EngineContext;
import dev.cpcheck.validation.internal.engine.Ledger;
import dev.cpcheck.validation.internal.engine.PauseSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code paused-window}: no row landed inside a confirmed paused window (Stopped observed → resume
 * sent), judged in the server's time base and shrunk at both ends by the tolerance plus the clock
 * offset's uncertainty. FAIL with the files and landing times; UNKNOWN when a pause was never
 * confirmed or every window was too short to judge.
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
        PauseSchedule schedule = EngineContext.scheduleOf(ctx);
        List<ClockSample> samples = ctx.history().clockSamples();
        CheckResult.Builder b = CheckResult.builder(ID)
                .metric("windows", schedule.windows().size())
                .metric("tolerance_ms", ctx.pausedWindowTolerance().toMillis())
                .metric(
                        "clock_offset_ms",
                        samples.isEmpty() ? 0.0 : samples.get(0).offset().toNanos() / 1e6)
                .metric("clock_uncertainty_ms", ctx.history().clockUncertainty().toNanos() / 1e6)
                .metric("clock_samples", samples.size())
                .metric("timestamp_source", ctx.timestampSource().name().toLowerCase(java.util.Locale.ROOT));
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
        Ledger l = EngineContext.ledgerOf(ctx);
        List<Map<String, Object>> windows = new ArrayList<>();
        long judgeable = 0;
        for (PauseSchedule.Window w : schedule.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", (long) w.index());
            m.put("start", w.serverStart().toString());
            m.put("end", w.serverEnd().toString());
            m.put("duration_ms", w.duration().toMillis());
            m.put("judged_from", w.judgedFrom().toString());
            m.put("judged_to", w.judgedTo().toString());
            m.put("uncertainty_ms", w.uncertainty().toNanos() / 1e6);
            m.put("judged", w.judgeable());
            m.put(
                    "rows",
                    w.index() - 1 < l.pausedPerWindow().size()
                            ? l.pausedPerWindow().get(w.index() - 1)
                            : 0L);
            m.put("resumed_by_cleanup", w.resumedByCleanup());
            windows.add(m);
            if (w.judgeable()) {
                judgeable++;
            }
        }
        b.metric("judged_windows", judgeable)
                .metric("paused_rows", l.pausedRows())
                .metric("paused_files", l.pausedFiles())
                .metric("window_details", windows);

        List<Witness> w = new ArrayList<>();
        for (Ledger.Paused p : l.paused()) {
            List<String> in = new ArrayList<>();
            for (int i = 0; i < p.perWindow().size(); i++) {
                if (p.perWindow().get(i) > 0) {
                    PauseSchedule.Window win = schedule.windows().get(i);
                    in.add("paused window " + win.index() + " (" + Fmt.time(win.serverStart()) + "–"
                            + Fmt.time(win.serverEnd()) + ")");
                }
            }
            w.add(Witness.ofFile(
                    "ingested-while-paused",
                    p.name(),
                    p.fileId(),
                    Fmt.count(p.rows(), "row")
                            + " landed "
                            + (p.firstMs() == p.lastMs()
                                    ? "at " + Fmt.time(p.firstMs())
                                    : Fmt.time(p.firstMs()) + "–" + Fmt.time(p.lastMs()))
                            + ", inside " + String.join(" and ", in)));
        }
        b.witnesses(w, l.pausedFiles());

        String base = Fmt.count(schedule.windows().size(), "paused window") + " ("
                + schedule.windows().stream()
                        .map(x -> Fmt.duration(x.duration()))
                        .reduce((x, y) -> x + ", " + y)
                        .orElse("")
                + "), judged with " + Fmt.duration(ctx.pausedWindowTolerance()) + " tolerance plus "
                + Fmt.duration(ctx.history().clockUncertainty()) + " clock uncertainty at each end";
        String caveat = ctx.timestampSource() == TimestampSource.PART_MODIFICATION_TIME
                ? "; landing times from part modification times (merges can make rows look later)"
                : "";
        if (l.pausedRows() > 0) {
            return b.status(CheckStatus.FAIL)
                    .summary(Fmt.count(l.pausedRows(), "row") + " of " + Fmt.count(l.pausedFiles(), "file")
                            + " landed while paused; " + base + caveat)
                    .hint(HINT)
                    .build();
        }
        if (judgeable == 0) {
            return b.status(CheckStatus.UNKNOWN)
                    .summary("every paused window was shorter than twice the tolerance:" + " nothing could be judged; "
                            + base + caveat)
                    .hint("Hold the pause longer.")
                    .build();
        }
        String partly = unconfirmed ? "; another stop was never confirmed and was not judged" : "";
        return b.status(CheckStatus.PASS)
                .summary("nothing landed while paused; " + base + caveat + partly)
                .build();
    }
}
