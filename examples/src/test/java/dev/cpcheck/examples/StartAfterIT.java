package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Example 12: a pipe whose initial load starts after a given key ({@code startAfter}: "skip all
 * files up to and including this object key during the initial load", ClickPipes API spec), across
 * a pause.
 *
 * <p><b>How it works:</b> four files are written, then the pipe is created with {@code startAfter}
 * set to the key of file 2 ({@code createPipe: {startAfterFile: 2}} in YAML). The manifest marks
 * files 1 and 2 {@code skip-start-after}; the run pauses, writes while paused, resumes and writes
 * more. On S3 and Azure Blob Storage alike.
 *
 * <p><b>Passing means:</b> PASS, files 3 to 8 ingested exactly once, files 1 and 2 not ingested and
 * reported as skipped by the initial load (not as loss), and the pipe's resume did not load them
 * either.
 *
 * <p><b>Needs:</b> the embedded stack (and Node.js for Azure); about 10 s per source.
 */
@CheckpointTest
class StartAfterIT {

    @ParameterizedTest(name = "startAfter on {0}")
    @ValueSource(strings = {"s3", "azure"})
    void filesUpToStartAfterAreSkippedAcrossAPause(String source, CheckpointRunner cpcheck) {
        Scenario scenario = Scenario.builder("start-after")
                .sourceProvider(source)
                .writeFiles("before-start", 4)
                .createPipeStartingAfter(2)
                .awaitFiles(2)
                .pause()
                .writeFiles("paused", 2)
                .holdIntervals(3)
                .resume()
                .writeFiles("resumed", 2)
                .awaitAllFiles()
                .build();
        assertThat(scenario.expectedFiles()).isEqualTo(6);

        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        assertThat(report.expectedFiles()).isEqualTo(6);
        assertThat(report.check("completeness").orElseThrow().summary())
                .contains("2 files at or below startAfter skipped by the initial load, as documented");
        Manifest manifest = Manifest.read(Path.of(report.runDirectory()).resolve(RunFolder.MANIFEST));
        assertThat(manifest.files())
                .filteredOn(f -> f.expectation() == Expectation.SKIP_START_AFTER)
                .extracting(ManifestFile::fileId)
                .containsExactly(1L, 2L);
    }
}
