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

    private static final java.time.Instant T0 = dev.cpcheck.validation.testing.SampleReports.T0;

    private static dev.cpcheck.core.history.RunHistory history(dev.cpcheck.core.history.HistoryEvent... polls) {
        List<dev.cpcheck.core.history.HistoryEvent> events = new java.util.ArrayList<>(List.of(
                event(T0, "run-started", java.util.Map.of("runId", "r")),
                event(T0.plusSeconds(30), "pipe-command", java.util.Map.of("command", "stop")),
                event(T0.plusSeconds(31), "pause-confirmed", java.util.Map.of("state", "Stopped")),
                event(T0.plusSeconds(60), "pipe-command", java.util.Map.of("command", "start"))));
        events.addAll(List.of(polls));
        events.sort((a, b) -> a.time().compareTo(b.time()));
        return new dev.cpcheck.core.history.RunHistory(events);
    }

    private static dev.cpcheck.core.history.HistoryEvent event(
            java.time.Instant t, String type, java.util.Map<String, Object> data) {
        return new dev.cpcheck.core.history.HistoryEvent(0, t, 0, type, null, data);
    }

    private static dev.cpcheck.core.history.HistoryEvent poll(long seconds, long files, long rows, String last) {
        return event(
                T0.plusSeconds(seconds),
                "count-poll",
                java.util.Map.of("files", files, "rows", rows, "lastFile", last));
    }

    private static dev.cpcheck.core.manifest.Manifest manifest(boolean digests) {
        List<dev.cpcheck.core.manifest.ManifestFile> files = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            dev.cpcheck.core.manifest.ManifestFile f = new dev.cpcheck.core.manifest.ManifestFile(
                    "p/" + String.format("f%06d.json", i),
                    null,
                    i,
                    "initial",
                    3,
                    10,
                    null,
                    null,
                    T0,
                    T0,
                    dev.cpcheck.core.manifest.UploadOutcome.OK,
                    null,
                    null);
            files.add(digests ? f.withContent(i, 1L, 8) : f);
        }
        return new dev.cpcheck.core.manifest.Manifest("r", "s3", "b", "p/", "JSONEachRow", "none", T0, files);
    }

    @Test
    void countsPolledWhilePausedThatGrewFailThePausedWindowOffline() {
        RunReport stored = report(
                dev.cpcheck.validation.testing.SampleReports.clean(),
                RunStatus.COMPLETED,
                DeliveryGuarantee.EXACTLY_ONCE,
                List.of());
        RunReport judged = ValidationEngine.rejudge(
                stored,
                history(
                        poll(40, 6, 18, "f000006.json"),
                        poll(45, 7, 21, "f000007.json"),
                        poll(50, 7, 21, "f000007.json")),
                manifest(false),
                DeliveryGuarantee.EXACTLY_ONCE);
        CheckResult p = judged.check("paused-window").orElseThrow();
        assertThat(p.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(p.summary()).contains("window 1: polled counts grew by 3 rows");
        assertThat(p.metricLong("polled_growth_rows")).isEqualTo(3);
        assertThat(p.witnesses()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo("f000007.json");
            assertThat(w.detail()).contains("from 18 to 21 rows").endsWith("inside paused window 1");
        });
        assertThat(judged.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aFileReportedMissingThatAPollSawLandIsLostOffline() {
        CheckResult missing = CheckResult.builder("completeness")
                .status(CheckStatus.UNKNOWN)
                .metric("missing_files", 1L)
                .metric("lost_files", 0L)
                .summary("11/12 files")
                .witness(dev.cpcheck.core.result.Witness.ofFile("missing", "f000012.json", 12L, "not ingested yet"))
                .build();
        RunReport stored = report(
                List.of(duplicates(0, 0), missing, unexpected(0), pausedWindow(0), resumeContinuity(0), timeline()),
                RunStatus.COMPLETED,
                DeliveryGuarantee.EXACTLY_ONCE,
                List.of());
        assertThat(stored.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        RunReport judged = ValidationEngine.rejudge(
                stored, history(poll(85, 12, 36, "f000012.json")), manifest(false), DeliveryGuarantee.EXACTLY_ONCE);
        CheckResult c = judged.check("completeness").orElseThrow();
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("lost_files")).isEqualTo(1);
        assertThat(c.metricLong("missing_files")).isZero();
        assertThat(c.witnesses()).singleElement().satisfies(w -> {
            assertThat(w.anomaly()).isEqualTo("lost");
            assertThat(w.detail()).contains("saw it land");
        });
        assertThat(judged.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void resultsThatNeverComparedContentsAreNotAPassWhenTheManifestRecordsThem() {
        RunReport stored = report(
                dev.cpcheck.validation.testing.SampleReports.clean(),
                RunStatus.COMPLETED,
                DeliveryGuarantee.EXACTLY_ONCE,
                List.of());
        RunReport withDigests =
                ValidationEngine.rejudge(stored, history(), manifest(true), DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(withDigests.checks())
                .extracting(CheckResult::checkId)
                .containsExactly(
                        "duplicates",
                        "completeness",
                        "unexpected-rows",
                        "row-content",
                        "paused-window",
                        "resume-continuity",
                        "timeline");
        assertThat(withDigests.check("row-content").orElseThrow().status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(withDigests.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // a manifest of an earlier version records no content: nothing to add
        RunReport old = ValidationEngine.rejudge(stored, history(), manifest(false), DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(old.checks()).hasSize(6);
        assertThat(old.verdict()).isEqualTo(Verdict.PASS);
    }
}
