package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunIT {
    static EmbeddedStack stack;

    @TempDir
    Path runs;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private RunReport run(EmulatorFault fault) {
        try (CheckpointEngine engine = Cpcheck.local()
                .embeddedStack(stack)
                .faultMode(fault)
                .runsDirectory(runs)
                .build()) {
            return engine.run(Scenarios.seed());
        }
    }

    @Test
    void seedScenarioPassesOnTheFaithfulEmulator() throws Exception {
        long t0 = System.nanoTime();
        RunReport report = run(EmulatorFault.NONE);
        System.out.printf("seed run took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(report.status()).as(report.statusReason()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.PASS);
        assertThat(report.observed()).containsEntry("files", 12L).containsEntry("rows", 36L);
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).isIn(CheckStatus.PASS));
        Path dir = Path.of(report.runDirectory());
        for (String f : new String[] {
            RunFolder.HISTORY, RunFolder.MANIFEST, RunFolder.RESULTS, RunFolder.JUNIT, RunFolder.HTML, RunFolder.CONFIG
        }) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(Files.readString(dir.resolve(RunFolder.CONFIG)))
                .doesNotContain(stack.settings().get("AWS_SECRET_ACCESS_KEY"));
        assertThat(report.cleanup()).allSatisfy((k, v) -> assertThat(v).doesNotStartWith("FAILED"));
    }

    @Test
    void restartFromScratchIsCaughtAsDuplicates() {
        RunReport report = run(EmulatorFault.RESTART_FROM_SCRATCH);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check("duplicates").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.check("resume-continuity").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void skipPausedFilesIsCaughtAsLoss() {
        RunReport report = run(EmulatorFault.SKIP_PAUSED_FILES);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check("completeness").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void ingestWhilePausedIsCaught() {
        RunReport report = run(EmulatorFault.INGEST_WHILE_PAUSED);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check("paused-window").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void replayLastBatchIsCaughtAsDuplicates() {
        RunReport report = run(EmulatorFault.REPLAY_LAST_BATCH);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.check("duplicates").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    }
}
