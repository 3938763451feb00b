package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.validation.internal.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to tell the customer, derived from the check results alone (so a stored run gives the same
 * guidance offline). Each line names its evidence: counts and example files.
 */
public final class Guidance {
    public static final String SAFE =
            "Safe to pause and resume this ClickPipe: no deduplication logic needed; the checkpoint is reliable.";

    private Guidance() {}

    /**
     * Guidance for a set of results.
     *
     * @param runStatus how the run went ({@code COMPLETED} when it ran every step)
     */
    public static List<String> of(List<CheckResult> checks, RunStatus runStatus, DeliveryGuarantee guarantee) {
        List<String> lines = new ArrayList<>();
        Optional<CheckResult> dup = find(checks, "duplicates");
        Optional<CheckResult> cont = find(checks, "resume-continuity");
        Optional<CheckResult> comp = find(checks, "completeness");
        Optional<CheckResult> paused = find(checks, "paused-window");
        Optional<CheckResult> unexpected = find(checks, "unexpected-rows");
        Optional<CheckResult> content = find(checks, "row-content");

        List<String> dupEvidence = new ArrayList<>();
        dup.filter(Guidance::anomalous).ifPresent(c -> {
            if (c.metricLong("duplicated_files") > 0) {
                dupEvidence.add(Fmt.count(c.metricLong("duplicated_files"), "file") + " ingested more than once ("
                        + c.metricLong("file_surplus_rows") + " surplus "
                        + Fmt.plural(c.metricLong("file_surplus_rows"), "row")
                        + ", e.g. " + examples(c, "duplicated") + ")");
            }
            if (c.metricLong("duplicated_keys") > 0) {
                dupEvidence.add(Fmt.count(c.metricLong("duplicated_keys"), "row key") + " seen more than once ("
                        + c.metricLong("surplus_rows") + " surplus " + Fmt.plural(c.metricLong("surplus_rows"), "row")
                        + ")");
            }
        });
        cont.filter(Guidance::anomalous)
                .ifPresent(c -> dupEvidence.add(Fmt.count(c.metricLong("reingested_files"), "file")
                        + " re-ingested after a resume (" + Fmt.count(c.metricLong("reingested_rows"), "row")
                        + ", e.g. "
                        + examples(c, "re-ingested") + ")"));
        if (!dupEvidence.isEmpty()) {
            String lead = guarantee == DeliveryGuarantee.AT_LEAST_ONCE
                    ? "Duplicates occur (allowed under at-least-once delivery): implement deduplication"
                    : "Duplicates: implement deduplication";
            lines.add(lead + ", e.g. ReplacingMergeTree keyed on file and row (ORDER BY (file_id, row_id)), read with"
                    + " FINAL. Evidence: " + String.join("; ", dupEvidence) + ".");
        }
        comp.filter(c -> c.status() == CheckStatus.FAIL).ifPresent(c -> {
            List<String> ev = new ArrayList<>();
            if (c.metricLong("lost_files") > 0) {
                ev.add(Fmt.count(c.metricLong("lost_files"), "file") + " lost ("
                        + Fmt.count(c.metricLong("lost_rows"), "row") + ", e.g. " + examples(c, "lost") + ")");
            }
            if (c.metricLong("partial_files") > 0) {
                ev.add(Fmt.count(c.metricLong("partial_missing_rows"), "row") + " missing from "
                        + Fmt.count(c.metricLong("partial_files"), "ingested file") + " (e.g. " + rowExamples(c, "lost")
                        + ")");
            }
            if (c.metricLong("lost_past_retention") > 0) {
                lines.add("Loss: events of files written while the pipe was paused expired in its SQS queue before the"
                        + " resume (the pause outlasted the queue's message retention of "
                        + Fmt.duration(java.time.Duration.ofMillis(c.metricLong("queue_retention_ms")))
                        + "), and unordered mode does not list the bucket again: keep pauses shorter than the"
                        + " queue's retention (raise MessageRetentionPeriod, up to 14 days) and re-ingest the files"
                        + " written during a longer one. Evidence: " + String.join("; ", ev) + ".");
            } else {
                lines.add("Loss: files or rows were skipped: re-ingest them. Evidence: " + String.join("; ", ev) + ".");
            }
        });
        paused.filter(c -> c.status() == CheckStatus.FAIL)
                .ifPresent(c -> lines.add(
                        "Ingestion while paused: the pipe kept writing after it reported Stopped; do not rely on a pause to"
                                + " freeze the table. Evidence: " + Fmt.count(c.metricLong("paused_rows"), "row")
                                + " of "
                                + Fmt.count(c.metricLong("paused_files"), "file")
                                + " landed inside a paused window (e.g. "
                                + examples(c, "ingested-while-paused") + ")."));
        unexpected
                .filter(c -> c.status() == CheckStatus.FAIL)
                .ifPresent(c -> lines.add(
                        "Unexpected rows: rows this run never wrote reached the table; check the pipe's path pattern and field"
                                + " mappings. Evidence: " + Fmt.count(c.metricLong("unexpected_rows"), "row") + " from "
                                + Fmt.count(c.metricLong("unexpected_files"), "file") + " (e.g. "
                                + examples(c, "unexpected") + ")."));
        content.filter(c -> c.status() == CheckStatus.FAIL)
                .ifPresent(c -> lines.add("Altered rows: rows hold other values than were written; find what rewrote"
                        + " them (an UPDATE, a transforming view or mapping, a time zone applied on parse). Evidence: "
                        + Fmt.count(c.metricLong("altered_rows"), "row") + " of "
                        + Fmt.count(c.metricLong("altered_files"), "file") + " (e.g. " + rowExamples(c, "altered")
                        + ")."));
        for (CheckResult c : checks) {
            if (c.status() == CheckStatus.FAIL
                    && !List.of(
                                    "duplicates",
                                    "resume-continuity",
                                    "completeness",
                                    "paused-window",
                                    "unexpected-rows",
                                    "row-content")
                            .contains(c.checkId())) {
                lines.add(
                        "Check " + c.checkId() + " failed: " + c.summary() + (c.hint() == null ? "" : " " + c.hint()));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (CheckResult c : checks) {
            if (c.status() == CheckStatus.UNKNOWN) {
                unknown.add(c.checkId() + " (" + c.summary() + ")");
            }
        }
        if (!unknown.isEmpty()) {
            lines.add("Not decided: " + String.join("; ", unknown) + ". Re-run (with a longer await timeout if files"
                    + " were still arriving) before telling the customer anything.");
        }
        boolean clean = !checks.isEmpty()
                && checks.stream().allMatch(c -> c.status() == CheckStatus.PASS || c.status() == CheckStatus.WARN)
                && dupEvidence.isEmpty();
        if (clean) {
            boolean paused0 = paused.map(c -> c.metricLong("windows") == 0).orElse(true);
            boolean resumed0 = cont.map(c -> c.metricLong("resumes") == 0).orElse(true);
            String evidence = comp.map(c -> c.metricLong("ingested_files") + " of " + c.metricLong("expected_files")
                            + " files and " + c.metricLong("ingested_rows") + " of " + c.metricLong("expected_rows")
                            + " rows ingested exactly once")
                    .orElse("no duplicates");
            evidence += content.filter(c -> c.status() == CheckStatus.PASS)
                    .map(c -> ", each row as written")
                    .orElse("");
            evidence += paused.filter(c -> c.metricLong("windows") > 0)
                    .map(c -> ", nothing ingested during " + Fmt.count(c.metricLong("windows"), "paused window"))
                    .orElse("");
            evidence += cont.filter(c -> c.metricLong("resumes") > 0)
                    .map(c -> ", no file re-ingested after " + Fmt.count(c.metricLong("resumes"), "resume"))
                    .orElse("");
            if (runStatus != null && runStatus != RunStatus.COMPLETED) {
                lines.add("No verdict: the run did not complete ("
                        + runStatus.name().toLowerCase(java.util.Locale.ROOT) + "); what landed shows no anomaly ("
                        + evidence + "), but re-run before relying on it.");
            } else if (paused0 || resumed0) {
                lines.add("No anomaly (" + evidence + "), but the run never paused and resumed the pipe, so it says"
                        + " nothing about pause and resume.");
            } else {
                lines.add(SAFE + " Evidence: " + evidence + ".");
            }
        }
        for (CheckResult c : checks) {
            if (c.status() == CheckStatus.WARN
                    && !c.checkId().equals("duplicates")
                    && !c.checkId().equals("resume-continuity")) {
                lines.add("Note (" + c.checkId() + "): " + c.summary() + ".");
            }
        }
        return lines;
    }

    private static boolean anomalous(CheckResult c) {
        return c.status() == CheckStatus.FAIL || c.status() == CheckStatus.WARN;
    }

    private static Optional<CheckResult> find(List<CheckResult> checks, String id) {
        return checks.stream().filter(c -> c.checkId().equals(id)).findFirst();
    }

    /** Up to three witnessed rows of an anomaly, as {@code file row n}. */
    private static String rowExamples(CheckResult c, String anomaly) {
        List<String> rows = new ArrayList<>();
        for (Witness w : c.witnesses()) {
            if (w.anomaly().equals(anomaly) && w.rowId() != null && rows.size() < 3) {
                rows.add(w.file() + " row " + w.rowId()
                        + (w.expected() == null ? "" : " (expected " + w.expected() + ", found " + w.found() + ")"));
            }
        }
        return rows.isEmpty() ? "see the report" : String.join(", ", rows);
    }

    private static String examples(CheckResult c, String anomaly) {
        List<String> names = new ArrayList<>();
        for (Witness w : c.witnesses()) {
            if (w.anomaly().equals(anomaly) && w.file() != null && !names.contains(w.file())) {
                names.add(w.file());
            }
        }
        return names.isEmpty() ? "see the report" : Fmt.examples(names, names.size(), 3);
    }
}
