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
                .hasMessageContaining("unknown scenario 'sed'; use seed, random-cycles-<seed>-x<count>");
        assertThatThrownBy(() -> ScenarioNames.resolve("random-cycles-1-x101"))
                .hasMessageContaining("cycles must be between 1 and 100");
        assertThatThrownBy(() -> ScenarioNames.resolve("missing.yaml"))
                .hasMessageContaining("scenario file missing.yaml is neither a file")
                .hasMessageContaining("nor a class path resource");
    }
}
