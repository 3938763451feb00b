package dev.cpcheck.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.CleanupReport;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.engine.terraform.TerraformConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the step commands on the embedded stack. Every step opens a fresh engine and reopens the
 * run with {@link StepRun#current}, as the CLI does in a new process each time.
 */
class StepRunIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    static EmbeddedStack stack;

    @TempDir
    Path runs;

    @BeforeAll
    static void start() {
        stack = Cpcheck.startLocalStack();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private CheckpointEngine engine(EmulatorFault fault) {
        return Cpcheck.local()
                .embeddedStack(stack)
                .faultMode(fault)
                .runsDirectory(runs)
                .build();
    }

    /** One "process": a fresh engine, the current run reopened from the runs folder. */
    private <T> T fromNewProcess(EmulatorFault fault, Function<StepRun, T> step) {
        try (CheckpointEngine engine = engine(fault);
                StepRun run = StepRun.current(engine)) {
            return step.apply(run);
        }
    }

    private void inNewProcess(EmulatorFault fault, Consumer<StepRun> step) {
        fromNewProcess(fault, run -> {
            step.accept(run);
            return null;
        });
    }

    private Path startAndWalkToResume(EmulatorFault fault) throws Exception {
        long t0 = System.nanoTime();
        Path dir;
        try (CheckpointEngine engine = engine(fault)) {
            assertThatThrownBy(() -> StepRun.current(engine))
                    .isInstanceOf(CpcheckException.class)
                    .hasMessageContaining("cpcheck fixtures upload");
            try (StepRun run = StepRun.start(engine, FixtureSettings.defaults())) {
                dir = run.runDirectory();
                assertThat(run.uploadFiles(6, 3, "initial")).hasSize(6);
            }
        }
        assertThat(dir.getFileName().toString()).endsWith(StepRun.FOLDER_SUFFIX);
        assertThat(Files.readString(runs.resolve(StepRun.POINTER), java.nio.charset.StandardCharsets.UTF_8)
                        .trim())
                .isEqualTo(dir.getFileName().toString());
        inNewProcess(fault, run -> {
            assertThat(run.createTable()).isTrue();
        });
        PipeInfo pipe = fromNewProcess(fault, StepRun::createPipe);
        assertThat(pipe.state()).isEqualTo(PipeState.RUNNING);
        inNewProcess(fault, run -> {
            assertThat(run.pipeId()).contains(pipe.id());
            assertThatThrownBy(run::createPipe)
                    .isInstanceOf(CpcheckException.class)
                    .hasMessageContaining("already has pipe");
        });
        inNewProcess(fault, run -> {
            run.awaitFiles(6, WAIT);
        });
        inNewProcess(fault, StepRun::pause);
        inNewProcess(fault, run -> {
            assertThat(run.awaitState(PipeState.STOPPED, WAIT)).isEqualTo(PipeState.STOPPED);
        });
        inNewProcess(fault, run -> {
            assertThat(run.uploadFiles(3, 3, "paused"))
                    .extracting(f -> f.fileId())
                    .containsExactly(7L, 8L, 9L);
        });
        inNewProcess(fault, run -> {
            PipeStatus status = run.status();
            assertThat(status.state()).isEqualTo(PipeState.STOPPED);
            assertThat(status.pausedByRun()).isTrue();
            assertThat(status.expectedFiles()).isEqualTo(9);
        });
        inNewProcess(fault, StepRun::resume);
        inNewProcess(fault, run -> {
            run.uploadFiles(3, 3, "resumed");
        });
        System.out.printf("steps up to the last upload took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    @Test
    void stepByStepRunAcrossFreshEnginesPassesAndCleansUp() throws Exception {
        long t0 = System.nanoTime();
        Path dir = startAndWalkToResume(EmulatorFault.NONE);
        inNewProcess(EmulatorFault.NONE, run -> {
            run.awaitFiles(12, WAIT);
        });
        QueryResult q = fromNewProcess(EmulatorFault.NONE, StepRun::query);
        assertThat(q.totals().rows()).isEqualTo(36);
        assertThat(q.totals().files()).isEqualTo(12);
        assertThat(q.files()).hasSize(12);
        assertThat(q.filesWithDuplicates()).isEmpty();
        assertThat(q.recentRows()).hasSize(StepRun.RECENT_ROWS);
        List<?> rows = fromNewProcess(EmulatorFault.NONE, run -> run.query("SELECT 1 AS one"));
        assertThat(rows).hasSize(1);

        RunReport report = fromNewProcess(EmulatorFault.NONE, run -> run.validate(DeliveryGuarantee.EXACTLY_ONCE));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.PASS);
        assertThat(report.pausedWindows()).hasSize(1);
        assertThat(report.expectedFiles()).isEqualTo(12);
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        for (String f : new String[] {
            RunFolder.HISTORY, RunFolder.MANIFEST, RunFolder.RESULTS, RunFolder.JUNIT, RunFolder.HTML, RunFolder.CONFIG
        }) {
            assertThat(dir.resolve(f)).exists();
        }
        String secret = stack.settings().get("AWS_SECRET_ACCESS_KEY");
        assertThat(Files.readString(dir.resolve(RunFolder.CONFIG))).doesNotContain(secret);
        assertThat(Files.readString(dir.resolve(RunFolder.HISTORY))).doesNotContain(secret);
        RunHistory history = RunHistory.read(dir.resolve(RunFolder.HISTORY));
        for (int i = 0; i < history.events().size(); i++) {
            assertThat(history.events().get(i).seq()).isEqualTo(i + 1);
        }
        assertThat(history.eventsOfType(EventType.PAUSE_CONFIRMED)).hasSize(1);
        assertThat(history.eventsOfType(EventType.FILES_WRITTEN))
                .extracting(e -> e.string("phase"))
                .containsExactly("initial", "paused", "resumed");
        assertThat(history.eventsOfType(EventType.STEP_FAILED)).isEmpty();

        PipeSpec spec = fromNewProcess(EmulatorFault.NONE, StepRun::pipeSpec);
        assertThat(spec.name()).isEqualTo("cpcheck-" + report.runId());
        assertThat(TerraformConfig.of(spec).files().get("main.tf"))
                .contains(spec.source().url());

        String pipeId = report.pipeId();
        try (CheckpointEngine engine = engine(EmulatorFault.NONE)) {
            CleanupReport cleanup = engine.cleanup(dir);
            assertThat(cleanup.ok()).as(cleanup.failed().toString()).isTrue();
            assertThat(cleanup.actions()).hasSize(3);
            assertThat(engine.pipes().list()).noneMatch(p -> p.id().equals(pipeId));
            assertThat(engine.tables()
                            .exists(engine.tables()
                                    .named("cpcheck_" + report.runId().replace('-', '_'))))
                    .isFalse();
            assertThat(runs.resolve(StepRun.POINTER)).doesNotExist();
            assertThatThrownBy(() -> StepRun.current(engine))
                    .isInstanceOf(CpcheckException.class)
                    .hasMessageContaining("cpcheck fixtures upload");
            try (StepRun run = StepRun.open(engine, dir)) {
                assertThat(run.listFiles()).isEmpty();
            }
            assertThat(RunHistory.read(dir.resolve(RunFolder.HISTORY)).leftoverResources())
                    .isEmpty();
        }
        System.out.printf("step run took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void restartFromScratchFailsOnDuplicates() throws Exception {
        long t0 = System.nanoTime();
        Path dir = startAndWalkToResume(EmulatorFault.RESTART_FROM_SCRATCH);
        inNewProcess(EmulatorFault.RESTART_FROM_SCRATCH, run -> {
            run.awaitAllFiles(WAIT);
        });
        RunReport report =
                fromNewProcess(EmulatorFault.RESTART_FROM_SCRATCH, run -> run.validate(DeliveryGuarantee.EXACTLY_ONCE));
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check("duplicates").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        QueryResult q = fromNewProcess(EmulatorFault.RESTART_FROM_SCRATCH, StepRun::query);
        assertThat(q.filesWithDuplicates()).isNotEmpty();
        try (CheckpointEngine engine = engine(EmulatorFault.NONE)) {
            assertThat(engine.cleanup(dir).ok()).isTrue();
        }
        System.out.printf("faulty step run took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void historyEventsOfAStepRunAreSeenByEngineListeners() {
        java.util.List<HistoryEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CheckpointEngine engine = Cpcheck.local()
                        .embeddedStack(stack)
                        .runsDirectory(runs)
                        .listener(seen::add)
                        .build();
                StepRun run = StepRun.start(engine, FixtureSettings.defaults())) {
            run.uploadFiles(1, 2, "initial");
            assertThat(seen).extracting(HistoryEvent::type).contains(EventType.RUN_STARTED, EventType.FILES_WRITTEN);
            assertThat(engine.cleanup(run.runDirectory()).ok()).isTrue();
            assertThat(run.listFiles()).isEmpty();
        }
    }
}
