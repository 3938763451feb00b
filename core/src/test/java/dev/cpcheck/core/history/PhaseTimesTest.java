package dev.cpcheck.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final List<HistoryEvent> events = new ArrayList<>();

    private void at(long ms, String type, Integer step, Map<String, Object> data) {
        events.add(new HistoryEvent(events.size() + 1, T0.plusMillis(ms), ms * 1_000_000, type, step, data));
    }

    private void step(int index, String kind, long fromMs, long toMs, boolean failed) {
        at(fromMs, EventType.STEP_STARTED, index, Map.of("kind", kind));
        at(toMs, failed ? EventType.STEP_FAILED : EventType.STEP_FINISHED, index, Map.of("kind", kind));
    }

    @Test
    void stepsAreSummedByPhaseAndCleanupRunsFromTheLastStepToTheEnd() {
        at(0, EventType.RUN_STARTED, null, Map.of());
        step(0, "write-files", 10, 1_010, false);
        step(1, "create-pipe", 1_010, 3_000, false);
        step(2, "await-files", 3_000, 8_000, false);
        step(3, "pause", 8_000, 9_000, false);
        step(4, "write-files", 9_000, 9_500, false);
        step(5, "hold", 9_500, 20_000, false);
        step(6, "await-files", 20_000, 27_000, false);
        step(7, "validate", 27_000, 27_800, false);
        at(28_000, EventType.RESOURCE_CLEANUP, null, Map.of());
        at(28_300, EventType.RUN_FINISHED, null, Map.of());

        assertThat(PhaseTimes.of(new RunHistory(events))).isEqualTo(new PhaseTimes(1_500, 12_000, 800, 500));
    }

    @Test
    void aFailedWaitCountsAndARunWithoutEndHasNoCleanupTime() {
        at(0, EventType.RUN_STARTED, null, Map.of());
        step(0, "write-files", 0, 200, false);
        step(1, "await-files", 200, 5_200, true);
        at(6_000, EventType.COUNT_POLL, null, Map.of());

        assertThat(PhaseTimes.of(new RunHistory(events))).isEqualTo(new PhaseTimes(200, 5_000, 0, 0));
        assertThat(PhaseTimes.of(new RunHistory(List.of()))).isEqualTo(PhaseTimes.NONE);
    }
}
