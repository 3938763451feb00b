package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertCheckPassed;
import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Example 2: files written while the pipe is paused must wait for the resume, and then arrive
 * exactly once.
 *
 * <p><b>How it works:</b> a scenario built in code: 4 files, create the pipe, wait for them, pause
 * (stop, then wait for Stopped), write 5 files, hold for 4 of the pipe's polling intervals while
 * cpcheck keeps counting the destination, resume, wait for everything. The run's history
 * ({@code history.jsonl} in the run folder) is read back to show what cpcheck observed during the
 * hold.
 *
 * <p><b>Passing means:</b> the {@code paused-window} check found no row that landed between the
 * first poll that saw Stopped and the resume, {@code completeness} found all 9 files, and no file
 * landed twice.
 *
 * <p><b>Needs:</b> the embedded stack; about 8 s.
 */
@CheckpointTest
class PausedWritesIT {

    static final Scenario PAUSED_WRITES = Scenario.builder("paused-writes")
            .description("4 files, pause, 5 files while paused, hold, resume")
            .rowsPerFile(5)
            .writeFiles("initial", 4)
            .createPipe()
            .awaitFiles(4)
            .pause()
            .writeFiles("paused", 5)
            .holdIntervals(4)
            .resume()
            .awaitAllFiles()
            .build();

    @Test
    void filesWrittenWhilePausedLandAfterTheResume(CheckpointRunner cpcheck) {
        RunReport report = cpcheck.run(PAUSED_WRITES);

        assertExactlyOnce(report);
        assertCheckPassed(report, "paused-window");
        assertThat(report.observed()).containsEntry("files", 9L).containsEntry("rows", 45L);

        List<PausedWindow> windows = report.pausedWindows();
        assertThat(windows).hasSize(1);
        PausedWindow window = windows.get(0);
        System.out.println("paused from " + window.stoppedObservedAt() + " to " + window.resumeSentAt() + " ("
                + Duration.between(window.stoppedObservedAt(), window.resumeSentAt())
                        .toMillis() + " ms)");

        // What cpcheck saw while holding: the count of ingested files never moved past the 4 files of before the pause.
        RunHistory history = RunHistory.read(Path.of(report.runDirectory()).resolve(RunFolder.HISTORY));
        List<HistoryEvent> pollsWhilePaused = history.eventsOfType(EventType.COUNT_POLL).stream()
                .filter(e -> !e.time().isBefore(window.stoppedObservedAt())
                        && e.time().isBefore(window.resumeSentAt()))
                .toList();
        assertThat(pollsWhilePaused).isNotEmpty();
        assertThat(pollsWhilePaused)
                .allSatisfy(e -> assertThat(e.longValue("files", -1)).isEqualTo(4));
    }
}
