package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.runner.Sleeper;
import dev.cpcheck.core.runner.Waiter;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import dev.cpcheck.localstack.EmulatedPipeState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Example 4: a pause that arrives while a large file is being ingested.
 *
 * <p><b>How it works:</b> after 3 small files, one file of 1,000,000 rows is written (zstd, so the
 * upload is quick while ClickHouse still needs a good half second or more to decompress and
 * insert it), then the pipe is paused. To make the stop land mid-file on any machine, a history
 * listener holds the scenario at the start of the pause step until the emulator reports the large
 * file in its batch in flight (listeners run on the runner's thread, so waiting in one makes the
 * scenario wait); when the stop command goes out, the listener records what the emulator was
 * inserting, as evidence. Then 2 files are written while paused, the pipe is resumed and 2 more
 * follow.
 *
 * <p><b>Passing means:</b> the stop was sent while the large file's batch was in flight, and the
 * pipe still delivered it exactly once: all its rows once, not half a file, not the file twice
 * (which a pipe that aborts the batch and forgets its progress would produce), and nothing while
 * paused. ClickPipes may finish the file before it reports Stopped or redo it after the resume;
 * either is fine as long as the destination holds it once.
 *
 * <p><b>Needs:</b> the embedded stack (the wait looks into the ClickPipes emulator, so this one is
 * local only); about 10 s.
 */
@CheckpointTest
class LargeFilePauseIT {
    static final long LARGE_ROWS = 1_000_000;
    /** Key suffix of the large file: the 4th file of the run. */
    static final String LARGE_FILE = "f00000004.json.zst";

    static final Scenario PAUSE_MID_FILE = Scenario.builder("pause-mid-file")
            .description("3 small files, one of 1M rows, stop while it is being inserted")
            .payloadBytes(0)
            .compression(Compression.ZSTD)
            .writeFiles("initial", 3)
            .createPipe()
            .awaitFiles(3)
            .writeFiles("large", 1, LARGE_ROWS)
            .pause()
            .writeFiles("paused", 2)
            .holdIntervals(2)
            .resume()
            .writeFiles("resumed", 2)
            .awaitAllFiles(Duration.ofMinutes(2))
            .build();

    @Test
    void aPauseDuringALargeFileLosesAndDuplicatesNothing(CheckpointRunner cpcheck) {
        EmbeddedStack stack = cpcheck.embeddedStack().orElseThrow();
        AtomicReference<String> pipeId = new AtomicReference<>();
        List<List<String>> inFlightAtStop = new CopyOnWriteArrayList<>();
        List<Throwable> listenerErrors = new CopyOnWriteArrayList<>();

        Consumer<HistoryEvent> listener = e -> {
            try {
                if (e.is(EventType.RESOURCE_CREATED) && CreatedResource.PIPE.equals(e.string("kind"))) {
                    pipeId.set(e.string("id"));
                } else if (e.is(EventType.STEP_STARTED) && "pause".equals(e.string("kind"))) {
                    // hold the scenario until the emulator is inserting the large file
                    Waiter.of(Sleeper.SYSTEM, System::nanoTime)
                            .until(
                                    "the large file in flight",
                                    () -> stack.emulatedPipe(pipeId.get()).orElseThrow(),
                                    p -> p.pendingBatch().stream().anyMatch(k -> k.endsWith(LARGE_FILE))
                                            || p.checkpointKey() != null
                                                    && p.checkpointKey().endsWith(LARGE_FILE),
                                    Duration.ofMillis(5),
                                    Duration.ofSeconds(30),
                                    poll -> {},
                                    EmulatedPipeState::toString);
                } else if (e.is(EventType.PIPE_COMMAND) && "stop".equals(e.string("command"))) {
                    stack.emulatedPipe(pipeId.get())
                            .map(EmulatedPipeState::pendingBatch)
                            .ifPresent(inFlightAtStop::add);
                }
            } catch (Exception | AssertionError ex) {
                listenerErrors.add(ex);
            }
        };
        RunReport report;
        try (CheckpointEngine engine =
                cpcheck.engineBuilder().listener(listener).build()) {
            report = engine.run(PAUSE_MID_FILE);
        }

        System.out.println("batch in flight when the stop was sent: " + inFlightAtStop);
        assertThat(listenerErrors).isEmpty();
        assertThat(inFlightAtStop)
                .as("the large file was being inserted when the stop was sent")
                .singleElement()
                .satisfies(keys -> assertThat(keys).anyMatch(k -> k.endsWith(LARGE_FILE)));
        assertExactlyOnce(report);
        assertThat(report.observed()).containsEntry("files", 8L).containsEntry("rows", LARGE_ROWS + 7 * 3);
    }
}
