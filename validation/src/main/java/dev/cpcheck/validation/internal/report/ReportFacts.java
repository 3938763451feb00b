package dev.cpcheck.validation.internal.report;

import dev.cpcheck.core.history.PhaseTimes;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.validation.internal.Fmt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Facts every renderer shows, worded once. */
final class ReportFacts {
    private ReportFacts() {}

    /** One line saying what the verdict means for this run. */
    static String verdictLine(RunReport r) {
        Verdict v = r.verdict();
        return switch (v) {
            case PASS ->
                r.checksWithStatus(CheckStatus.WARN).isEmpty()
                        ? "exactly once: no duplicates, no loss, quiet while paused"
                        : "no failure; warnings: " + ids(r.checksWithStatus(CheckStatus.WARN));
            case FAIL -> "failed: " + ids(r.checksWithStatus(CheckStatus.FAIL));
            case INCONCLUSIVE -> {
                List<String> why = new ArrayList<>();
                if (r.status() != RunStatus.COMPLETED) {
                    why.add("run " + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (r.statusReason() == null ? "" : " (" + r.statusReason() + ")"));
                }
                if (!r.checksWithStatus(CheckStatus.UNKNOWN).isEmpty()) {
                    why.add("undecided: " + ids(r.checksWithStatus(CheckStatus.UNKNOWN)));
                }
                if (r.checks().isEmpty()) {
                    why.add("no check ran");
                }
                yield "could not decide: " + (why.isEmpty() ? "see the checks" : String.join("; ", why));
            }
            case ERROR -> "infrastructure error" + (r.statusReason() == null ? "" : ": " + r.statusReason());
        };
    }

    /** Expected vs observed, paused windows, clock: one line. */
    static String numbersLine(RunReport r) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> o = r.observed();
        long files = asLong(o.getOrDefault("expected_files_ingested", o.get("files")));
        long rows = asLong(o.getOrDefault("expected_rows_ingested", o.get("rows")));
        parts.add(files + "/" + r.expectedFiles() + " files");
        parts.add(rows + "/" + r.expectedRows() + " rows");
        if (o.containsKey("rows")) {
            parts.add(asLong(o.get("rows")) + " rows in the table");
        }
        if (!r.pausedWindows().isEmpty()) {
            parts.add(Fmt.count(r.pausedWindows().size(), "paused window") + " ("
                    + r.pausedWindows().stream()
                            .map(w -> Fmt.duration(w.duration()))
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("")
                    + ")");
        }
        if (r.clockOffsetMs() != null) {
            parts.add(String.format(
                    Locale.ROOT,
                    "clock offset %+.1f ms ± %.1f ms",
                    r.clockOffsetMs(),
                    r.clockUncertaintyMs() == null ? 0.0 : r.clockUncertaintyMs()));
        }
        if (!r.duration().isZero()) {
            parts.add("run " + Fmt.duration(r.duration()));
        }
        return String.join(" · ", parts);
    }

    /**
     * Where the run's time went: {@code upload 1.2 s · ingestion 30.1 s · validation 0.8 s · cleanup
     * 0.4 s}, or {@code null} for a report without phase times.
     */
    static String phasesLine(RunReport r) {
        PhaseTimes p = r.phases();
        if (p == null) {
            return null;
        }
        return "upload " + Fmt.duration(Duration.ofMillis(p.uploadMs())) + " · ingestion "
                + Fmt.duration(Duration.ofMillis(p.ingestionMs())) + " · validation "
                + Fmt.duration(Duration.ofMillis(p.validationMs())) + " · cleanup "
                + Fmt.duration(Duration.ofMillis(p.cleanupMs()));
    }

    static String ids(List<CheckResult> checks) {
        return String.join(", ", checks.stream().map(CheckResult::checkId).toList());
    }

    static long asLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String duration(Duration d) {
        return Fmt.duration(d);
    }
}
