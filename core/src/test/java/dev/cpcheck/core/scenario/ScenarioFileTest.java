package dev.cpcheck.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.result.DeliveryGuarantee;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {
    @TempDir
    Path dir;

    @Test
    void theSeedScenarioWrittenAsYamlEqualsTheBuiltIn() {
        String yaml = """
                name: seed
                description: "12 files x 3 rows: 6 before the pipe, pause, 3 while paused, resume, 3 after"
                format: JSONEachRow
                rowsPerFile: 3
                steps:
                  - write: {phase: initial, files: 6}
                  - createPipe
                  - awaitFiles: 6
                  - pause
                  - write: {phase: paused, files: 3}
                  - hold: {intervals: 3}
                  - resume
                  - write: {phase: resumed, files: 3}
                  - awaitAll
                  - validate
                """;
        assertThat(ScenarioFile.parse(yaml, "seed.yaml", "seed")).isEqualTo(Scenarios.seed());
    }

    @Test
    void readsFileSettingsAndCycles() throws Exception {
        Path f = dir.resolve("cycles.yaml");
        Files.writeString(f, "cycles: {seed: 7, count: 3}\nguarantee: at-least-once\ncompression: gzip\n");
        Scenario s = ScenarioFile.read(f);
        assertThat(s.name()).isEqualTo("cycles");
        assertThat(s.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(s.compression()).isEqualTo(Compression.GZIP);
        assertThat(s.steps()).isEqualTo(Scenarios.randomCycles(7, 3).steps());
    }

    @Test
    void errorsNameTheFileAndTheField() {
        assertError(
                "steps:\n  - write: {phase: a, files: -1}\n  - createPipe\n",
                "x.yaml: steps[0].write.files must be at least 1, got -1");
        assertError(
                "steps:\n  - write: {phase: a, files: 2}\n  - createPipe\n  - hold: soon\n",
                "x.yaml: steps[2].hold: expected a duration like 5s, 500ms or 2m, got 'soon'");
        assertError("steps:\n  - jump\n", "x.yaml: steps[0]: unknown step 'jump'; known steps:");
        assertError(
                "format: XML\nsteps:\n  - write: {phase: a, files: 1}\n  - createPipe\n",
                "x.yaml: format: unknown format 'XML'; use one of: JSONEachRow, CSVWithNames, TabSeparatedWithNames, Parquet");
        assertError("guarantee: maybe-once\nsteps: [createPipe]\n", "x.yaml: guarantee: unknown delivery guarantee");
        assertError("stepz: []\n", "x.yaml: stepz: unknown field");
        assertError("name: x\n", "x.yaml: steps: missing");
        assertError(
                "steps:\n  - write: {phase: a, files: 1, colour: red}\n",
                "x.yaml: steps[0].write.colour: unknown field");
        assertError(
                "steps:\n  - write: {phase: a, files: 1}\n  - pause\n",
                "x.yaml: step 2 (pause (stop) the pipe): the pipe does not exist yet");
        assertError("steps: [\n", "x.yaml: not valid YAML");
        assertError("steps:\n  - write: {files: 1}\n", "x.yaml: steps[0].write.phase: missing");
        assertError(
                "rowsPerFile: many\nsteps: [createPipe]\n", "x.yaml: rowsPerFile: expected a whole number, got 'many'");
    }

    @Test
    void missingFileIsAConfigError() {
        assertThatThrownBy(() -> ScenarioFile.read(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void theBuilderNamesAreTheYamlNamesAndTheShortNamesStillWork() {
        String canonical = """
                steps:
                  - writeFiles: {phase: initial, files: 2}
                  - createPipe
                  - awaitFiles: 2
                  - writeFilesBelowCheckpoint: {phase: late, files: 1}
                  - pauseWithoutWaiting
                  - awaitState: Stopped
                  - resumeWithoutWaiting
                  - awaitAllFiles
                """;
        String shortNames = canonical
                .replace("writeFiles:", "write:")
                .replace("writeFilesBelowCheckpoint:", "writeBelowCheckpoint:")
                .replace("awaitAllFiles", "awaitAll");
        Scenario a = ScenarioFile.parse(canonical, "a.yaml", "x");
        Scenario b = ScenarioFile.parse(shortNames, "b.yaml", "x");
        assertThat(a).isEqualTo(b);
        assertThat(a.steps())
                .extracting(Step::stepKind)
                .containsExactly(
                        StepKind.WRITE_FILES,
                        StepKind.CREATE_PIPE,
                        StepKind.AWAIT_FILES,
                        StepKind.WRITE_FILES,
                        StepKind.PAUSE,
                        StepKind.AWAIT_STATE,
                        StepKind.RESUME,
                        StepKind.AWAIT_FILES,
                        StepKind.VALIDATE);
        // the history names each kind in kebab case
        assertThat(a.steps().get(0).kind()).isEqualTo("write-files");
    }

    @Test
    void unknownStepsListTheVocabularyAndStepCommandsAreNotScenarioSteps() {
        assertThatThrownBy(() -> ScenarioFile.parse("steps:\n  - jump\n", "x.yaml", "x"))
                .hasMessageContaining("known steps: writeFiles, createPipe, adoptPipe, awaitFiles, pause, awaitState,"
                        + " hold, resume, revokeSourceCredentials, restoreSourceCredentials, alterTable, serviceIdle,"
                        + " validate, writeFilesBelowCheckpoint, awaitAllFiles");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "steps:\n  - writeFiles: {phase: a, files: 1}\n  - createTable\n", "x.yaml", "x"))
                .hasMessageContaining("unknown step 'createTable'");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 1)
                        .createPipe()
                        .step(new Step.DeletePipe())
                        .build())
                .hasMessageContaining("deletePipe is a step command");
    }

    private static void assertError(String yaml, String expectedStart) {
        assertThatThrownBy(() -> ScenarioFile.parse(yaml, "x.yaml", "x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expectedStart);
    }

    @Test
    void aBinaryFileIsNamedAsNotText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path notUtf8 = dir.resolve("photo.yaml");
        java.nio.file.Files.write(notUtf8, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioFile.read(notUtf8))
                .isInstanceOf(dev.cpcheck.core.config.ConfigException.class)
                .hasMessage("scenario file " + notUtf8
                        + " is not a text file (it is not UTF-8): give a YAML file like the README's example");
        java.nio.file.Path nul = dir.resolve("archive.yaml");
        java.nio.file.Files.write(nul, new byte[] {'P', 'K', 3, 4, 0, 0});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioFile.read(nul))
                .hasMessageContaining("is not a text file");
    }
}
