package dev.cpcheck.validation.internal.evidence;

import static dev.cpcheck.validation.testing.SampleReports.completeness;
import static dev.cpcheck.validation.testing.SampleReports.duplicates;
import static dev.cpcheck.validation.testing.SampleReports.pausedWindow;
import static dev.cpcheck.validation.testing.SampleReports.resumeContinuity;
import static dev.cpcheck.validation.testing.SampleReports.timeline;
import static dev.cpcheck.validation.testing.SampleReports.unexpected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.validation.testing.SampleReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuidanceTest {
    private static final DeliveryGuarantee EO = DeliveryGuarantee.EXACTLY_ONCE;

    @Test
    void aCleanRunIsSafeToPauseWithItsEvidence() {
        List<String> g = Guidance.of(SampleReports.clean(), RunStatus.COMPLETED, EO);
        assertThat(g)
                .containsExactly(Guidance.SAFE + " Evidence: 12 of 12 files and 36 of 36 rows ingested exactly"
                        + " once, nothing ingested during 1 paused window, no file re-ingested after 1 resume.");
        assertThat(g.get(0))
                .contains("Safe to pause and resume this ClickPipe")
                .contains("no deduplication logic needed")
                .contains("checkpoint is reliable");
    }

    @Test
    void duplicatesNameDeduplicationAndExamples() {
        List<String> g = Guidance.of(
                List.of(duplicates(2, 6), completeness(0, 0), resumeContinuity(0), timeline()),
                RunStatus.COMPLETED,
                EO);
        assertThat(g).hasSize(1);
        assertThat(g.get(0))
                .startsWith("Duplicates: implement deduplication, e.g. ReplacingMergeTree keyed on file and row")
                .contains("2 files ingested more than once (6 surplus rows, e.g. f000001.json, f000002.json)")
                .contains("6 row keys seen more than once");
    }

    @Test
    void lossTellsToReingestTheFilesNamed() {
        List<String> g = Guidance.of(List.of(duplicates(0, 0), completeness(2, 0)), RunStatus.COMPLETED, EO);
        assertThat(g)
                .containsExactly(
                        "Loss: files or rows were skipped: re-ingest them. Evidence: 2 files lost (6 rows, e.g."
                                + " f000007.json, f000008.json).");
    }

    @Test
    void everyAnomalyGetsItsLineAndNothingIsCalledSafe() {
        List<String> g = Guidance.of(
                List.of(duplicates(1, 3), completeness(1, 0), unexpected(5), pausedWindow(3), resumeContinuity(1)),
                RunStatus.COMPLETED,
                EO);
        assertThat(g).hasSize(4);
        assertThat(g)
                .anySatisfy(x -> assertThat(x).startsWith("Duplicates").contains("1 file re-ingested after a resume"));
        assertThat(g).anySatisfy(x -> assertThat(x).startsWith("Loss"));
        assertThat(g)
                .anySatisfy(
                        x -> assertThat(x).startsWith("Ingestion while paused").contains("f000007.json"));
        assertThat(g)
                .anySatisfy(x -> assertThat(x).startsWith("Unexpected rows").contains("stray.json"));
        assertThat(g).noneSatisfy(x -> assertThat(x).contains("Safe"));
    }

    @Test
    void undecidedOrUnfinishedRunsAreNeverCalledSafe() {
        List<String> g = Guidance.of(List.of(duplicates(0, 0), completeness(0, 1)), RunStatus.COMPLETED, EO);
        assertThat(g)
                .containsExactly("Not decided: completeness (11/12 files). Re-run (with a longer await timeout if"
                        + " files were still arriving) before telling the customer anything.");
        assertThat(Guidance.of(SampleReports.clean(), RunStatus.TIMED_OUT, EO))
                .first()
                .asString()
                .startsWith("No verdict: the run did not complete (timed_out)");
        assertThat(Guidance.of(List.of(), RunStatus.COMPLETED, EO)).isEmpty();
    }

    @Test
    void aRunWithoutAPauseSaysNothingAboutPauses() {
        CheckResult noPause = CheckResult.builder("paused-window")
                .status(CheckStatus.PASS)
                .metric("windows", 0L)
                .build();
        CheckResult noResume = CheckResult.builder("resume-continuity")
                .status(CheckStatus.PASS)
                .metric("resumes", 0L)
                .build();
        List<String> g =
                Guidance.of(List.of(duplicates(0, 0), completeness(0, 0), noPause, noResume), RunStatus.COMPLETED, EO);
        assertThat(g).singleElement().asString().startsWith("No anomaly").contains("never paused and resumed");
    }

    @Test
    void warningsBecomeNotes() {
        CheckResult warn = CheckResult.builder("completeness")
                .status(CheckStatus.WARN)
                .metric("expected_files", 12L)
                .metric("ingested_files", 12L)
                .metric("expected_rows", 36L)
                .metric("ingested_rows", 36L)
                .summary("12/12 files; 1 file below the checkpoint ingested anyway")
                .build();
        List<String> g = Guidance.of(
                List.of(duplicates(0, 0), warn, pausedWindow(0), resumeContinuity(0)), RunStatus.COMPLETED, EO);
        assertThat(g).hasSize(2);
        assertThat(g.get(0)).startsWith(Guidance.SAFE);
        assertThat(g.get(1))
                .isEqualTo("Note (completeness): 12/12 files; 1 file below the checkpoint ingested anyway.");
    }
}
