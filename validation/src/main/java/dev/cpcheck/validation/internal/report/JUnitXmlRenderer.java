package dev.cpcheck.validation.internal.report;

import static dev.cpcheck.validation.internal.report.Markup.esc;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Witness;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML (the Ant/Surefire dialect CI systems read): one test suite per run, one test case per
 * check. FAIL is a {@code <failure>} with the witnesses, UNKNOWN an {@code <error>}, WARN and PASS
 * pass (WARN with its summary in {@code <system-out>}). A run that did not complete adds a test
 * case {@code run} with an {@code <error>}, so CI never reads an unfinished run as green.
 */
public final class JUnitXmlRenderer {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JUnitXmlRenderer() {}

    public static String render(RunReport r) {
        String suite = "cpcheck." + (r.scenario() == null ? "run" : r.scenario());
        boolean runCase = r.status() != RunStatus.COMPLETED || r.checks().isEmpty();
        long tests = r.checks().size() + (runCase ? 1 : 0);
        long failures =
                r.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).count();
        long errors = r.checks().stream()
                        .filter(c -> c.status() == CheckStatus.UNKNOWN)
                        .count()
                + (runCase ? 1 : 0);
        String time = seconds(r.duration().toMillis());
        Instant started = r.startedAt() == null ? Instant.EPOCH : r.startedAt().truncatedTo(ChronoUnit.SECONDS);

        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"cpcheck\" tests=\"")
                .append(tests)
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"")
                .append(errors)
                .append("\" skipped=\"0\" time=\"")
                .append(time)
                .append("\">\n");
        x.append("  <testsuite name=\"")
                .append(esc(suite))
                .append("\" tests=\"")
                .append(tests)
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"")
                .append(errors)
                .append("\" skipped=\"0\" time=\"")
                .append(time)
                .append("\" timestamp=\"")
                .append(TIMESTAMP.format(started))
                .append("\">\n");
        x.append("    <properties>\n");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("runId", r.runId());
        props.put("scenario", r.scenario());
        props.put("guarantee", r.guarantee() == null ? null : r.guarantee().id());
        props.put("verdict", r.verdict());
        props.put("exitCode", r.exitCode().code());
        props.put("runStatus", r.status());
        props.put("statusReason", r.statusReason());
        props.put("pipeId", r.pipeId());
        props.put("expectedFiles", r.expectedFiles());
        props.put("expectedRows", r.expectedRows());
        r.observed().forEach((k, v) -> props.put("observed." + k, v));
        props.forEach((k, v) -> {
            if (v != null) {
                x.append("      <property name=\"")
                        .append(esc(k))
                        .append("\" value=\"")
                        .append(esc(v))
                        .append("\"/>\n");
            }
        });
        x.append("    </properties>\n");

        if (runCase) {
            x.append("    <testcase name=\"run\" classname=\"")
                    .append(esc(suite))
                    .append("\" time=\"")
                    .append(time)
                    .append("\">\n");
            String msg = r.checks().isEmpty() ? "no check ran" : "the run did not complete";
            x.append("      <error type=\"")
                    .append(esc(r.status()))
                    .append("\" message=\"")
                    .append(esc(msg))
                    .append("\">")
                    .append(esc(r.statusReason() == null ? r.status().name() : r.statusReason()))
                    .append("</error>\n");
            x.append("    </testcase>\n");
        }
        for (CheckResult c : r.checks()) {
            x.append("    <testcase name=\"")
                    .append(esc(c.checkId()))
                    .append("\" classname=\"")
                    .append(esc(suite))
                    .append("\" time=\"0\">\n");
            switch (c.status()) {
                case FAIL ->
                    x.append("      <failure type=\"")
                            .append(esc(anomalies(c)))
                            .append("\" message=\"")
                            .append(esc(c.summary()))
                            .append("\">")
                            .append(esc(body(c)))
                            .append("</failure>\n");
                case UNKNOWN ->
                    x.append("      <error type=\"UNKNOWN\" message=\"")
                            .append(esc(c.summary()))
                            .append("\">")
                            .append(esc(body(c)))
                            .append("</error>\n");
                default -> {}
            }
            x.append("      <system-out>")
                    .append(esc(c.status() + ": " + c.summary() + "\n" + metrics(c)))
                    .append("</system-out>\n");
            x.append("    </testcase>\n");
        }
        if (!r.guidance().isEmpty()) {
            x.append("    <system-out>")
                    .append(esc("Guidance:\n- " + String.join("\n- ", r.guidance())))
                    .append("</system-out>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private static String body(CheckResult c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.summary()).append('\n');
        if (c.error() != null) {
            sb.append("error: ").append(c.error()).append('\n');
        }
        if (!c.witnesses().isEmpty()) {
            sb.append("witnesses (")
                    .append(c.witnesses().size())
                    .append(" of ")
                    .append(c.witnessCount())
                    .append("):\n");
            for (Witness w : c.witnesses()) {
                sb.append("  ").append(w).append('\n');
            }
        }
        if (c.hint() != null) {
            sb.append("hint: ").append(c.hint()).append('\n');
        }
        return sb.toString();
    }

    private static String metrics(CheckResult c) {
        StringBuilder sb = new StringBuilder();
        c.metrics().forEach((k, v) -> {
            if (!(v instanceof List) && !(v instanceof Map)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }

    private static String anomalies(CheckResult c) {
        List<String> names =
                c.witnesses().stream().map(Witness::anomaly).distinct().toList();
        return names.isEmpty() ? c.checkId() : String.join(",", names);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
