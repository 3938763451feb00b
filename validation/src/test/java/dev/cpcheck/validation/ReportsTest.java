package dev.cpcheck.validation;

import static dev.cpcheck.validation.testing.SampleReports.completeness;
import static dev.cpcheck.validation.testing.SampleReports.duplicates;
import static dev.cpcheck.validation.testing.SampleReports.pausedWindow;
import static dev.cpcheck.validation.testing.SampleReports.report;
import static dev.cpcheck.validation.testing.SampleReports.resumeContinuity;
import static dev.cpcheck.validation.testing.SampleReports.timeline;
import static dev.cpcheck.validation.testing.SampleReports.unexpected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.PhaseTimes;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.validation.internal.evidence.Guidance;
import dev.cpcheck.validation.testing.SampleReports;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportsTest {
    private static final DeliveryGuarantee EO = DeliveryGuarantee.EXACTLY_ONCE;

    private static RunReport failing() {
        List<CheckResult> checks = List.of(
                duplicates(2, 6),
                completeness(1, 0),
                unexpected(0),
                pausedWindow(3),
                resumeContinuity(0),
                timeline(),
                CheckResult.unknown("custom", new IllegalStateException("boom")));
        return report(checks, RunStatus.COMPLETED, EO, Guidance.of(checks, RunStatus.COMPLETED, EO));
    }

    @Test
    void consoleSummaryWithCountsWitnessesAndGuidance() {
        String out = Reports.console(failing());
        assertThat(out)
                .contains("❌ FAIL  failed: duplicates, completeness, paused-window")
                .contains("12/12 files · 36/36 rows")
                .contains("1 paused window (29.0 s)")
                .contains("clock offset +0.4 ms ± 2.0 ms")
                .contains("❌ duplicates")
                .contains("duplicated f000001.json: 6 rows, 3 written")
                .contains("❔ custom")
                .contains("error: IllegalStateException: boom")
                .contains("✅ unexpected-rows")
                .contains("Guidance")
                .contains("• Duplicates: implement deduplication");
        String ok = Reports.console(report(
                SampleReports.clean(),
                RunStatus.COMPLETED,
                EO,
                Guidance.of(SampleReports.clean(), RunStatus.COMPLETED, EO)));
        assertThat(ok)
                .contains("✅ PASS  exactly once: no duplicates, no loss, quiet while paused")
                .contains("• " + Guidance.SAFE);
    }

    @Test
    void consoleAndHtmlShowWhereTheRunsTimeWent() {
        RunReport r = failing();
        assertThat(Reports.console(r)).doesNotContain("time:"); // a report written before phases were recorded
        RunReport timed = new RunReport(
                r.runId(),
                r.scenario(),
                r.description(),
                r.guarantee(),
                r.startedAt(),
                r.finishedAt(),
                r.status(),
                r.statusReason(),
                r.verdict(),
                r.checks(),
                r.guidance(),
                r.expectedFiles(),
                r.expectedRows(),
                r.observed(),
                r.pausedWindows(),
                r.clockOffsetMs(),
                r.clockUncertaintyMs(),
                r.runDirectory(),
                r.pipeId(),
                r.cleanup(),
                new PhaseTimes(1_250, 64_000, 830, 95));
        assertThat(Reports.console(timed))
                .contains("   time: upload 1.3 s · ingestion 1 min 4 s · validation 830 ms · cleanup 95 ms\n");
        assertThat(Reports.console(timed, ConsoleStyle.ASCII))
                .contains("   time: upload 1.3 s | ingestion 1 min 4 s | validation 830 ms | cleanup 95 ms\n");
        assertThat(Reports.html(timed, null))
                .contains(
                        "<tr><th>Time</th><td>upload 1.3 s · ingestion 1 min 4 s · validation 830 ms · cleanup 95 ms");
    }

    @Test
    void asciiConsoleHasNoCharacterBeyondAscii() {
        String out = Reports.console(failing(), ConsoleStyle.ASCII);
        assertThat(out.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(out)
                .contains("[FAIL] FAIL")
                .contains("[FAIL] duplicates")
                .contains("[PASS] unexpected-rows")
                .contains("[????] custom")
                .contains("+/- 2.0 ms");
        assertThat(ConsoleStyle.forCharset(StandardCharsets.UTF_8)).isEqualTo(ConsoleStyle.UNICODE);
        assertThat(ConsoleStyle.forCharset(StandardCharsets.US_ASCII)).isEqualTo(ConsoleStyle.ASCII);
    }

    @Test
    void junitXmlHasATestCasePerCheckWithFailuresAndErrors() throws Exception {
        Document doc = parse(Reports.junitXml(failing()));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("cpcheck.seed");
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(7);
        Element firstFailure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(firstFailure.getAttribute("type")).isEqualTo("duplicated");
        assertThat(firstFailure.getTextContent()).contains("witnesses (2 of 2)").contains("duplicated f000001.json");
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("custom");
        assertThat(doc.getElementsByTagName("property").getLength()).isGreaterThan(5);
    }

    @Test
    void anUnfinishedRunIsAnErrorForCi() throws Exception {
        RunReport r = report(SampleReports.clean(), RunStatus.TIMED_OUT, EO, List.of());
        Document doc = parse(Reports.junitXml(r));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(7);
        Element run = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(run.getAttribute("name")).isEqualTo("run");
        assertThat(run.getElementsByTagName("error").item(0).getTextContent()).contains("timed out");

        RunReport none = report(List.of(), RunStatus.INFRASTRUCTURE_ERROR, EO, List.of());
        assertThat(parse(Reports.junitXml(none)).getElementsByTagName("error").getLength())
                .isEqualTo(1);
    }

    @Test
    void hostileTextStaysValidXmlAndInertHtml() throws Exception {
        CheckResult nasty = CheckResult.builder("custom")
                .status(CheckStatus.FAIL)
                .summary("<script>alert('x')</script> & \u0001 control")
                .witness(Witness.ofFile("unexpected", "a<b>&\"c\".json", 1L, "]]> <!-- \u0000"))
                .build();
        RunReport r = report(List.of(nasty), RunStatus.COMPLETED, EO, List.of("<b>bold</b>"));
        parse(Reports.junitXml(r));
        String html = Reports.html(r, null);
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;")
                .contains("a&lt;b&gt;&amp;&quot;c&quot;.json")
                .doesNotContain("<b>bold</b>");
    }

    @Test
    void htmlIsSelfContainedWithAChartOfTheTimeline(@TempDir Path dir) throws Exception {
        RunReport r = failing();
        Reports.writeAll(r, null, dir);
        String html = Files.readString(dir.resolve(Reports.REPORT_HTML));
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<style>")
                .contains("<svg")
                .contains("class=\"bar pre-pause\"")
                .contains("class=\"bar paused\"")
                .contains("class=\"bar post-resume\"")
                .contains("class=\"paused\"")
                .contains("paused 1 · 29.0 s")
                .contains("id=\"check-duplicates\"")
                .contains("2 of 2 witnesses")
                .doesNotContain("<script", "<link", "src=\"http", "href=\"http", "url(");
        assertThat(RunReport.read(dir.resolve(Reports.RESULTS_JSON)).verdict()).isEqualTo(r.verdict());
        parse(Files.readString(dir.resolve(Reports.JUNIT_XML)));
        String withoutTimeline =
                Reports.html(report(List.of(duplicates(0, 0)), RunStatus.COMPLETED, EO, List.of()), null);
        assertThat(withoutTimeline).contains("No timeline");
        assertThat(html).doesNotContain("merged parts");
        CheckResult coarse =
                SampleReports.timelineBuilder().metric("coarse_rows", 7L).build();
        assertThat(Reports.html(report(List.of(coarse), RunStatus.COMPLETED, EO, List.of()), null))
                .contains("7 rows are in merged parts whose landing is known only between their sources&#39; times");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
