package dev.cpcheck.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class CheckpointAssertionsTest {

    private static CheckResult pass(String id) {
        return CheckResult.builder(id)
                .status(CheckStatus.PASS)
                .summary(id + " fine")
                .build();
    }

    private static CheckResult duplicates(int witnesses) {
        CheckResult.Builder b = CheckResult.builder("duplicates")
                .status(CheckStatus.FAIL)
                .summary(witnesses + " files ingested more than once")
                .hint("Deduplicate on (file_id, row_id), e.g. with ReplacingMergeTree.");
        for (int i = 1; i <= witnesses; i++) {
            b.witness(Witness.ofFile("duplicated", String.format("f%08d.json", i), (long) i, "6 rows, 3 written"));
        }
        return b.build();
    }

    private static RunReport report(Verdict verdict, DeliveryGuarantee guarantee, List<CheckResult> checks) {
        Instant t = Instant.parse("2026-11-30T08:00:00Z");
        return new RunReport(
                "20261130-080000-abc123",
                "seed",
                "12 files",
                guarantee,
                t,
                t.plusSeconds(9),
                RunStatus.COMPLETED,
                null,
                verdict,
                checks,
                List.of("Tell the customer: pausing re-ingests files."),
                12,
                36,
                Map.of("files", 12L),
                List.of(),
                0.0,
                1.0,
                "target/cpcheck-runs/20261130-080000-abc123-seed",
                "pipe-1",
                Map.of());
    }

    private static List<CheckResult> allPass() {
        return List.of(
                pass("duplicates"),
                pass("completeness"),
                pass("unexpected-rows"),
                pass("paused-window"),
                pass("resume-continuity"),
                pass("timeline"));
    }

    private static List<CheckResult> duplicated(int witnesses) {
        List<CheckResult> checks = new ArrayList<>(allPass());
        checks.set(0, duplicates(witnesses));
        checks.set(
                4,
                CheckResult.builder("resume-continuity")
                        .status(CheckStatus.FAIL)
                        .summary("after resume 6 files ingested before the pause landed again")
                        .build());
        return checks;
    }

    @Test
    void aPassingReportPassesEveryPositiveAssertion() {
        RunReport ok = report(Verdict.PASS, DeliveryGuarantee.EXACTLY_ONCE, allPass());
        assertThatCode(() -> {
                    CheckpointAssertions.assertPasses(ok);
                    CheckpointAssertions.assertExactlyOnce(ok);
                    CheckpointAssertions.assertAtLeastOnce(ok);
                    CheckpointAssertions.assertCheckPassed(ok, "paused-window");
                })
                .doesNotThrowAnyException();
    }

    @Test
    void failureMessageNamesTheFailedCheckItsHintWitnessesAndRunFolder() {
        RunReport bad = report(Verdict.FAIL, DeliveryGuarantee.EXACTLY_ONCE, duplicated(12));

        assertThatThrownBy(() -> CheckpointAssertions.assertPasses(bad))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected the run to pass, but the verdict is FAIL")
                .hasMessageContaining("- duplicates: FAIL: 12 files ingested more than once")
                .hasMessageContaining("hint: Deduplicate on (file_id, row_id)")
                .hasMessageContaining("witnesses (5 of 12)")
                .hasMessageContaining("duplicated f00000001.json: 6 rows, 3 written")
                .hasMessageContaining("duplicated f00000005.json")
                .hasMessageNotContaining("f00000006.json")
                .hasMessageContaining("... 7 more in results.json")
                .hasMessageContaining("- resume-continuity: FAIL")
                .hasMessageContaining("passed: completeness, unexpected-rows, paused-window, timeline")
                .hasMessageContaining("guidance: Tell the customer")
                .hasMessageContaining("run folder: ")
                .hasMessageContaining("20261130-080000-abc123-seed");
    }

    @Test
    void failureCarriesExpectedAndActualForIdeDiffs() {
        RunReport bad = report(Verdict.FAIL, DeliveryGuarantee.EXACTLY_ONCE, duplicated(1));
        AssertionFailedError e = org.junit.jupiter.api.Assertions.assertThrows(
                AssertionFailedError.class, () -> CheckpointAssertions.assertPasses(bad));
        assertThat(e.getExpected().getStringRepresentation()).isEqualTo("PASS");
        assertThat(e.getActual().getStringRepresentation()).isEqualTo("FAIL");
    }

    @Test
    void assertFailsAcceptsTheNamedFailedChecks() {
        RunReport bad = report(Verdict.FAIL, DeliveryGuarantee.EXACTLY_ONCE, duplicated(2));
        assertThatCode(() -> {
                    CheckpointAssertions.assertFails(bad, "duplicates");
                    CheckpointAssertions.assertFails(bad, "duplicates", "resume-continuity");
                    CheckpointAssertions.assertCheckFailed(bad, "duplicates");
                    CheckpointAssertions.assertFailsExactly(bad, "duplicates", "resume-continuity");
                })
                .doesNotThrowAnyException();
    }

    @Test
    void assertFailsRejectsACheckThatPassedAndSaysSo() {
        RunReport bad = report(Verdict.FAIL, DeliveryGuarantee.EXACTLY_ONCE, duplicated(2));
        assertThatThrownBy(() -> CheckpointAssertions.assertFails(bad, "completeness"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected check completeness to be FAIL, but it is PASS: completeness fine")
                .hasMessageContaining("- duplicates: FAIL");
        assertThatThrownBy(() -> CheckpointAssertions.assertFailsExactly(bad, "duplicates"))
                .hasMessageContaining("expected the run to fail on exactly [duplicates], but the verdict is FAIL"
                        + " and the failed checks are [duplicates, resume-continuity]");
        assertThatThrownBy(() -> CheckpointAssertions.assertCheckFailed(bad, "no-such-check"))
                .hasMessageContaining(
                        "expected check no-such-check to be FAIL, but it did not run (checks: duplicates,");
    }

    @Test
    void assertFailsRejectsAPassingRun() {
        RunReport ok = report(Verdict.PASS, DeliveryGuarantee.EXACTLY_ONCE, allPass());
        assertThatThrownBy(() -> CheckpointAssertions.assertFails(ok, "duplicates"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected the run to fail on duplicates, but the verdict is PASS");
    }

    @Test
    void duplicatesAreToleratedAtLeastOnceButNotExactlyOnce() {
        RunReport bad = report(Verdict.FAIL, DeliveryGuarantee.EXACTLY_ONCE, duplicated(3));
        assertThatCode(() -> CheckpointAssertions.assertAtLeastOnce(bad)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CheckpointAssertions.assertExactlyOnce(bad))
                .hasMessageContaining("expected exactly-once delivery")
                .hasMessageContaining("duplicates: FAIL");

        // judged at-least-once, the same duplicates are a warning: the verdict passes, exactly-once does not
        List<CheckResult> warned = new ArrayList<>(allPass());
        warned.set(0, duplicates(3).withStatus(CheckStatus.WARN));
        RunReport lenient = report(Verdict.PASS, DeliveryGuarantee.AT_LEAST_ONCE, warned);
        assertThatCode(() -> CheckpointAssertions.assertPasses(lenient)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CheckpointAssertions.assertExactlyOnce(lenient))
                .hasMessageContaining("not every delivery check passed: duplicates=WARN")
                .hasMessageContaining("- duplicates: WARN");
    }

    @Test
    void lossFailsAtLeastOnce() {
        List<CheckResult> checks = new ArrayList<>(allPass());
        checks.set(
                1,
                CheckResult.builder("completeness")
                        .status(CheckStatus.FAIL)
                        .summary("3 files lost")
                        .witness(Witness.ofFile("lost", "f00000007.json", 7L, "never ingested; f00000010.json was"))
                        .build());
        RunReport lost = report(Verdict.FAIL, DeliveryGuarantee.EXACTLY_ONCE, checks);
        assertThatThrownBy(() -> CheckpointAssertions.assertAtLeastOnce(lost))
                .hasMessageContaining("judged at-least-once the verdict is FAIL")
                .hasMessageContaining("lost f00000007.json: never ingested");
    }

    @Test
    void aReportWithoutChecksIsNotExactlyOnce() {
        RunReport empty = report(Verdict.INCONCLUSIVE, DeliveryGuarantee.EXACTLY_ONCE, List.of());
        assertThatThrownBy(() -> CheckpointAssertions.assertExactlyOnce(empty))
                .hasMessageContaining("the verdict is INCONCLUSIVE")
                .hasMessageContaining("no check ran");
    }
}
