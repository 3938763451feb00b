package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.validation.internal.Fmt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-judges a stored run offline from the evidence it kept: its results, its history (the counts
 * it polled) and its manifest, without the table. What the table said stays as the results say it;
 * the history can only add evidence:
 *
 * <ul>
 *   <li>counts that grew between two polls inside a paused window make {@code paused-window} FAIL;</li>
 *   <li>a file reported missing ("not ingested yet") that a poll saw land, or a later file, is lost:
 *       {@code completeness} FAILs;</li>
 *   <li>results that predate the row-content check, of a manifest that records content, get a
 *       {@code row-content} UNKNOWN: contents were never compared (re-check against the table).</li>
 * </ul>
 * Then the guarantee applies (duplication is a warning under at-least-once) and verdict and
 * guidance follow.
 */
public final class Rejudge {
    private Rejudge() {}

    public static RunReport of(RunReport report, RunHistory history, Manifest manifest, DeliveryGuarantee guarantee) {
        List<CheckResult> checks = new ArrayList<>();
        boolean hasContent = false;
        for (CheckResult c : report.checks()) {
            hasContent |= c.checkId().equals("row-content");
            CheckResult r = switch (c.checkId()) {
                case "paused-window" -> pausedWindow(c, history);
                case "completeness" -> completeness(c, history);
                default -> c;
            };
            checks.add(Judgement.rejudge(r, guarantee));
        }
        if (!hasContent && manifest.hasContentDigests() && !report.checks().isEmpty()) {
            int at = Math.min(checks.size(), indexAfter(checks, "unexpected-rows"));
            checks.add(
                    at,
                    CheckResult.builder("row-content")
                            .status(CheckStatus.UNKNOWN)
                            .summary("the stored results predate the comparison of row contents: contents were not"
                                    + " compared (analyze --recheck compares them against the table)")
                            .build());
        }
        Verdict verdict = Verdict.decide(report.status(), checks);
        return report.withJudgement(guarantee, checks, verdict, Guidance.of(checks, report.status(), guarantee));
    }

    private static int indexAfter(List<CheckResult> checks, String id) {
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).checkId().equals(id)) {
                return i + 1;
            }
        }
        return checks.size();
    }

    private static CheckResult pausedWindow(CheckResult c, RunHistory history) {
        if (c.status() == CheckStatus.FAIL) {
            return c;
        }
        Duration tolerance =
                Duration.ofMillis(c.metrics().containsKey("tolerance_ms") ? c.metricLong("tolerance_ms") : 1000);
        PollEvidence polls = PollEvidence.of(history, tolerance);
        List<Witness> witnesses = new ArrayList<>();
        List<String> grown = new ArrayList<>();
        long rows = 0;
        for (PollEvidence.WindowPolls w : polls.windows()) {
            for (PollEvidence.Growth g : w.growth()) {
                rows += g.rowsAfter() - g.rowsBefore();
                witnesses.add(Witness.ofFile(
                        "ingested-while-paused",
                        g.lastFile(),
                        null,
                        "polled counts grew from " + g.rowsBefore() + " to " + Fmt.count(g.rowsAfter(), "row")
                                + " between " + Fmt.time(g.from()) + " and " + Fmt.time(g.to())
                                + ", inside paused window " + w.index()));
            }
            if (w.grownRows() > 0) {
                grown.add("window " + w.index() + ": polled counts grew by " + Fmt.count(w.grownRows(), "row"));
            }
        }
        if (grown.isEmpty()) {
            return c;
        }
        Map<String, Object> metrics = new LinkedHashMap<>(c.metrics());
        metrics.put("polled_growth_rows", rows);
        metrics.put("paused_rows", Math.max(rows, c.metricLong("paused_rows")));
        return CheckResult.builder(c.checkId())
                .status(CheckStatus.FAIL)
                .summary("ingested while paused (re-judged from the run's history): " + String.join("; ", grown))
                .witnesses(witnesses, witnesses.size())
                .hint("The pipe kept ingesting while paused: pausing does not stop writes immediately.")
                .build()
                .withMetrics(metrics);
    }

    private static CheckResult completeness(CheckResult c, RunHistory history) {
        PollEvidence polls = PollEvidence.of(history, Duration.ZERO);
        if (polls.lastFileSeen() == null) {
            return c;
        }
        List<Witness> witnesses = new ArrayList<>();
        long nowLost = 0;
        for (Witness w : c.witnesses()) {
            if (w.anomaly().equals("missing") && w.file() != null && w.file().compareTo(polls.lastFileSeen()) <= 0) {
                nowLost++;
                witnesses.add(Witness.ofFile(
                        "lost",
                        w.file(),
                        w.fileId(),
                        "not in the table, though a count polled at " + Fmt.dateTime(polls.lastFileAt()) + " saw "
                                + (w.file().equals(polls.lastFileSeen())
                                        ? "it"
                                        : "the later file " + polls.lastFileSeen())
                                + " land (re-judged from the run's history)"));
            } else {
                witnesses.add(w);
            }
        }
        if (nowLost == 0) {
            return c;
        }
        Map<String, Object> metrics = new LinkedHashMap<>(c.metrics());
        metrics.put("lost_files", c.metricLong("lost_files") + nowLost);
        metrics.put("missing_files", Math.max(0, c.metricLong("missing_files") - nowLost));
        return CheckResult.builder(c.checkId())
                .status(CheckStatus.FAIL)
                .summary(c.summary() + "; " + Fmt.count(nowLost, "file")
                        + " reported not ingested yet had been seen landing by the run's polls: lost")
                .witnesses(witnesses, c.witnessCount())
                .hint("Files were skipped or removed after landing: re-ingest them.")
                .build()
                .withMetrics(metrics);
    }
}
