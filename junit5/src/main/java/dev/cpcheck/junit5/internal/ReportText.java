package dev.cpcheck.junit5.internal;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Witness;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The evidence of a report as plain text for assertion messages: what failed, why, and where to look. */
public final class ReportText {
    private static final int GUIDANCE_LINES = 3;

    private ReportText() {}

    /**
     * Lines (indented by two spaces) with the run, every check that did not pass with its status,
     * summary, hint and up to {@code maxWitnesses} witnesses, the checks that passed, the first
     * guidance lines and the run folder.
     */
    public static String evidence(RunReport r, int maxWitnesses) {
        StringBuilder sb = new StringBuilder();
        sb.append("  run: scenario ").append(r.scenario()).append(", run id ").append(r.runId());
        if (r.guarantee() != null) {
            sb.append(", judged ").append(r.guarantee().id());
        }
        sb.append(", verdict ").append(r.verdict()).append(", status ").append(r.status());
        if (r.statusReason() != null && !r.statusReason().isBlank()) {
            sb.append(" (").append(firstLine(r.statusReason())).append(')');
        }
        sb.append('\n');
        List<CheckResult> notPassed =
                r.checks().stream().filter(c -> c.status() != CheckStatus.PASS).toList();
        if (!notPassed.isEmpty()) {
            sb.append("  checks that did not pass:\n");
            for (CheckResult c : notPassed) {
                appendCheck(sb, c, maxWitnesses);
            }
        }
        List<String> passed = r.checks().stream()
                .filter(c -> c.status() == CheckStatus.PASS)
                .map(CheckResult::checkId)
                .toList();
        if (!passed.isEmpty()) {
            sb.append("  passed: ").append(String.join(", ", passed)).append('\n');
        }
        if (r.checks().isEmpty()) {
            sb.append("  no check ran\n");
        }
        r.guidance().stream()
                .limit(GUIDANCE_LINES)
                .forEach(g -> sb.append("  guidance: ").append(g).append('\n'));
        sb.append("  run folder: ")
                .append(
                        r.runDirectory() == null
                                ? "(none)"
                                : Path.of(r.runDirectory()).toAbsolutePath()
                                        + " (report.html, results.json, history.jsonl)");
        return sb.toString();
    }

    /** {@code id=STATUS} for every check, e.g. {@code duplicates=FAIL, completeness=PASS}. */
    public static String statuses(RunReport r) {
        return r.checks().stream().map(c -> c.checkId() + "=" + c.status()).collect(Collectors.joining(", "));
    }

    private static void appendCheck(StringBuilder sb, CheckResult c, int maxWitnesses) {
        sb.append("    - ").append(c.checkId()).append(": ").append(c.status());
        if (!c.summary().isBlank()) {
            sb.append(": ").append(c.summary());
        }
        sb.append('\n');
        if (c.hint() != null && !c.hint().isBlank()) {
            sb.append("      hint: ").append(c.hint()).append('\n');
        }
        if (c.error() != null && !c.error().isBlank() && !c.summary().contains(firstLine(c.error()))) {
            sb.append("      error: ").append(firstLine(c.error())).append('\n');
        }
        List<Witness> shown =
                c.witnesses().stream().limit(Math.max(0, maxWitnesses)).toList();
        if (!shown.isEmpty()) {
            sb.append("      witnesses (")
                    .append(shown.size())
                    .append(" of ")
                    .append(c.witnessCount())
                    .append("):\n");
            for (Witness w : shown) {
                sb.append("        ").append(w).append('\n');
            }
        }
        long more = c.witnessCount() - shown.size();
        if (more > 0) {
            sb.append("        ... ").append(more).append(" more in results.json\n");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
