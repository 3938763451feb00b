package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertFailsExactly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Example 8: the checker's self-test. Each of the emulator's checkpoint fault modes breaks the
 * checkpoint in one known way; cpcheck must name exactly that anomaly, with witnesses, and nothing
 * else.
 *
 * <p><b>How it works:</b> the default scenario runs once per fault mode on the shared stack;
 * {@code CheckpointRunner.run(scenario, faultMode)} sets the emulator's mode for that run only.
 *
 * <table>
 *   <caption>Fault modes and what cpcheck must report</caption>
 *   <tr><th>fault mode</th><th>what the pipe does</th><th>failed checks (witness)</th></tr>
 *   <tr><td>restart-from-scratch</td><td>resume re-ingests every file</td>
 *       <td>duplicates (duplicated), resume-continuity (re-ingested)</td></tr>
 *   <tr><td>skip-paused-files</td><td>resume skips the files written while paused</td>
 *       <td>completeness (lost)</td></tr>
 *   <tr><td>replay-last-batch</td><td>resume re-ingests the last batch before the pause</td>
 *       <td>duplicates (duplicated), resume-continuity (re-ingested)</td></tr>
 *   <tr><td>ingest-while-paused</td><td>keeps ingesting after reporting Stopped</td>
 *       <td>paused-window (ingested-while-paused)</td></tr>
 * </table>
 *
 * <p><b>Passing means:</b> for every mode the verdict is FAIL, the failed checks are exactly those
 * above (the others, including this module's key-order check, pass), and each failed check carries
 * a witness of its anomaly class.
 *
 * <p><b>Needs:</b> the embedded stack; about 10 s per mode.
 */
@CheckpointTest
class FaultModesIT {

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(
                        EmulatorFault.RESTART_FROM_SCRATCH,
                        Map.of("duplicates", "duplicated", "resume-continuity", "re-ingested")),
                Arguments.of(EmulatorFault.SKIP_PAUSED_FILES, Map.of("completeness", "lost")),
                Arguments.of(
                        EmulatorFault.REPLAY_LAST_BATCH,
                        Map.of("duplicates", "duplicated", "resume-continuity", "re-ingested")),
                Arguments.of(EmulatorFault.INGEST_WHILE_PAUSED, Map.of("paused-window", "ingested-while-paused")));
    }

    @ParameterizedTest(name = "{0} is reported as {1}")
    @MethodSource("faults")
    void eachFaultIsReportedAsExactlyItsAnomaly(
            EmulatorFault fault, Map<String, String> expected, CheckpointRunner cpcheck) {
        RunReport report = cpcheck.run(Scenarios.seed(), fault);

        assertFailsExactly(report, expected.keySet().toArray(String[]::new));
        expected.forEach((checkId, anomaly) -> assertThat(
                        report.check(checkId).orElseThrow().witnesses())
                .as(checkId + " witnesses")
                .isNotEmpty()
                .anySatisfy(w -> assertThat(w.anomaly()).isEqualTo(anomaly)));
    }
}
