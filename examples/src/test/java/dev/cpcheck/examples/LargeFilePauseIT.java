package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.emulator.EmulatedPipe;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Example 4: a pause that arrives while a large file is being ingested.
 *
 * <p><b>How it works:</b> after 3 small files, one file of 1,000,000 rows (zstd-compressed, so the
 * upload is quick while ClickHouse still needs well over a second to decompress and insert it) is
 * written, and the pipe is stopped 1.6 polling intervals later: late enough that the pipe has
 * picked the file up, early enough that the insert is still running. A listener on the run's
 * history looks into the emulator at the moment the stop command is sent, to prove the file was
 * in flight. Then 2 files are written while paused, the pipe is resumed and 2 more follow.
 *
 * <p><b>Passing means:</b> the stop was sent while the large file's batch was in flight, and the
 * pipe still delivered it exactly once: all 1,000,000 rows once, not half a file, not the file
 * twice (which a pipe that aborts the batch and forgets its progress would produce), and nothing
 * while paused. ClickPipes may finish the file before it reports Stopped or redo it after the
 * resume; either is fine as long as the destination holds it once.
 *
 * <p><b>Needs:</b> the embedded stack and ~200 MB of heap; about 10 s.
 */
@CheckpointTest
class LargeFilePauseIT {
    static final long LARGE_ROWS = 1_000_000;

    @Test
    void aPauseDuringALargeFileLosesAndDuplicatesNothing(CheckpointRunner cpcheck) {
        LocalStack stack = cpcheck.localStack().orElseThrow();
        Duration polling = cpcheck.engine().runnerConfig().pipePollingInterval();
        Scenario scenario = Scenario.builder("pause-mid-file")
                .description("3 small files, one of 1M rows, stop while it is being inserted")
                .payloadBytes(0)
                .compression(Compression.ZSTD)
                .writeFiles("initial", 3)
                .createPipe()
                .awaitFiles(3)
                .writeFiles("large", 1, LARGE_ROWS)
                .hold(polling.multipliedBy(8).dividedBy(5)) // the pipe polls once per interval: it has the file by now
                .pause()
                .writeFiles("paused", 2)
                .holdIntervals(2)
                .resume()
                .writeFiles("resumed", 2)
                .awaitAllFiles(Duration.ofMinutes(2))
                .build();

        // what the emulator was doing when the stop command went out
        List<List<String>> inFlightAtStop = new CopyOnWriteArrayList<>();
        RunReport report;
        try (CheckpointEngine engine = cpcheck.engineBuilder().listener(e -> {
            if (e.is(EventType.PIPE_COMMAND) && "stop".equals(e.string("command"))) {
                stack.emulator().pipe(e.string("pipeId")).map(EmulatedPipe::pendingBatch).ifPresent(inFlightAtStop::add);
            }
        }).build()) {
            report = engine.run(scenario);
        }

        System.out.println("batch in flight when the stop was sent: " + inFlightAtStop);
        assertThat(inFlightAtStop).hasSize(1);
        assertThat(inFlightAtStop.get(0)).as("the large file was being ingested when the stop was sent")
                .singleElement().asString().endsWith("f00000004.json.zst");
        assertExactlyOnce(report);
        assertThat(report.observed()).containsEntry("files", 8L).containsEntry("rows", LARGE_ROWS + 7 * 3);
    }
}
