package dev.cpcheck.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioNamesTest {

    @Test
    void builtInNames() {
        assertThat(ScenarioNames.resolve("seed")).isEqualTo(Scenarios.seed());
        assertThat(ScenarioNames.resolve("random-cycles-7-x3")).isEqualTo(Scenarios.randomCycles(7, 3));
        assertThat(ScenarioNames.resolve("random-cycles--5-x1")).isEqualTo(Scenarios.randomCycles(-5, 1));
        assertThat(ScenarioNames.resolve("scale-300x5")).isEqualTo(Scenarios.scale(300, 5));
    }

    @Test
    void scaleScenarioPausesMidStreamWithATenthWrittenWhilePaused() {
        Scenario s = ScenarioNames.resolve("scale-1000x7");
        assertThat(s.name()).isEqualTo("scale-1000x7");
        assertThat(s.expectedFiles()).isEqualTo(1000);
        assertThat(s.expectedRows()).isEqualTo(7000);
        assertThat(s.pauseCount()).isEqualTo(1);
        assertThat(s.steps())
                .filteredOn(Step.WriteFiles.class::isInstance)
                .map(w -> ((Step.WriteFiles) w).phase() + ":" + ((Step.WriteFiles) w).count())
                .containsExactly("initial:400", "paused:100", "resumed:500");
        // the pause comes while the first 400 files are still being ingested: only 200 are awaited
        assertThat(s.steps())
                .filteredOn(Step.AwaitFiles.class::isInstance)
                .map(a -> ((Step.AwaitFiles) a).files())
                .containsExactly(200, null);
    }

    @Test
    void scaleScenarioBounds() {
        assertThatThrownBy(() -> ScenarioNames.resolve("scale-100001x1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("files must be at most 100,000");
        assertThatThrownBy(() -> ScenarioNames.resolve("scale-2x10"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("files must be at least 3");
        assertThatThrownBy(() -> ScenarioNames.resolve("scale-10x999999999999"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("10 GB");
        assertThat(ScenarioNames.resolve("scale-100000x100").expectedRows()).isEqualTo(10_000_000L);
    }

    @Test
    void yamlFromAPathOrTheClassPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two-files.yaml");
        Files.writeString(file, """
                steps:
                  - write: {phase: initial, files: 2}
                  - createPipe
                  - awaitAll
                """);
        Scenario fromFile = ScenarioNames.resolve(file.toString());
        assertThat(fromFile.name()).isEqualTo("two-files");
        assertThat(fromFile.expectedFiles()).isEqualTo(2);

        Scenario fromClassPath = ScenarioNames.resolve("scenarios/short-pause.yaml");
        assertThat(fromClassPath.name()).isEqualTo("short-pause");
        assertThat(fromClassPath.pauseCount()).isEqualTo(1);
    }

    @Test
    void unknownNamesSayWhatIsAvailable() {
        assertThatThrownBy(() -> ScenarioNames.resolve("sed"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown scenario 'sed'; use seed, random-cycles-<seed>-x<count>")
                .hasMessageContaining("scale-<files>x<rows>");
        assertThatThrownBy(() -> ScenarioNames.resolve("random-cycles-1-x101"))
                .hasMessageContaining("cycles must be between 1 and 100");
        assertThatThrownBy(() -> ScenarioNames.resolve("missing.yaml"))
                .hasMessageContaining("scenario file missing.yaml is neither a file")
                .hasMessageContaining("nor a class path resource");
    }
}
