package dev.cpcheck.junit5;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.engine.RunReports;
import dev.cpcheck.junit5.internal.ReportText;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on a {@link RunReport}. A failing assertion's message carries the evidence: every
 * check that did not pass with its status, summary, hint and up to {@value #WITNESSES_SHOWN}
 * witnesses, the guidance and the run folder, so the test output alone says what went wrong.
 *
 * <pre>{@code
 * import static dev.cpcheck.junit5.CheckpointAssertions.*;
 *
 * assertExactlyOnce(cpcheck.run(Scenarios.seed()));
 * assertFails(cpcheck.run(Scenarios.seed(), EmulatorFault.RESTART_FROM_SCRATCH), "duplicates");
 * }</pre>
 *
 * <p>Failures are {@link AssertionFailedError}s with the expected and actual values set, which IDEs
 * show side by side.
 */
public final class CheckpointAssertions {
    /** Witnesses shown per check in a failure message; results.json and report.html have up to 32. */
    public static final int WITNESSES_SHOWN = 5;

    private CheckpointAssertions() {}

    /** The verdict is PASS (warnings allowed). */
    public static void assertPasses(RunReport report) {
        Objects.requireNonNull(report, "report");
        if (report.verdict() != Verdict.PASS) {
            throw failure(
                    "expected the run to pass, but the verdict is " + report.verdict(),
                    report,
                    Verdict.PASS,
                    report.verdict());
        }
    }

    /**
     * Exactly once: the verdict is PASS and each delivery check (duplicates, completeness,
     * unexpected-rows, paused-window, resume-continuity) that ran passed outright, not with a
     * warning. Every file landed once with all its rows, nothing landed while paused and nothing
     * was re-ingested after a resume.
     */
    public static void assertExactlyOnce(RunReport report) {
        Objects.requireNonNull(report, "report");
        List<String> notPassed = RunReports.DELIVERY_CHECKS.stream()
                .map(report::check)
                .flatMap(Optional::stream)
                .filter(c -> c.status() != CheckStatus.PASS)
                .map(c -> c.checkId() + "=" + c.status())
                .toList();
        boolean ranDeliveryChecks = report.check(RunReports.DUPLICATES).isPresent()
                && report.check(RunReports.COMPLETENESS).isPresent();
        if (report.verdict() != Verdict.PASS || !notPassed.isEmpty() || !ranDeliveryChecks) {
            String why = report.verdict() != Verdict.PASS
                    ? "the verdict is " + report.verdict()
                    : !notPassed.isEmpty()
                            ? "not every delivery check passed: " + String.join(", ", notPassed)
                            : "the duplicates and completeness checks did not run";
            throw failure(
                    "expected exactly-once delivery (no duplicates, no loss, nothing ingested while paused)," + " but "
                            + why,
                    report,
                    "exactly once",
                    ReportText.statuses(report));
        }
    }

    /**
     * At least once: judged under {@link DeliveryGuarantee#AT_LEAST_ONCE} the run passes, so
     * duplicates are tolerated (reported as warnings) while loss and ingestion while paused still fail.
     */
    public static void assertAtLeastOnce(RunReport report) {
        Objects.requireNonNull(report, "report");
        RunReport judged = RunReports.rejudge(report, DeliveryGuarantee.AT_LEAST_ONCE);
        if (judged.verdict() != Verdict.PASS) {
            throw failure(
                    "expected at-least-once delivery (duplicates tolerated, no loss, nothing ingested while"
                            + " paused), but judged at-least-once the verdict is " + judged.verdict(),
                    judged,
                    Verdict.PASS,
                    judged.verdict());
        }
    }

    /**
     * The verdict is FAIL and each of the named checks failed (other checks may fail too).
     *
     * @param checkIds e.g. {@code "duplicates"}; none means only the verdict is asserted
     */
    public static void assertFails(RunReport report, String... checkIds) {
        Objects.requireNonNull(report, "report");
        if (report.verdict() != Verdict.FAIL) {
            throw failure(
                    "expected the run to fail" + (checkIds.length == 0 ? "" : " on " + String.join(", ", checkIds))
                            + ", but the verdict is " + report.verdict(),
                    report,
                    Verdict.FAIL,
                    report.verdict());
        }
        for (String id : checkIds) {
            assertCheckStatus(report, id, CheckStatus.FAIL);
        }
    }

    /**
     * The verdict is FAIL and exactly the named checks failed: cpcheck names this anomaly and no
     * other.
     */
    public static void assertFailsExactly(RunReport report, String... checkIds) {
        Objects.requireNonNull(report, "report");
        Set<String> expected = new TreeSet<>(Arrays.asList(checkIds));
        Set<String> actual = new TreeSet<>(report.checksWithStatus(CheckStatus.FAIL).stream()
                .map(CheckResult::checkId)
                .toList());
        if (report.verdict() != Verdict.FAIL || !expected.equals(actual)) {
            throw failure(
                    "expected the run to fail on exactly " + expected + ", but the verdict is " + report.verdict()
                            + " and the failed checks are " + actual,
                    report,
                    expected,
                    actual);
        }
    }

    /** The named check ran and failed. */
    public static void assertCheckFailed(RunReport report, String checkId) {
        assertCheckStatus(report, checkId, CheckStatus.FAIL);
    }

    /** The named check ran and passed. */
    public static void assertCheckPassed(RunReport report, String checkId) {
        assertCheckStatus(report, checkId, CheckStatus.PASS);
    }

    /** The named check ran and ended with {@code expected}. */
    public static void assertCheckStatus(RunReport report, String checkId, CheckStatus expected) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(expected, "expected");
        Optional<CheckResult> check = report.check(checkId);
        if (check.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>(
                    report.checks().stream().map(CheckResult::checkId).toList());
            throw failure(
                    "expected check " + checkId + " to be " + expected + ", but it did not run (checks: "
                            + String.join(", ", ids) + ")",
                    report,
                    expected,
                    "not run");
        }
        if (check.get().status() != expected) {
            throw failure(
                    "expected check " + checkId + " to be " + expected + ", but it is "
                            + check.get().status()
                            + (check.get().summary().isBlank()
                                    ? ""
                                    : ": " + check.get().summary()),
                    report,
                    expected,
                    check.get().status());
        }
    }

    private static AssertionFailedError failure(String headline, RunReport report, Object expected, Object actual) {
        return new AssertionFailedError(
                "cpcheck: " + headline + "\n" + ReportText.evidence(report, WITNESSES_SHOWN),
                String.valueOf(expected),
                String.valueOf(actual));
    }
}
