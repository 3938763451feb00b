package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static dev.cpcheck.junit5.CheckpointAssertions.assertFailsExactly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Example 11: the checker's self-test on the other sources. The default scenario runs on Azure
 * Blob Storage (Azurite, started by the stack for this source only) and on GCS (through its
 * S3-compatible API, on the embedded S3 server), faithful and with each of the emulator's
 * checkpoint fault modes; cpcheck must pass the faithful run and name exactly each fault's anomaly,
 * whatever the source.
 *
 * <p><b>How it works:</b> the scenario names its source ({@code Scenario.Builder.sourceProvider},
 * {@code sourceProvider:} in YAML); the engine writes through that provider and starts the servers
 * it needs. {@code CheckpointRunner.run(scenario, faultMode)} sets the emulator's mode for one run.
 *
 * <p><b>Passing means:</b> PASS without a fault; with each fault, FAIL with exactly the checks of
 * {@link FaultModesIT}, each with a witness of its anomaly; the manifest names the source.
 *
 * <p><b>Needs:</b> the embedded stack, Node.js and npm (Azurite is installed on first use); about
 * 10 s per run.
 */
@CheckpointTest
class SourceFaultModesIT {

    static Stream<Arguments> faults() {
        List<Arguments> all = new java.util.ArrayList<>();
        for (String source : List.of("azure", "gcs")) {
            all.add(Arguments.of(
                    source,
                    EmulatorFault.RESTART_FROM_SCRATCH,
                    Map.of("duplicates", "duplicated", "resume-continuity", "re-ingested")));
            all.add(Arguments.of(source, EmulatorFault.SKIP_PAUSED_FILES, Map.of("completeness", "lost")));
            all.add(Arguments.of(
                    source,
                    EmulatorFault.REPLAY_LAST_BATCH,
                    Map.of("duplicates", "duplicated", "resume-continuity", "re-ingested")));
            all.add(Arguments.of(
                    source, EmulatorFault.INGEST_WHILE_PAUSED, Map.of("paused-window", "ingested-while-paused")));
        }
        return all.stream();
    }

    private static Scenario seedOn(String source) {
        return Scenarios.seed().toBuilder().sourceProvider(source).build();
    }

    @ParameterizedTest(name = "{0}: the faithful pipe passes")
    @ValueSource(strings = {"azure", "gcs"})
    void theFaithfulPipePasses(String source, CheckpointRunner cpcheck) {
        RunReport report = cpcheck.run(seedOn(source));

        assertExactlyOnce(report);
        Path run = Path.of(report.runDirectory());
        assertThat(Manifest.read(run.resolve(RunFolder.MANIFEST)).source()).isEqualTo(source);
    }

    @ParameterizedTest(name = "{0}: {1} is reported as {2}")
    @MethodSource("faults")
    void eachFaultIsReportedAsExactlyItsAnomaly(
            String source, EmulatorFault fault, Map<String, String> expected, CheckpointRunner cpcheck) {
        RunReport report = cpcheck.run(seedOn(source), fault);

        assertFailsExactly(report, expected.keySet().toArray(String[]::new));
        expected.forEach((checkId, anomaly) -> assertThat(
                        report.check(checkId).orElseThrow().witnesses())
                .as(checkId + " witnesses")
                .isNotEmpty()
                .anySatisfy(w -> assertThat(w.anomaly()).isEqualTo(anomaly)));
    }
}
