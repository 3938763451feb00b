package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.core.testing.ChaosReport;
import dev.cpcheck.localstack.EmulatedPipeState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite, in process: the default scenario on one embedded stack while a part of it
 * misbehaves, each case ending with the right verdict and nothing left on the servers (pipes,
 * table, objects, unfinished multipart uploads: {@link EmbeddedStack#leftovers}). The faults: API
 * 5xx during every step, 429 storms at every step, S3 503 SlowDown during uploads, ClickHouse
 * killed and restarted mid-run (paused and while ingesting), the emulator killed mid-batch and
 * restarted from its state folder. Signals to the {@code cpcheck} process are the CLI's chaos
 * suite ({@code ChaosSignalsIT}). Each case is a row of {@code target/chaos-report.md}.
 */
class ChaosIT {
    private static final List<String> ROWS = new CopyOnWriteArrayList<>();
    static EmbeddedStack stack;

    @TempDir
    Path runs;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        ChaosReport.write(
                Path.of("target", "chaos-report.md"),
                "Chaos suite, in process (engine ChaosIT): the default scenario while the stack misbehaves",
                "| fault | expected | verdict | left on the servers | time | notes |",
                ROWS);
    }

    /** What one case ran into. */
    private record Outcome(RunReport report, List<String> leftovers, List<RetryNotice> retries, double seconds) {}

    private Outcome run(Consumer<HistoryEvent> chaos) {
        List<RetryNotice> retries = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        RunReport report;
        try (CheckpointEngine engine = Cpcheck.local()
                .embeddedStack(stack)
                .runsDirectory(runs)
                .listener(chaos)
                .retryListener(retries::add)
                .build()) {
            report = engine.run(Scenarios.seed());
        }
        return new Outcome(report, stack.leftovers(report.runId()), retries, (System.nanoTime() - t0) / 1e9);
    }

    private static void row(String fault, String expected, Outcome o, String notes) {
        String failed = o.report().checks().stream()
                .filter(c -> c.status() != CheckStatus.PASS)
                .map(c -> c.checkId() + " " + c.status() + ": " + c.summary())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
        if (!failed.isEmpty()) {
            notes = (notes.isEmpty() ? "" : notes + "; ") + failed;
        }
        ROWS.add(String.format(
                Locale.ROOT,
                "| %s | %s | %s (exit %d) | %s | %.1f s | %s |",
                fault,
                expected,
                o.report().verdict(),
                o.report().exitCode().code(),
                o.leftovers().isEmpty() ? "none" : String.join(", ", o.leftovers()),
                o.seconds(),
                notes));
    }

    /**
     * The fault loses and duplicates nothing, so the verdict is PASS (or INCONCLUSIVE where the fault
     * may leave the run undecided): every delivery check passes. The one FAIL that is not the
     * fault's doing is {@code paused-window} judged from part modification times, which have
     * one-second resolution and change when ClickHouse merges parts (a restart starts merges): a
     * known limit of that evidence on the local stack (README, "What it cannot reproduce"), shown
     * in the report, not hidden.
     */
    private static void assertRightVerdict(Outcome o, boolean mayBeInconclusive) {
        RunReport r = o.report();
        for (String delivery : List.of("duplicates", "completeness", "unexpected-rows", "resume-continuity")) {
            r.check(delivery)
                    .ifPresent(c -> assertThat(c.status())
                            .as(delivery + ": " + c.summary())
                            .isIn(
                                    mayBeInconclusive
                                            ? List.of(CheckStatus.PASS, CheckStatus.UNKNOWN)
                                            : List.of(CheckStatus.PASS)));
        }
        if (r.verdict() == Verdict.FAIL) {
            assertThat(r.checksWithStatus(CheckStatus.FAIL))
                    .as("a FAIL only from the coarse landing times of part modification times")
                    .allSatisfy(c -> {
                        assertThat(c.checkId()).isEqualTo("paused-window");
                        assertThat(c.summary() + " " + c.hint()).contains("part modification times");
                    });
            return;
        }
        assertThat(r.verdict())
                .as(String.valueOf(r.statusReason()))
                .isIn(mayBeInconclusive ? List.of(Verdict.PASS, Verdict.INCONCLUSIVE) : List.of(Verdict.PASS));
    }

    private static boolean stepStarted(HistoryEvent e, String kind) {
        return e.type().equals(EventType.STEP_STARTED) && kind.equals(e.string("kind"));
    }

    @Test
    void apiServerErrorBurstsDuringEveryStepAreRetriedAndTheRunPasses() {
        Outcome o = run(e -> {
            if (e.type().equals(EventType.STEP_STARTED)) {
                stack.failNextApiRequests(2);
            }
        });
        stack.failNextApiRequests(0);
        row(
                "2 API requests answered 500 at the start of every step",
                "PASS",
                o,
                o.retries().size() + " retries shown");
        assertThat(o.retries()).as("retries are shown as they happen").isNotEmpty();
        assertRightVerdict(o, false);
        assertThat(o.leftovers()).isEmpty();
    }

    @Test
    void a429StormAtEveryStepIsWaitedOutAndTheRunPasses() {
        Outcome o = run(e -> {
            if (e.type().equals(EventType.STEP_STARTED)) {
                stack.throttleApi(3);
            }
        });
        stack.throttleApi(0);
        row(
                "3 API requests answered 429 at the start of every step",
                "PASS",
                o,
                o.retries().size() + " retries shown");
        assertRightVerdict(o, false);
        assertThat(o.retries()).isNotEmpty();
        assertThat(o.leftovers()).isEmpty();
    }

    @Test
    void s3SlowDownBurstsDuringUploadsAreRetriedAndTheRunPasses() {
        Outcome o = run(e -> {
            if (stepStarted(e, "write-files")) {
                stack.slowDownS3Writes(3);
            }
        });
        stack.slowDownS3Writes(0);
        row("3 S3 writes answered 503 SlowDown at every upload", "PASS", o, "");
        assertRightVerdict(o, false);
        assertThat(o.leftovers()).isEmpty();
    }

    @Test
    void clickHouseRestartedWhileThePipeIsPausedIsRiddenOutAndTheRunPasses() throws Exception {
        CompletableFuture<Void> restart = new CompletableFuture<>();
        Outcome o = run(e -> {
            if (stepStarted(e, "hold") && !restart.isDone()) {
                // on another thread: the run's polls meet the refused connections of the restart
                CompletableFuture.runAsync(stack::restartClickHouse).whenComplete((v, t) -> {
                    if (t != null) {
                        restart.completeExceptionally(t);
                    } else {
                        restart.complete(null);
                    }
                });
            }
        });
        restart.get(2, TimeUnit.MINUTES);
        row(
                "ClickHouse killed and restarted during the paused hold",
                "PASS",
                o,
                o.retries().size() + " retries shown");
        assertRightVerdict(o, false);
        assertThat(o.leftovers()).isEmpty();
    }

    @Test
    void clickHouseRestartedWhileIngestingIsNeverAWrongFail() throws Exception {
        CompletableFuture<Void> restart = new CompletableFuture<>();
        Outcome o = run(e -> {
            if (stepStarted(e, "await-files") && "all".equals(allOrCount(e)) && !restart.isDone()) {
                CompletableFuture.runAsync(stack::restartClickHouse).whenComplete((v, t) -> {
                    if (t != null) {
                        restart.completeExceptionally(t);
                    } else {
                        restart.complete(null);
                    }
                });
            }
        });
        restart.get(2, TimeUnit.MINUTES);
        row(
                "ClickHouse killed and restarted while the last files are ingested",
                "PASS or INCONCLUSIVE",
                o,
                o.report().statusReason() == null ? "" : o.report().statusReason());
        assertRightVerdict(o, true);
        assertThat(o.leftovers()).isEmpty();
    }

    private static String allOrCount(HistoryEvent e) {
        String d = String.valueOf(e.string("description"));
        return d.contains("all") ? "all" : "count";
    }

    @Test
    void theEmulatorKilledMidBatchAndRestartedFromItsStateIngestsEveryFileExactlyOnce() throws Exception {
        // every batch waits 2 s between its staging insert and its move: the window of the kill
        stack.emulatorMoveDelay(Duration.ofSeconds(2));
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> killedBatch = new ArrayList<>();
        Thread killer = new Thread(() -> {
            while (!stop.get() && !killed.get()) {
                for (EmulatedPipeState p : stack.emulatedPipes()) {
                    if (!p.pendingBatch().isEmpty() && killed.compareAndSet(false, true)) {
                        killedBatch.addAll(p.pendingBatch());
                        stack.killEmulator();
                        stack.restartEmulator();
                        return;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        killer.start();
        Outcome o;
        try {
            o = run(e -> {});
        } finally {
            stop.set(true);
            killer.join(60_000);
            stack.emulatorMoveDelay(Duration.ZERO);
        }
        row(
                "emulator killed mid-batch (" + killedBatch.size() + " files staged), restarted from its state folder",
                "PASS (exactly once)",
                o,
                o.retries().size() + " retries shown");
        assertThat(killed).as("the emulator was killed with a batch in flight").isTrue();
        assertRightVerdict(o, false);
        assertThat(o.leftovers()).isEmpty();
    }
}
