package dev.cpcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.Cpcheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Example 9: a custom scenario run from plain Java, without the JUnit extension, through the one
 * entry point the CLI uses ({@link Cpcheck}): two pauses, files written during each.
 *
 * <p><b>How it works:</b> {@code Scenario.builder} lists the steps; {@code Cpcheck.local()}
 * starts the embedded stack ({@code Cpcheck.cloud(config)} targets ClickHouse Cloud instead);
 * {@code run} writes the run folder and returns the report.
 *
 * <p><b>Passing means:</b> verdict PASS: 10 files exactly once, nothing landed in either paused
 * window.
 *
 * <p><b>Needs:</b> the embedded stack (started and stopped by the example); about 12 s.
 */
class ProgrammaticRunIT {
    @TempDir
    Path runs;

    @Test
    void aCustomScenarioFromPlainJava() {
        // tag::programmatic[]
        Scenario scenario = Scenario.builder("pause-twice")
                .writeFiles("initial", 4)
                .createPipe()
                .awaitFiles(4)
                .pause()
                .writeFiles("paused", 2)
                .holdIntervals(3)
                .resume()
                .awaitFiles(6)
                .pause()
                .writeFiles("paused-again", 2)
                .holdIntervals(3)
                .resume()
                .writeFiles("resumed", 2)
                .awaitAllFiles()
                .build();
        RunReport report;
        try (CheckpointEngine engine = Cpcheck.local().runsDirectory(runs).build()) {
            report = engine.run(scenario);
        }
        System.out.println(report.verdict() + ", run folder " + report.runDirectory());
        // end::programmatic[]
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.PASS);
        assertThat(report.pausedWindows()).hasSize(2);
        assertThat(report.observed()).containsEntry("files", 10L);
    }
}
