package dev.cpcheck.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.spi.PipeState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void seedIsTheDefaultScenarioOfTheDesign() {
        Scenario seed = Scenarios.seed();
        assertThat(seed.name()).isEqualTo("seed");
        assertThat(seed.expectedFiles()).isEqualTo(12);
        assertThat(seed.expectedRows()).isEqualTo(36);
        assertThat(seed.format()).isEqualTo(FileFormat.JSON_EACH_ROW);
        assertThat(seed.pauseCount()).isEqualTo(1);
        assertThat(seed.steps())
                .extracting(Step::describe)
                .containsExactly(
                        "write 6 files (phase initial)",
                        "create the pipe and wait for Running",
                        "await 6 files",
                        "pause (stop) the pipe",
                        "await state Stopped",
                        "write 3 files (phase paused)",
                        "hold 3 polling intervals",
                        "resume (start) the pipe",
                        "await state Running",
                        "write 3 files (phase resumed)",
                        "await all files",
                        "validate the destination table");
    }

    @Test
    void randomCyclesAreReproducibleBySeed() {
        Scenario a = Scenarios.randomCycles(42, 5);
        Scenario b = Scenarios.randomCycles(42, 5);
        Scenario c = Scenarios.randomCycles(43, 5);
        assertThat(a).isEqualTo(b);
        assertThat(a.steps()).isEqualTo(b.steps());
        assertThat(a.steps()).isNotEqualTo(c.steps());
        assertThat(a.pauseCount()).isEqualTo(5);
        assertThat(a.steps().get(a.steps().size() - 1)).isInstanceOf(Step.Validate.class);
    }

    @Test
    void randomCyclesRejectsSillyCounts() {
        assertThatThrownBy(() -> Scenarios.randomCycles(1, 0)).hasMessageContaining("between 1 and 100");
    }

    @Test
    void toBuilderRoundTrips() {
        Scenario seed = Scenarios.seed();
        assertThat(seed.toBuilder().build()).isEqualTo(seed);
        Scenario gz = seed.toBuilder().compression(Compression.GZIP).build();
        assertThat(gz.compression()).isEqualTo(Compression.GZIP);
        assertThat(gz.steps()).isEqualTo(seed.steps());
    }

    @Test
    void aBuilderWithoutANameMakesACustomScenario() {
        Scenario s = Scenario.builder()
                .writeFiles("a", 2)
                .createPipe()
                .awaitAllFiles()
                .build();
        assertThat(s.name()).isEqualTo(Scenario.DEFAULT_NAME);
        assertThat(s.expectedFiles()).isEqualTo(2);
        assertThat(s.toBuilder().name("renamed").build().name()).isEqualTo("renamed");
    }

    @Test
    void validateIsAppendedWhenMissing() {
        Scenario s = Scenario.builder("x")
                .writeFiles("a", 1)
                .createPipe()
                .awaitAllFiles()
                .build();
        assertThat(s.steps().get(s.steps().size() - 1)).isInstanceOf(Step.Validate.class);
    }

    @Test
    void badStepOrdersAreRejectedWithHowToFix() {
        assertThatThrownBy(
                        () -> Scenario.builder("x").writeFiles("a", 1).pause().build())
                .hasMessage("step 2 (pause (stop) the pipe): the pipe does not exist yet: add createPipe() before it");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 1)
                        .createPipe()
                        .pause()
                        .build())
                .hasMessage("the scenario ends with the pipe paused: add resume() after the last pause()");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 1)
                        .createPipe()
                        .resume()
                        .build())
                .hasMessageContaining("the pipe is not paused: add pause() before resume()");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 2)
                        .createPipe()
                        .awaitFiles(3)
                        .build())
                .hasMessageContaining("only 2 files are written before this step");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 2)
                        .createPipe()
                        .pause()
                        .awaitFiles(2)
                        .build())
                .hasMessageContaining("the pipe is paused here");
        assertThatThrownBy(() -> Scenario.builder("x").createPipe().build()).hasMessageContaining("writes no files");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 1)
                        .createPipe()
                        .createPipe()
                        .build())
                .hasMessageContaining("exactly one createPipe");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 1)
                        .createPipe()
                        .writeFilesBelowCheckpoint("l", 1)
                        .build())
                .hasMessageContaining("put an awaitFiles(n) step before it");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .writeFiles("a", 1)
                        .createPipe()
                        .validate()
                        .awaitAllFiles()
                        .build())
                .hasMessageContaining("validate must be the last step");
        assertThatThrownBy(() -> Scenario.builder("bad name!")
                        .writeFiles("a", 1)
                        .createPipe()
                        .build())
                .hasMessageContaining("scenario name 'bad name!' is not allowed");
        assertThatThrownBy(() -> Scenario.builder("x").writeFiles("a", 0)).hasMessageContaining("at least 1 file");
        assertThatThrownBy(() -> Scenario.builder("x").hold(Duration.ZERO))
                .hasMessageContaining("hold duration must be positive");
        assertThatThrownBy(() -> Scenario.builder("x")
                        .rowsPerFile(0)
                        .writeFiles("a", 1)
                        .createPipe()
                        .build())
                .hasMessageContaining("rowsPerFile must be at least 1");
    }

    @Test
    void scenarioSerialisesToJsonAndBack() throws Exception {
        Scenario seed = Scenario.builder("json")
                .writeFiles("a", 2, 10)
                .createPipe()
                .step(new Step.AwaitState(PipeState.RUNNING, Duration.ofSeconds(3)))
                .awaitFiles(1, Duration.ofSeconds(9))
                .pause()
                .hold(Duration.ofMillis(1500))
                .resume()
                .writeFiles("b", 1)
                .holdIntervals(2)
                .awaitAllFiles()
                .build();
        String json = Json.mapper().writeValueAsString(seed);
        assertThat(json)
                .contains("\"kind\":\"write-files\"")
                .contains("\"format\":\"JSONEachRow\"")
                .contains("\"guarantee\":\"exactly-once\"");
        assertThat(Json.mapper().readValue(json, Scenario.class)).isEqualTo(seed);
    }

    @Test
    void durationsParseHumanForms() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("like 5s");
        assertThatThrownBy(() -> Durations.parse("5 s")).hasMessageContaining("like 5s");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
