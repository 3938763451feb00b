package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.PauseSchedule;
import dev.cpcheck.validation.internal.evidence.TimeAxis;
import dev.cpcheck.validation.internal.evidence.Timeline;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeline} (informational, never fails): rows and files landed per time bucket over the
 * run, each bucket labelled pre-pause, paused or post-resume (when its rows landed), with its rows
 * split by when their files were written. The report's chart is drawn from it. Metric {@code
 * buckets} is a list of {@code {start, end, rows, files, label, written_before_pause,
 * written_while_paused, written_after_resume, written_not_written}} (zero counts left out).
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
        PauseSchedule schedule = ValidationContext.scheduleOf(ctx);
        Ledger ledger = ValidationContext.ledgerOf(ctx);
        TimeAxis axis = ctx instanceof ValidationContext ec ? ec.timeAxis() : TimeAxis.of(ctx.history());
        Timeline t;
        if (axis != null) {
            t = Timeline.of(ctx, schedule, axis, ledger);
        } else if (ledger.lean().firstLandingMs() != null) {
            // no history (e.g. validating a table without a run): span what landed
            axis = TimeAxis.over(
                    Instant.ofEpochMilli(ledger.lean().firstLandingMs()),
                    Instant.ofEpochMilli(ledger.lean().lastLandingMs()));
            t = Timeline.scan(ctx, schedule, axis);
        } else {
            return CheckResult.builder(ID)
                    .status(CheckStatus.PASS)
                    .metric("rows", 0L)
                    .summary("no rows landed and no history: empty timeline")
                    .build();
        }
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
            for (int k = 0; k < Timeline.WRITTEN.size(); k++) {
                if (bk.written()[k] > 0) {
                    m.put("written_" + Timeline.WRITTEN.get(k).replace('-', '_'), bk.written()[k]);
                }
            }
            buckets.add(m);
            byLabel.merge(bk.label(), bk.rows(), Long::sum);
            rows += bk.rows();
        }
        List<String> parts = new ArrayList<>();
        byLabel.forEach((label, n) -> parts.add(n + " " + label));
        long coarse = Math.min(rows, ledger.landing().coarseRows());
        String coarseNote = coarse == 0
                ? ""
                : " (" + Fmt.count(coarse, "row") + " of merged parts, whose landing is known only between"
                        + " their sources' times, are drawn at the middle of that span: the split by pause is"
                        + " approximate; the other checks do not rely on it)";
        return CheckResult.builder(ID)
                .status(CheckStatus.PASS)
                .metric("from", axis.start(0).toString())
                .metric("to", axis.start(axis.buckets()).toString())
                .metric("bucket_ms", axis.stepMs())
                .metric("rows", rows)
                .metric("rows_by_label", new LinkedHashMap<>(byLabel))
                .metric("counted_by", t.source())
                .metric("coarse_rows", coarse)
                .metric("landing_evidence", ledger.landing().description())
                .metric("buckets", buckets)
                .summary(Fmt.count(rows, "row") + " in " + Fmt.count(t.buckets().size(), "bucket") + " of "
                        + Fmt.duration(axis.step()) + (parts.isEmpty() ? "" : ": " + String.join(", ", parts))
                        + coarseNote)
                .build();
    }
}
