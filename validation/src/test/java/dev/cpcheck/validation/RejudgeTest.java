package dev.cpcheck.validation;

import static dev.cpcheck.validation.testing.SampleReports.completeness;
import static dev.cpcheck.validation.testing.SampleReports.duplicates;
import static dev.cpcheck.validation.testing.SampleReports.pausedWindow;
import static dev.cpcheck.validation.testing.SampleReports.report;
import static dev.cpcheck.validation.testing.SampleReports.resumeContinuity;
import static dev.cpcheck.validation.testing.SampleReports.timeline;
import static dev.cpcheck.validation.testing.SampleReports.unexpected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cpcheck analyze}: a stored run judged again under another guarantee, offline. */
class RejudgeTest {

    @Test
    void duplicationBecomesAWarningUnderAtLeastOnceAndBackAgain(@TempDir Path dir) {
        List<CheckResult> checks = List.of(
                duplicates(6, 18), completeness(0, 0), unexpected(0), pausedWindow(0), resumeContinuity(6), timeline());
        RunReport live = report(checks, RunStatus.COMPLETED, DeliveryGuarantee.EXACTLY_ONCE, List.of());
        live.write(dir.resolve("results.json"));
        RunReport stored = RunReport.read(dir.resolve("results.json"));
        assertThat(stored.verdict()).isEqualTo(Verdict.FAIL);

        RunReport alo = ValidationEngine.rejudge(stored, DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(alo.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(alo.check("duplicates").orElseThrow().status()).isEqualTo(CheckStatus.WARN);
        assertThat(alo.check("resume-continuity").orElseThrow().status()).isEqualTo(CheckStatus.WARN);
        assertThat(alo.verdict()).isEqualTo(Verdict.PASS);
        assertThat(alo.exitCode().code()).isZero();
        assertThat(alo.guidance()).first().asString().startsWith("Duplicates occur (allowed under at-least-once");
        // the evidence is untouched
        assertThat(alo.check("duplicates").orElseThrow().witnesses())
                .isEqualTo(stored.check("duplicates").orElseThrow().witnesses());

        RunReport eo = ValidationEngine.rejudge(alo, DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(eo.checks())
                .extracting(CheckResult::status)
                .isEqualTo(stored.checks().stream().map(CheckResult::status).toList());
        assertThat(eo.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void lossAndPausedIngestionFailUnderBothGuarantees() {
        RunReport live = report(
                List.of(
                        duplicates(0, 0),
                        completeness(1, 0),
                        unexpected(0),
                        pausedWindow(3),
                        resumeContinuity(0),
                        timeline()),
                RunStatus.COMPLETED,
                DeliveryGuarantee.EXACTLY_ONCE,
                List.of());
        RunReport alo = ValidationEngine.rejudge(live, DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(alo.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(alo.checksWithStatus(CheckStatus.FAIL))
                .extracting(CheckResult::checkId)
                .containsExactly("completeness", "paused-window");
    }

    @Test
    void undecidedChecksAndUnfinishedRunsStayInconclusive() {
        CheckResult broken = CheckResult.unknown("duplicates", new IllegalStateException("boom"));
        RunReport live = report(
                List.of(broken, completeness(0, 1), timeline()),
                RunStatus.COMPLETED,
                DeliveryGuarantee.EXACTLY_ONCE,
                List.of());
        RunReport alo = ValidationEngine.rejudge(live, DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(alo.check("duplicates").orElseThrow().status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(alo.verdict()).isEqualTo(Verdict.INCONCLUSIVE);

        RunReport timedOut = report(
                dev.cpcheck.validation.testing.SampleReports.clean(),
                RunStatus.TIMED_OUT,
                DeliveryGuarantee.EXACTLY_ONCE,
                List.of());
        RunReport again = ValidationEngine.rejudge(timedOut, DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(again.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(again.guidance()).first().asString().startsWith("No verdict: the run did not complete (timed_out)");
    }
}
