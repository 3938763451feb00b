package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertCheckPassed;
import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Example 5: a new file whose key sorts below the checkpoint. ClickPipes documents that its
 * continuous mode reads keys in lexicographic order and ignores a key lower than the last one it
 * ingested; cpcheck must report that as the documented behaviour, not as loss.
 *
 * <p><b>How it works:</b> 4 files, the pipe ingests them, then 2 files are written with keys that
 * sort below every earlier key ({@code writeFilesBelowCheckpoint}: {@code e0000000N} before
 * {@code f0000000N}); the manifest marks them {@link Expectation#IGNORE_BELOW_CHECKPOINT}. Two
 * ordinary files follow so the pipe polls past the low keys.
 *
 * <p><b>Passing means:</b> the verdict is PASS, the 2 low-key files are not in the destination, and
 * the {@code completeness} check says they were ignored as documented (had the pipe ingested them
 * anyway, the check would warn).
 *
 * <p><b>Needs:</b> the embedded stack; about 6 s.
 */
@CheckpointTest
class BelowCheckpointIT {

    @Test
    void aKeyBelowTheCheckpointIsIgnoredAndReportedAsSuch(CheckpointRunner cpcheck) {
        Scenario scenario = Scenario.builder("below-checkpoint")
                .writeFiles("initial", 4)
                .createPipe()
                .awaitFiles(4)
                .writeFilesBelowCheckpoint("late-low-key", 2)
                .writeFiles("after", 2)
                .awaitAllFiles()
                .build();

        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        assertCheckPassed(report, "completeness");
        CheckResult completeness = report.check("completeness").orElseThrow();
        System.out.println("completeness: " + completeness.summary());
        assertThat(completeness.summary()).contains("2 files below the checkpoint ignored, as documented");
        assertThat(completeness.metricLong("below_checkpoint_files")).isEqualTo(2);
        assertThat(completeness.metricLong("below_checkpoint_ingested")).isZero();
        assertThat(report.expectedFiles()).isEqualTo(6);
        assertThat(report.observed()).containsEntry("files", 6L);

        Manifest manifest = Manifest.read(Path.of(report.runDirectory()).resolve(RunFolder.MANIFEST));
        List<ManifestFile> ignored = manifest.files().stream()
                .filter(f -> f.expectation() == Expectation.IGNORE_BELOW_CHECKPOINT)
                .toList();
        assertThat(ignored).hasSize(2).allSatisfy(f -> assertThat(f.fileName()).startsWith("e"));
    }
}
