package dev.cpcheck.engine.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.port.DestinationSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepStateTest {
    private final List<HistoryEvent> events = new ArrayList<>();

    private void add(String type, Map<String, ?> data) {
        events.add(new HistoryEvent(
                events.size() + 1,
                Instant.ofEpochSecond(events.size()),
                0,
                type,
                null,
                new java.util.LinkedHashMap<>(data)));
    }

    private StepState state() {
        return StepState.of(new RunHistory(events));
    }

    @Test
    void followsThePipeThroughPauseConfirmationAndResume() {
        add(EventType.RUN_STARTED, Map.of("runId", "r1", "mode", "local", "options", Map.of("rowsPerFile", 3)));
        add(EventType.STEP_STARTED, Map.of("kind", "create-pipe"));
        add(EventType.RESOURCE_CREATED, Map.of("kind", CreatedResource.PIPE, "id", "p1", "adopted", false));
        assertThat(state().pipeId()).isEqualTo("p1");
        assertThat(state().steps()).isEqualTo(1);
        assertThat(state().options()).containsEntry("rowsPerFile", 3);

        add(EventType.PIPE_COMMAND, Map.of("command", "stop", "pipeId", "p1"));
        assertThat(state().stopOutstanding()).isTrue();
        assertThat(state().pauseConfirmed()).isFalse();
        add(EventType.PAUSE_CONFIRMED, Map.of("pipeId", "p1"));
        assertThat(state().pauseConfirmed()).isTrue();
        add(EventType.PIPE_COMMAND, Map.of("command", "start", "pipeId", "p1"));
        StepState s = state();
        assertThat(s.stopOutstanding()).isFalse();
        assertThat(s.pauseConfirmed()).isFalse();
        assertThat(s.stops()).isEqualTo(1);
        assertThat(s.starts()).isEqualTo(1);

        add(EventType.RESOURCE_CLEANUP, Map.of("kind", CreatedResource.PIPE, "id", "p1", "ok", true));
        assertThat(state().pipeId()).isNull();
        assertThat(state().isOpen(CreatedResource.PIPE, "p1")).isFalse();
    }

    @Test
    void anAdoptedPipeBringsItsDestinationAndIsNeverAResourceToRemove() {
        add(EventType.RUN_STARTED, Map.of("runId", "r1", "options", Map.of()));
        add(
                EventType.RESOURCE_CREATED,
                Map.of("kind", CreatedResource.PIPE, "id", "p9", "adopted", true, "destination", "db1.events"));
        StepState s = state();
        assertThat(s.pipeAdopted()).isTrue();
        assertThat(s.adoptedDestination()).isEqualTo(new DestinationSpec("db1", "events"));
        assertThat(s.openResources()).isEmpty();
    }

    @Test
    void aFailedCleanupLeavesTheResourceOpen() {
        add(EventType.RESOURCE_CREATED, Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", "b/p/", "adopted", false));
        add(EventType.RESOURCE_CLEANUP, Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", "b/p/", "ok", false));
        assertThat(state().isOpen(CreatedResource.SOURCE_PREFIX, "b/p/")).isTrue();
        add(EventType.RESOURCE_CLEANUP, Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", "b/p/", "ok", true));
        assertThat(state().isOpen(CreatedResource.SOURCE_PREFIX, "b/p/")).isFalse();
    }
}
