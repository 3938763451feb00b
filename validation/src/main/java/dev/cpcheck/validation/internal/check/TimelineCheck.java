package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.engine.EngineContext;
import dev.cpcheck.validation.internal.engine.PauseSchedule;
import dev.cpcheck.validation.internal.engine.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeline} (informational, never fails): rows and files landed per time bucket over the
 * run, each bucket labelled pre-pause, paused or post-resume. The report's chart is drawn from it.
 * Metric {@code buckets} is a list of {@code {start, end, rows, files, label}}.
 */
public final class TimelineCheck extends LedgerCheck {
    public static final String ID = "timeline";

    public TimelineCheck() {
        super(ID, "rows landed over time (for the report chart)");
    }

    @Override
    public boolean informational() {
        return true;
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        PauseSchedule schedule = EngineContext.scheduleOf(ctx);
        Instant from = ctx.history().startedAt().map(t -> ctx.history().toServerTime(t)).orElse(null);
        Instant to = ctx.history().endedAt().map(t -> ctx.history().toServerTime(t)).orElse(null);
        if (from == null || to == null) {
            // no history (e.g. validating a table without a run): span what landed
            var ledger = EngineContext.ledgerOf(ctx);
            if (ledger.firstLandingMs() == null) {
                return CheckResult.builder(ID).status(CheckStatus.PASS).metric("rows", 0L)
                        .summary("no rows landed: empty timeline").build();
            }
            from = Instant.ofEpochMilli(ledger.firstLandingMs());
            to = Instant.ofEpochMilli(ledger.lastLandingMs());
        }
        Timeline t = Timeline.count(ctx, schedule, from, to);
        List<Map<String, Object>> buckets = new ArrayList<>();
        Map<String, Long> byLabel = new LinkedHashMap<>();
        long rows = 0;
        for (Timeline.Bucket bk : t.buckets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (bk.start() != null) {
                m.put("start", bk.start().toString());
            }
            if (bk.end() != null) {
                m.put("end", bk.end().toString());
            }
            m.put("rows", bk.rows());
            m.put("files", bk.files());
            m.put("label", bk.label());
            buckets.add(m);
            byLabel.merge(bk.label(), bk.rows(), Long::sum);
            rows += bk.rows();
        }
        List<String> parts = new ArrayList<>();
        byLabel.forEach((label, n) -> parts.add(n + " " + label));
        return CheckResult.builder(ID).status(CheckStatus.PASS)
                .metric("origin", t.origin().toString())
                .metric("from", from.toString())
                .metric("to", to.toString())
                .metric("bucket_ms", t.step().toMillis())
                .metric("rows", rows)
                .metric("rows_by_label", new LinkedHashMap<>(byLabel))
                .metric("buckets", buckets)
                .summary(Fmt.count(rows, "row") + " in " + Fmt.count(t.buckets().size(), "bucket") + " of "
                        + Fmt.duration(t.step()) + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)))
                .build();
    }
}
