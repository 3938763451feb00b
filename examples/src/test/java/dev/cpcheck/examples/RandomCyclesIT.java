package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Example 3: several pause/resume cycles drawn from a seed, reproducible by that seed.
 *
 * <p><b>How it works:</b> {@link Scenarios#randomCycles(long, int)} draws, per cycle, how many
 * files are written while paused (0-3), how long the pipe is held (1-3 polling intervals) and how
 * many files follow the resume (1-3). The seed is printed; rerun with
 * {@code -Dcpcheck.seed=<seed>} (and {@code -Dcpcheck.cycles=<n>}) to replay exactly the same
 * schedule, e.g. one that failed in CI.
 *
 * <p><b>Passing means:</b> the same seed gives the same steps (and a different seed others), and
 * across all cycles every file landed exactly once and nothing landed while paused.
 *
 * <p><b>Needs:</b> the embedded stack; about 3 s per cycle.
 */
@CheckpointTest
class RandomCyclesIT {
    static final long SEED = Long.getLong("cpcheck.seed", 42L);
    static final int CYCLES = Integer.getInteger("cpcheck.cycles", 3);

    private static List<String> schedule(Scenario s) {
        return s.steps().stream().map(Step::describe).toList();
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        Scenario first = Scenarios.randomCycles(SEED, CYCLES);
        Scenario again = Scenarios.randomCycles(SEED, CYCLES);
        Scenario other = Scenarios.randomCycles(SEED + 1, CYCLES);

        assertThat(again).isEqualTo(first);
        assertThat(schedule(again)).isEqualTo(schedule(first));
        assertThat(schedule(other)).isNotEqualTo(schedule(first));
        assertThat(first.pauseCount()).isEqualTo(CYCLES);
    }

    @Test
    void everyCycleKeepsTheCheckpoint(CheckpointRunner cpcheck) {
        Scenario scenario = Scenarios.randomCycles(SEED, CYCLES);
        System.out.println("seed " + SEED + ", " + CYCLES + " cycles (rerun with -Dcpcheck.seed=" + SEED + "):");
        schedule(scenario).forEach(step -> System.out.println("  " + step));

        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        assertThat(report.pausedWindows()).hasSize(CYCLES);
        assertThat(report.expectedFiles()).isEqualTo(scenario.expectedFiles());
    }
}
