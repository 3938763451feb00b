package dev.cpcheck.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStateTest {
    private final List<HistoryEvent> events = new ArrayList<>();

    private void add(String type, Map<String, ?> data) {
        events.add(new HistoryEvent(
                events.size() + 1, Instant.ofEpochSecond(events.size()), 0, type, null, new LinkedHashMap<>(data)));
    }

    private RunState state() {
        return RunState.of(new RunHistory(events));
    }

    @Test
    void followsThePipeThroughPauseConfirmationAndResume() {
        add(EventType.RUN_STARTED, Map.of("runId", "r1", "mode", "local", "options", Map.of("rowsPerFile", 3)));
        add(EventType.STEP_STARTED, Map.of("kind", "create-pipe"));
        add(EventType.RESOURCE_CREATED, Map.of("kind", CreatedResource.PIPE, "id", "p1", "adopted", false));
        assertThat(state().pipeId()).contains("p1");
        assertThat(state().steps()).isEqualTo(1);
        assertThat(state().options()).containsEntry("rowsPerFile", 3);
        assertThat(state().mode()).contains("local");

        add(EventType.PIPE_COMMAND, Map.of("command", "stop", "pipeId", "p1"));
        assertThat(state().stopOutstanding()).isTrue();
        assertThat(state().pauseConfirmed()).isFalse();
        add(EventType.PAUSE_CONFIRMED, Map.of("pipeId", "p1"));
        assertThat(state().pauseConfirmed()).isTrue();
        add(EventType.PIPE_COMMAND, Map.of("command", "start", "pipeId", "p1"));
        RunState s = state();
        assertThat(s.stopOutstanding()).isFalse();
        assertThat(s.pauseConfirmed()).isFalse();
        assertThat(s.stops()).isEqualTo(1);
        assertThat(s.starts()).isEqualTo(1);

        add(EventType.RESOURCE_CLEANUP, Map.of("kind", CreatedResource.PIPE, "id", "p1", "ok", true));
        assertThat(state().pipeId()).isEmpty();
        assertThat(state().isOpen(CreatedResource.PIPE, "p1")).isFalse();
        assertThat(state().createdByRun(CreatedResource.PIPE, "p1")).isTrue();
    }

    @Test
    void anAdoptedPipeBringsItsDestinationAndIsNeverAResourceToRemove() {
        add(EventType.RUN_STARTED, Map.of("runId", "r1", "options", Map.of()));
        add(
                EventType.RESOURCE_CREATED,
                Map.of("kind", CreatedResource.PIPE, "id", "p9", "adopted", true, "destination", "db1.events"));
        add(EventType.RESOURCE_CREATED, Map.of("kind", CreatedResource.TABLE, "id", "db1.events", "adopted", true));
        RunState s = state();
        assertThat(s.pipeAdopted()).isTrue();
        assertThat(s.pipeDestination()).contains("db1.events");
        assertThat(s.openResources()).isEmpty();
        assertThat(s.adoptedOnly(CreatedResource.TABLE, "db1.events")).isTrue();
        assertThat(s.createdByRun(CreatedResource.TABLE, "db1.events")).isFalse();
    }

    @Test
    void aFailedCleanupLeavesTheResourceOpen() {
        add(EventType.RESOURCE_CREATED, Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", "b/p/", "adopted", false));
        add(EventType.RESOURCE_CLEANUP, Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", "b/p/", "ok", false));
        assertThat(state().isOpen(CreatedResource.SOURCE_PREFIX, "b/p/")).isTrue();
        add(EventType.RESOURCE_CLEANUP, Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", "b/p/", "ok", true));
        assertThat(state().isOpen(CreatedResource.SOURCE_PREFIX, "b/p/")).isFalse();
    }

    @Test
    void anIntentWithoutACreationIsWhatACutOffRunMayHaveLeft() {
        add(EventType.RUN_STARTED, Map.of("runId", "r1"));
        add(EventType.RESOURCE_INTENT, Map.of("kind", CreatedResource.TABLE, "name", "default.cpcheck_r1"));
        add(EventType.RESOURCE_CREATED, Map.of("kind", CreatedResource.TABLE, "id", "default.cpcheck_r1"));
        add(EventType.RESOURCE_INTENT, Map.of("kind", CreatedResource.PIPE, "name", "cpcheck-r1"));
        RunState s = state();
        assertThat(s.intents())
                .containsExactly(
                        new ResourceIntent(CreatedResource.TABLE, "default.cpcheck_r1"),
                        new ResourceIntent(CreatedResource.PIPE, "cpcheck-r1"));
        assertThat(s.unconfirmedIntents()).containsExactly(new ResourceIntent(CreatedResource.PIPE, "cpcheck-r1"));
        assertThat(new RunHistory(events).intendedResources()).hasSize(2);
    }

    @Test
    void aScenarioRunsOwnTableComesFromItsConfigSummary() {
        add(EventType.RUN_STARTED, Map.of("runId", "r1", "config", Map.of("destination", "default.cpcheck_r1")));
        assertThat(state().destination()).contains("default.cpcheck_r1");
        assertThat(state().kind()).isEmpty();
    }
}
