package dev.cpcheck.validation;

import static dev.cpcheck.validation.testing.CraftedRun.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.testing.CraftedRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Renders the reports of a validated run with several anomalies and checks they hold what a
 * reader needs. The files stay in {@code target/sample-reports/} to be looked at.
 */
class ReportsIT {

    @Test
    void reportsOfARunThatRestartedAndIngestedWhilePaused() throws Exception {
        CraftedRun run = CraftedRun.seed("report").landCleanExcept(7).land(7, T0.plusSeconds(45));
        for (long id = 1; id <= 6; id++) {
            run.land(id, T0.plusSeconds(61).plusMillis(300 * id));
        }
        run.update(10, 2, "payload", "'edited'");
        ValidationResult result = run.validate(DeliveryGuarantee.EXACTLY_ONCE);
        RunReport report = run.report(result, DeliveryGuarantee.EXACTLY_ONCE);
        Path dir = Path.of("target", "sample-reports", "restart");
        Reports.writeAll(report, run.history(), dir);

        String html = Files.readString(dir.resolve(Reports.REPORT_HTML));
        assertThat(html)
                .contains("<svg")
                .contains("class=\"paused\"")
                .contains("class=\"bar paused\"")
                .contains("class=\"bar post-resume\"")
                .contains("f000007.json")
                .contains("re-ingested")
                // rows of files written while paused, and where they landed
                .contains("written while paused")
                .contains("written while paused, landed while paused")
                .contains("written while paused, landed after the resume")
                // the altered row: expected against found
                .contains("<th>expected</th><th>found</th>")
                .contains("row 2 holds other values than were written")
                .doesNotContain("<script", "<link", "src=\"http", "href=\"http", "url(");
        Document junit = parse(Files.readString(dir.resolve(Reports.JUNIT_XML)));
        assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(7);
        assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(4);
        assertThat(RunReport.read(dir.resolve(Reports.RESULTS_JSON)).verdict()).isEqualTo(report.verdict());
        String console = Reports.console(report);
        assertThat(console).contains("❌ FAIL").contains("resume-continuity").contains("re-ingested f000001.json");
        assertThat(Reports.console(report, ConsoleStyle.ASCII)).contains("[FAIL] paused-window");

        CraftedRun clean = CraftedRun.seed("report_clean").landClean();
        RunReport ok = clean.report(clean.validate(DeliveryGuarantee.EXACTLY_ONCE), DeliveryGuarantee.EXACTLY_ONCE);
        Reports.writeAll(ok, clean.history(), Path.of("target", "sample-reports", "clean"));
        assertThat(Reports.console(ok)).contains("✅ PASS");
        run.drop();
        clean.drop();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
