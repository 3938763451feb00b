package dev.cpcheck.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every size and count has a bound, reached in the builder and in YAML, with the limit and why. */
class LimitsTest {

    @Test
    void aFileOverClickPipesTenGigabytesIsRefusedWithTheLimitAndWhy() {
        assertThatThrownBy(() -> Scenario.builder("big")
                        .rowsPerFile(2_147_483_648L)
                        .writeFiles("a", 2)
                        .createPipe()
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rowsPerFile must be at most 61,008,058")
                .hasMessageContaining("ClickPipes does not ingest files over 10 GB");
        // the same bound for a single write step's own size
        assertThatThrownBy(() -> Scenario.builder("big")
                        .writeFiles("a", 2, Long.MAX_VALUE)
                        .createPipe()
                        .build())
                .hasMessageContaining("step 1 (write 2 files (phase a)): rowsPerFile must be at most");
        // just under the bound is fine
        Scenario ok = Scenario.builder("ok")
                .rowsPerFile(Limits.maxRowsPerFile(16))
                .writeFiles("a", 1)
                .createPipe()
                .build();
        assertThat(Limits.estimatedFileBytes(ok.rowsPerFile(), 16)).isLessThanOrEqualTo(Limits.MAX_FILE_BYTES);
    }

    @Test
    void countsAndTotalsAreBounded() {
        assertThatThrownBy(() -> Scenario.builder("many").writeFiles("a", 100_001))
                .hasMessageContaining("files must be at most 100,000");
        assertThatThrownBy(() -> Scenario.builder("many")
                        .writeFiles("a", 60_000)
                        .writeFiles("b", 60_000)
                        .createPipe()
                        .build())
                .hasMessageContaining("the run would hold 120,000 files");
        assertThatThrownBy(() -> Scenario.builder("heavy")
                        .writeFiles("a", 20, 60_000_000L)
                        .createPipe()
                        .build())
                .hasMessageContaining("more than 100.0 GB");
        assertThatThrownBy(() -> Scenario.builder("fat")
                        .payloadBytes(2 << 20)
                        .writeFiles("a", 1)
                        .createPipe()
                        .build())
                .hasMessageContaining("payloadBytes must be between 0 and 1,048,576");
        assertThatThrownBy(() -> Scenarios.randomCycles(1, 101))
                .hasMessageContaining("cycles must be between 1 and 100");
        assertThatThrownBy(() -> Scenario.builder("slow").hold(Duration.ofDays(2)))
                .hasMessageContaining("hold duration must be at most 24h");
    }

    @Test
    void yamlNamesTheFieldAndGivesTheSameReasons() {
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "rowsPerFile: 9223372036854775807\nsteps:\n  - writeFiles: {phase: a, files: 2}\n  - createPipe\n",
                        "big.yaml",
                        "big"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("big.yaml: rowsPerFile must be at most")
                .hasMessageContaining("10 GB");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "steps:\n  - writeFiles: {phase: a, files: 2000000}\n  - createPipe\n", "many.yaml", "many"))
                .hasMessageStartingWith("many.yaml: steps[0].writeFiles.files must be at most 100,000");
        assertThatThrownBy(() -> ScenarioFile.parse("cycles: {seed: 1, count: 500}\n", "c.yaml", "c"))
                .hasMessageStartingWith("c.yaml: cycles.count must be between 1 and 100");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "steps:\n  - writeFiles: {phase: a, files: 2}\n  - createPipe\n  - hold: 48h\n", "h.yaml", "h"))
                .hasMessageStartingWith("h.yaml: steps[2].hold must be at most 24h");
    }
}
