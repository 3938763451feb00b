package dev.cpcheck.validation.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PauseScheduleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final List<HistoryEvent> events = new ArrayList<>();

    private void at(long seconds, String type, Map<String, Object> data) {
        events.add(new HistoryEvent(events.size() + 1, T0.plusSeconds(seconds), 0, type, null, data));
    }

    @Test
    void windowsAreInServerTimeAndShrunkByToleranceAndUncertainty() {
        // server clock 250 ms ahead, known to ± 40 ms
        at(0, EventType.CLOCK_OFFSET, Map.of("label", "start", "offsetMs", 250.0, "uncertaintyMs", 40.0));
        at(30, EventType.PIPE_COMMAND, Map.of("command", "stop"));
        at(32, EventType.PAUSE_CONFIRMED, Map.of("state", "Stopped"));
        at(60, EventType.PIPE_COMMAND, Map.of("command", "start"));
        at(80, EventType.PIPE_COMMAND, Map.of("command", "stop"));
        at(90, EventType.PIPE_COMMAND, Map.of("command", "start")); // never confirmed: a resume, no window
        PauseSchedule s = PauseSchedule.of(new RunHistory(events), Duration.ofSeconds(1));

        assertThat(s.windows()).hasSize(1);
        PauseSchedule.Window w = s.windows().get(0);
        assertThat(w.serverStart()).isEqualTo(T0.plusMillis(32_250));
        assertThat(w.serverEnd()).isEqualTo(T0.plusMillis(60_250));
        assertThat(w.tolerance()).isEqualTo(Duration.ofMillis(1040));
        assertThat(w.judgedFrom()).isEqualTo(T0.plusMillis(33_290));
        assertThat(w.judgedTo()).isEqualTo(T0.plusMillis(59_210));
        assertThat(w.judgeable()).isTrue();

        assertThat(s.resumes()).hasSize(2);
        PauseSchedule.Resume r1 = s.resumes().get(0);
        assertThat(r1.stopSent()).isEqualTo(T0.plusMillis(30_250));
        assertThat(r1.pausedFrom()).as("confirmed: from Stopped seen").isEqualTo(T0.plusMillis(32_250));
        assertThat(r1.resumeSent()).isEqualTo(T0.plusMillis(60_250));
        assertThat(r1.nextStop()).isEqualTo(T0.plusMillis(80_250));
        PauseSchedule.Resume r2 = s.resumes().get(1);
        assertThat(r2.pausedFrom()).as("unconfirmed: from the stop").isEqualTo(r2.stopSent());
        assertThat(r2.nextStop()).isNull();
        assertThat(PauseSchedule.hasUnconfirmedStop(new RunHistory(events))).isTrue();
    }

    @Test
    void aWindowShorterThanTwiceTheToleranceCannotBeJudged() {
        at(30, EventType.PIPE_COMMAND, Map.of("command", "stop"));
        at(31, EventType.PAUSE_CONFIRMED, Map.of("state", "Stopped"));
        at(32, EventType.PIPE_COMMAND, Map.of("command", "start"));
        PauseSchedule s = PauseSchedule.of(new RunHistory(events), Duration.ofSeconds(1));
        assertThat(s.windows().get(0).judgeable()).isFalse();
    }

    @Test
    void noPauseNoSchedule() {
        at(0, EventType.RUN_STARTED, Map.of("runId", "r"));
        PauseSchedule s = PauseSchedule.of(new RunHistory(events), Duration.ofSeconds(1));
        assertThat(s.windows()).isEmpty();
        assertThat(s.resumes()).isEmpty();
        assertThat(PauseSchedule.hasUnconfirmedStop(new RunHistory(events))).isFalse();
    }
}
