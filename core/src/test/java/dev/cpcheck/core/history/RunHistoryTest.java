package dev.cpcheck.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(long ms) {
            now = now.plusMillis(ms);
        }
    }

    @Test
    void pausedWindowsAreDerivedInServerTime() {
        ManualClock clock = new ManualClock();
        AtomicLong nanos = new AtomicLong();
        Path file = dir.resolve("history.jsonl");
        try (HistoryWriter h = HistoryWriter.open(file, clock, nanos::get)) {
            h.record(EventType.RUN_STARTED, null, Map.of("runId", "r1"));
            h.record(EventType.CLOCK_OFFSET, null, Map.of("label", "start", "offsetMs", 2000.0, "uncertaintyMs", 3.0));
            clock.advance(10_000);
            h.record(
                    EventType.CLOCK_OFFSET, null, Map.of("label", "pause-1", "offsetMs", 2100.0, "uncertaintyMs", 5.0));
            h.record(EventType.PIPE_COMMAND, 3, Map.of("command", "stop"));
            clock.advance(1_000);
            h.record(EventType.STATE_POLL, 4, Map.of("state", "Stopping"));
            clock.advance(1_000);
            h.record(EventType.PAUSE_CONFIRMED, 4, Map.of("state", "Stopped"));
            clock.advance(20_000);
            h.record(
                    EventType.CLOCK_OFFSET,
                    null,
                    Map.of("label", "resume-1", "offsetMs", 2200.0, "uncertaintyMs", 4.0));
            h.record(EventType.PIPE_COMMAND, 7, Map.of("command", "start"));
            clock.advance(5_000);
            // a stop that was never confirmed gives no window
            h.record(EventType.PIPE_COMMAND, 9, Map.of("command", "stop"));
            h.record(EventType.PIPE_COMMAND, null, Map.of("command", "start", "cleanup", true));
        }

        RunHistory history = RunHistory.read(file);
        assertThat(history.runId()).contains("r1");
        List<PausedWindow> windows = history.pausedWindows();
        assertThat(windows).hasSize(1);
        PausedWindow w = windows.get(0);
        assertThat(w.stoppedObservedAt()).isEqualTo(Instant.parse("2026-11-23T12:00:12Z"));
        assertThat(w.resumeSentAt()).isEqualTo(Instant.parse("2026-11-23T12:00:32Z"));
        assertThat(w.serverStart()).isEqualTo(Instant.parse("2026-11-23T12:00:14.100Z")); // nearest sample: pause-1
        assertThat(w.serverEnd()).isEqualTo(Instant.parse("2026-11-23T12:00:34.200Z")); // nearest sample: resume-1
        assertThat(w.uncertainty()).isEqualTo(Duration.ofMillis(5));
        assertThat(w.containsServerTime(Instant.parse("2026-11-23T12:00:20Z"), Duration.ofMillis(500)))
                .isTrue();
        assertThat(w.containsServerTime(Instant.parse("2026-11-23T12:00:14.300Z"), Duration.ofMillis(500)))
                .isFalse();
        assertThat(history.resumeTimes()).hasSize(2);
        assertThat(history.clockUncertainty()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aWindowNeverResumedEndsAtTheLastEventAndIsMarked() {
        ManualClock clock = new ManualClock();
        Path file = dir.resolve("h.jsonl");
        try (HistoryWriter h = HistoryWriter.open(file, clock, System::nanoTime)) {
            h.record(EventType.PIPE_COMMAND, 1, Map.of("command", "stop"));
            h.record(EventType.PAUSE_CONFIRMED, 2, Map.of());
            clock.advance(3000);
            h.record(EventType.RUN_FINISHED, null, Map.of());
        }
        PausedWindow w = RunHistory.read(file).pausedWindows().get(0);
        assertThat(w.resumedByCleanup()).isTrue();
        assertThat(w.duration()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void historyIsOnDiskAsSoonAsRecordedAndSurvivesATruncatedLastLine() throws Exception {
        Path file = dir.resolve("history.jsonl");
        HistoryWriter h = HistoryWriter.open(file);
        h.record(EventType.RUN_STARTED, null, Map.of("runId", "r2"));
        h.record(EventType.RESOURCE_CREATED, null, Map.of("kind", "pipe", "id", "p1", "adopted", false));
        // not closed: a crash right now must still leave both lines on disk
        assertThat(Files.readAllLines(file)).hasSize(2);
        Files.writeString(file, "{\"seq\":3,\"time\":\"2026-", StandardOpenOption.APPEND);

        RunHistory read = RunHistory.read(file);
        assertThat(read.events()).hasSize(2);
        assertThat(read.leftoverResources()).containsExactly(new CreatedResource("pipe", "p1", false));
        h.close();
    }

    @Test
    void aCorruptLineInTheMiddleIsAnError() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"seq\":1,\"time\":\"2026-11-23T12:00:00Z\",\"monoNanos\":0,\"type\":\"note\"}\nnot json\n"
                        + "{\"seq\":3,\"time\":\"2026-11-23T12:00:00Z\",\"monoNanos\":0,\"type\":\"note\"}\n");
        assertThatThrownBy(() -> RunHistory.read(file)).hasMessageContaining("bad.jsonl:2: not a history event");
    }
}
