package dev.cpcheck.core.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.core.testing.FakeWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {
    @TempDir
    Path dir;

    private final FakeWorld world = new FakeWorld();

    private ScenarioRunner runner(RunnerConfig config) {
        return ScenarioRunner.builder()
                .source(world.source())
                .pipes(world.pipes())
                .destination(world.destination())
                .validator(world.validator())
                .config(config)
                .runDirectory(dir)
                .runId("20261123-120000-abcdef")
                .build();
    }

    private static RunnerConfig fast() {
        return RunnerConfig.custom()
                .probeInterval(Duration.ofMillis(5))
                .stateInterval(Duration.ofMillis(5))
                .pipePollingInterval(Duration.ofMillis(100))
                .settle(Duration.ofMillis(30))
                .awaitTimeout(Duration.ofSeconds(5))
                .stateTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void seedScenarioRecordsEveryStepInOrderAndCleansUp() {
        RunReport report = runner(fast()).run(Scenarios.seed());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.exitCode()).isEqualTo(ExitCode.PASS);
        assertThat(report.expectedFiles()).isEqualTo(12);
        assertThat(report.expectedRows()).isEqualTo(36);
        assertThat(report.observed()).containsEntry("files", 12L);

        RunHistory history = RunHistory.read(dir.resolve("history.jsonl"));
        List<String> stepKinds = history.eventsOfType(EventType.STEP_STARTED).stream()
                .map(e -> e.string("kind"))
                .toList();
        assertThat(stepKinds)
                .containsExactly(
                        "write-files",
                        "create-pipe",
                        "await-files",
                        "pause",
                        "await-state",
                        "write-files",
                        "hold",
                        "resume",
                        "await-state",
                        "write-files",
                        "await-files",
                        "validate");

        List<String> types = history.events().stream().map(HistoryEvent::type).toList();
        assertThat(types.get(0)).isEqualTo(EventType.RUN_STARTED);
        assertThat(types.get(types.size() - 1)).isEqualTo(EventType.RUN_FINISHED);
        assertThat(types)
                .containsSubsequence(
                        EventType.RUN_STARTED,
                        EventType.CLOCK_OFFSET,
                        EventType.RESOURCE_CREATED,
                        EventType.FILES_WRITTEN,
                        EventType.RESOURCE_CREATED,
                        EventType.STATE_POLL,
                        EventType.COUNT_POLL,
                        EventType.CLOCK_OFFSET,
                        EventType.PIPE_COMMAND,
                        EventType.STATE_POLL,
                        EventType.PAUSE_CONFIRMED,
                        EventType.FILES_WRITTEN,
                        EventType.COUNT_POLL,
                        EventType.CLOCK_OFFSET,
                        EventType.PIPE_COMMAND,
                        EventType.FILES_WRITTEN,
                        EventType.COUNT_POLL,
                        EventType.VALIDATION_FINISHED,
                        EventType.RESOURCE_CLEANUP,
                        EventType.RUN_FINISHED);
        // sequence numbers are gapless and monotonic time never goes back
        for (int i = 0; i < history.events().size(); i++) {
            assertThat(history.events().get(i).seq()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(history.events().get(i).monoNanos())
                        .isGreaterThanOrEqualTo(history.events().get(i - 1).monoNanos());
            }
        }

        // a confirmed paused window, in server time (the fake server runs 1.5 s ahead)
        List<PausedWindow> windows = report.pausedWindows();
        assertThat(windows).hasSize(1);
        PausedWindow w = windows.get(0);
        assertThat(w.resumedByCleanup()).isFalse();
        assertThat(Duration.between(w.stoppedObservedAt(), w.serverStart()).toMillis())
                .isBetween(1400L, 1600L);
        assertThat(w.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(250)); // held 3 x 100 ms (minus clock noise)
        assertThat(report.clockOffsetMs()).isBetween(1400.0, 1600.0);

        // the manifest on disk is the ground truth of what was written
        Manifest manifest = Manifest.read(dir.resolve("manifest.json"));
        assertThat(manifest.expectedFiles()).hasSize(12);
        assertThat(manifest.files())
                .extracting(f -> f.phase())
                .containsExactly(
                        "initial", "initial", "initial", "initial", "initial", "initial", "paused", "paused", "paused",
                        "resumed", "resumed", "resumed");

        assertThat(world.calls)
                .containsSubsequence(
                        "table.create",
                        "source.write initial",
                        "pipe.create",
                        "pipe.stop",
                        "source.write paused",
                        "pipe.start",
                        "source.write resumed",
                        "validate",
                        "pipe.delete state=Running",
                        "table.drop",
                        "source.deleteAll");
        assertThat(world.pipeExists).isFalse();
        assertThat(world.tableExists).isFalse();
        assertThat(world.objects).isEmpty();
        assertThat(history.leftoverResources()).isEmpty();
    }

    @Test
    void aStepThatThrowsStillResumesThePausedPipeAndCleansUp() {
        world.failWriteOfPhase = "paused"; // fails while the pipe is stopped

        RunReport report = runner(fast()).run(Scenarios.seed());

        assertThat(report.status()).isEqualTo(RunStatus.INFRASTRUCTURE_ERROR);
        assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(report.exitCode()).isEqualTo(ExitCode.INFRASTRUCTURE);
        assertThat(report.statusReason())
                .contains("write 3 files (phase paused)")
                .contains("simulated upload failure");
        // resumed before being deleted, then everything removed
        assertThat(world.calls)
                .containsSubsequence(
                        "pipe.stop",
                        "source.write paused",
                        "pipe.start",
                        "pipe.delete state=Running",
                        "table.drop",
                        "source.deleteAll");
        RunHistory history = RunHistory.read(dir.resolve("history.jsonl"));
        assertThat(history.eventsOfType(EventType.PIPE_COMMAND)).last().satisfies(e -> {
            assertThat(e.string("command")).isEqualTo("start");
            assertThat(e.string("cleanup")).isEqualTo("true");
        });
        assertThat(history.eventsOfType(EventType.STEP_FAILED)).hasSize(1);
        assertThat(history.leftoverResources()).isEmpty();
        assertThat(report.cleanup()).containsValue("resumed");
    }

    @Test
    void keepResourcesStillResumesButDeletesNothing() {
        world.failWriteOfPhase = "paused";

        RunReport report =
                runner(fast().toBuilder().keepResources(true).build()).run(Scenarios.seed());

        assertThat(world.calls)
                .contains("pipe.start")
                .doesNotContain("table.drop", "source.deleteAll")
                .noneMatch(c -> c.startsWith("pipe.delete"));
        assertThat(report.cleanup()).containsEntry("resources", "kept");
        assertThat(RunHistory.read(dir.resolve("history.jsonl")).leftoverResources())
                .extracting(r -> r.kind())
                .containsExactly("table", "source-prefix", "pipe");
    }

    @Test
    void aWaitThatTimesOutIsInconclusiveWithAClearReason() {
        world.stuck = true; // the pipe never ingests anything

        RunReport report = runner(
                        fast().toBuilder().awaitTimeout(Duration.ofMillis(200)).build())
                .run(Scenarios.seed());

        assertThat(report.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.exitCode()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(report.statusReason())
                .isEqualTo(
                        "step 3 (await 6 files): timed out after 200ms waiting for 6 files ingested; last observed: 0 files, 0 rows");
        // the scenario stopped at the timeout: never paused, still validated what landed, cleaned up
        assertThat(world.calls).doesNotContain("pipe.stop").contains("validate", "table.drop");
    }

    @Test
    void evidenceOfAnAnomalyWinsOverATimeout() {
        world.stuck = true;
        world.validationStatus = CheckStatus.FAIL;

        RunReport report = runner(
                        fast().toBuilder().awaitTimeout(Duration.ofMillis(100)).build())
                .run(Scenarios.seed());

        assertThat(report.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aFailingCheckFailsTheRun() {
        world.validationStatus = CheckStatus.FAIL;
        RunReport report = runner(fast()).run(Scenarios.seed());
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.guidance()).containsExactly("fake guidance");
    }

    @Test
    void interruptDuringHoldResumesAndCleansUp() throws Exception {
        Scenario longHold = Scenario.builder("long-hold")
                .writeFiles("initial", 2)
                .createPipe()
                .awaitFiles(2)
                .pause()
                .hold(Duration.ofMinutes(5))
                .resume()
                .awaitAllFiles()
                .build();
        List<String> events = new ArrayList<>();
        AtomicReference<RunReport> result = new AtomicReference<>();
        ScenarioRunner r = ScenarioRunner.builder()
                .source(world.source())
                .pipes(world.pipes())
                .destination(world.destination())
                .validator(world.validator())
                .config(fast())
                .runDirectory(dir)
                .listener(e -> {
                    synchronized (events) {
                        events.add(e.type() + ":" + e.string("kind"));
                        events.notifyAll();
                    }
                })
                .build();
        Thread t = new Thread(() -> result.set(r.run(longHold)));
        t.start();
        synchronized (events) {
            while (!events.contains(EventType.STEP_STARTED + ":hold")) {
                events.wait(5000);
            }
        }
        t.interrupt();
        t.join(10_000);

        RunReport report = result.get();
        assertThat(report.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(world.calls)
                .containsSubsequence(
                        "pipe.stop", "pipe.start", "pipe.delete state=Running", "table.drop", "source.deleteAll");
        assertThat(world.calls).doesNotContain("validate");
    }

    @Test
    void adoptedPipeIsNeverDeleted() {
        RunReport report =
                runner(fast().toBuilder().adoptPipeId("tf-pipe").build()).run(Scenarios.seed());

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.pipeId()).isEqualTo("tf-pipe");
        assertThat(world.calls)
                .contains("pipe.adopt tf-pipe")
                .noneMatch(c -> c.startsWith("pipe.delete") || c.equals("pipe.create"));
    }

    @Test
    void filesBelowTheCheckpointAreMarkedExpectedIgnored() {
        Scenario s = Scenario.builder("low-key")
                .writeFiles("initial", 3)
                .createPipe()
                .awaitFiles(3)
                .writeFilesBelowCheckpoint("late-low-key", 1)
                .writeFiles("after", 2)
                .awaitAllFiles()
                .build();

        RunReport report = runner(fast()).run(s);

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.expectedFiles()).isEqualTo(5);
        Manifest manifest = Manifest.read(dir.resolve("manifest.json"));
        assertThat(manifest.files()).hasSize(6);
        assertThat(manifest.files().get(3).expectation().id()).isEqualTo("ignore-below-checkpoint");
        // the fake pipe, like ClickPipes, never ingested the low key
        assertThat(world.table).doesNotContainKey(manifest.files().get(3).fileName());
    }
}
