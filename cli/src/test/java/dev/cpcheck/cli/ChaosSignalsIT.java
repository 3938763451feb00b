package dev.cpcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.testing.ChaosReport;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.LocalStackFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The chaos suite's signals: {@code cpcheck run} (cloud code path, against an embedded stack of
 * this JVM that outlives the process) gets SIGTERM or SIGKILL at a step, then {@code cpcheck
 * cleanup --run DIR} runs, and nothing may be left on the servers: no pipe, table, object or
 * unfinished multipart upload of the run ({@link EmbeddedStack#leftovers}). A SIGTERM ends the run
 * as INCONCLUSIVE (3) after its own cleanup; after a SIGKILL only the history in the run folder
 * says what exists, including a pipe whose create answer never came back. Steps chosen: the
 * upload (multipart files in flight), the create with its answer in flight, the paused hold, the
 * final wait; plus --keep, and a second signal during the cleanup. Each case is a row of
 * {@code target/chaos-report.md}.
 */
class ChaosSignalsIT {
    private static final List<String> ROWS = new CopyOnWriteArrayList<>();
    private static final Pattern RUN_ID = Pattern.compile("run (\\d{8}-\\d{6}-[0-9a-f]{6}): scenario");

    /** The emulator's faults are global: a case that sets one runs alone, the others two at a time. */
    private static final String API_FAULTS = "emulator API faults";

    static EmbeddedStack stack;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        stack = Cpcheck.startLocalStack();
        LocalStackFile.write(shared.resolve("stack.env"), stack.settings());
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        ChaosReport.write(
                Path.of("target", "chaos-report.md"),
                "Chaos suite, signals (cli ChaosSignalsIT): cpcheck run stopped at a step, then cleanup --run",
                "| signal | at step | run's exit | cleanup --run | left on the servers | time |",
                ROWS);
    }

    private static Path envFile() {
        return shared.resolve("stack.env");
    }

    private CliProcess cli() {
        return new CliProcess(work);
    }

    /** What happened to one run that was stopped, and what its cleanup left. */
    private record Stopped(String runId, Path folder, CliProcess.Result run, CliProcess.Result cleanup) {}

    /**
     * Starts the default scenario, waits until the progress shows {@code step}, then until
     * {@code ready} holds, sends {@code signal} ({@code TERM} or {@code KILL}), waits for the end and
     * runs {@code cleanup --run} on the run folder.
     */
    private Stopped stopAt(String signal, String step, Ready ready, String... extra) throws Exception {
        return stopAt(signal, step, "", ready, extra);
    }

    /** {@link #stopAt(String, String, Ready, String...)} with a note for the report's step column. */
    private Stopped stopAt(String signal, String step, String note, Ready ready, String... extra) throws Exception {
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>(
                List.of("run", "--cloud", "--env-file", envFile().toString(), "--polling-interval", "1s"));
        args.addAll(List.of(extra));
        CliProcess.Running run = cli().start(args.toArray(String[]::new));
        run.awaitOutput(s -> s.contains(step), Duration.ofMinutes(3));
        String runId = runId(run.stderr());
        ready.await(runId);
        if (signal.equals("KILL")) {
            run.process.destroyForcibly(); // SIGKILL: no cleanup, no last word
        } else {
            kill(run, signal);
        }
        CliProcess.Result result = run.await(Duration.ofMinutes(3));
        Path folder = runFolder(runId);
        CliProcess.Result cleanup = cli().run(
                        Duration.ofMinutes(3),
                        "cleanup",
                        "--cloud",
                        "--env-file",
                        envFile().toString(),
                        "--run",
                        folder.toString());
        Stopped s = new Stopped(runId, folder, result, cleanup);
        List<String> left = stack.leftovers(runId);
        ROWS.add(String.format(
                Locale.ROOT,
                "| SIG%s | %s | %d | %s | %s | %.1f s |",
                signal,
                step + (extra.length == 0 ? "" : " (" + String.join(" ", extra) + ")") + note,
                result.exit(),
                cleanup.exit() == 0
                        ? String.join(
                                "; ",
                                cleanup.out()
                                        .strip()
                                        .lines()
                                        .skip(1)
                                        .map(String::strip)
                                        .toList())
                        : "FAILED (exit " + cleanup.exit() + ")",
                left.isEmpty() ? "none" : String.join(", ", left),
                (System.nanoTime() - t0) / 1e9));
        assertThat(cleanup.exit()).as(cleanup.toString()).isZero();
        assertThat(left)
                .as("left on the servers after " + signal + " and cleanup --run")
                .isEmpty();
        return s;
    }

    @FunctionalInterface
    private interface Ready {
        void await(String runId) throws Exception;
    }

    private static Ready after(Duration d) {
        return runId -> Thread.sleep(d.toMillis());
    }

    /** Ready once the emulator holds the run's pipe: its create request took effect. */
    private static Ready pipeExists() {
        return runId -> {
            long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (stack.leftovers(runId).stream().noneMatch(l -> l.startsWith("pipe "))) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the pipe of run " + runId + " was never created");
                }
                Thread.sleep(50);
            }
        };
    }

    private static void kill(CliProcess.Running run, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(run.process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    private static String runId(String stderr) {
        Matcher m = RUN_ID.matcher(stderr);
        assertThat(m.find()).as("run id in the progress:\n" + stderr).isTrue();
        return m.group(1);
    }

    private Path runFolder(String runId) throws IOException {
        try (var runs = Files.list(work.resolve("runs"))) {
            return runs.filter(p -> p.getFileName().toString().startsWith(runId))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no run folder of " + runId));
        }
    }

    private static void assertInterrupted(Stopped s) {
        assertThat(s.run().exit())
                .as("SIGTERM ends the run as INCONCLUSIVE: " + s.run())
                .isEqualTo(3);
        assertThat(s.run().out()).contains("INCONCLUSIVE");
        assertThat(s.run().err()).doesNotContain("\tat ");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ)
    void sigtermDuringTheUploadOfLargeFilesExitsThreeAndLeavesNoUpload() throws Exception {
        // 100,000 rows per file: about 17 MB, sent in multipart uploads of 8 MB parts
        Stopped s = stopAt("TERM", "1/12 write", after(Duration.ofSeconds(1)), "--rows-per-file", "100000");
        assertInterrupted(s);
        assertThat(s.cleanup().out()).contains("nothing left to clean up");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ)
    void sigkillDuringTheUploadOfLargeFilesIsCleanedUpByTheHistory() throws Exception {
        Stopped s = stopAt("KILL", "1/12 write", after(Duration.ofSeconds(1)), "--rows-per-file", "100000");
        assertThat(s.run().exit()).isEqualTo(137);
        assertThat(s.cleanup().out()).contains("source-prefix");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ_WRITE)
    void sigtermWhileTheCreateAnswerIsInFlightLeavesNoPipe() throws Exception {
        stack.delayApiAnswers("POST", 1, Duration.ofSeconds(20));
        try {
            Stopped s = stopAt("TERM", "2/12 create", ", its answer in flight", pipeExists());
            assertInterrupted(s);
        } finally {
            stack.delayApiAnswers("POST", 0, Duration.ZERO);
        }
    }

    /** The billable leak of issue 14: the run dies before it learns its pipe's id. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ_WRITE)
    void sigkillWhileTheCreateAnswerIsInFlightThenCleanupFindsThePipeByItsName() throws Exception {
        stack.delayApiAnswers("POST", 1, Duration.ofSeconds(20));
        try {
            Stopped s = stopAt("KILL", "2/12 create", ", its answer in flight", pipeExists());
            assertThat(s.run().exit()).isEqualTo(137);
            assertThat(s.cleanup().out()).contains("pipe ").contains("deleted");
            assertThat(Files.readString(s.folder().resolve("history.jsonl")))
                    .as("cleanup records the pipe it found by name")
                    .contains("\"foundBy\":\"name\"");
        } finally {
            stack.delayApiAnswers("POST", 0, Duration.ZERO);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ)
    void sigtermWhilePausedResumesAndCleansUp() throws Exception {
        Stopped s = stopAt("TERM", "7/12 hold", after(Duration.ofMillis(300)));
        assertInterrupted(s);
        assertThat(Files.readString(s.folder().resolve("history.jsonl")))
                .as("the paused pipe was resumed before it was deleted")
                .contains("\"cleanup\":true");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ)
    void sigkillWhilePausedIsCleanedUpByTheHistory() throws Exception {
        Stopped s = stopAt("KILL", "7/12 hold", after(Duration.ofMillis(300)));
        assertThat(s.run().exit()).isEqualTo(137);
        assertThat(s.cleanup().out()).contains("pipe ").contains("table ");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ)
    void sigkillWhileAwaitingTheLastFilesIsCleanedUpByTheHistory() throws Exception {
        Stopped s = stopAt("KILL", "11/12 await all", after(Duration.ofMillis(200)));
        assertThat(s.run().exit()).isEqualTo(137);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ)
    void sigtermWithKeepResumesButKeepsAndSaysSo() throws Exception {
        Stopped s = stopAt("TERM", "7/12 hold", after(Duration.ofMillis(300)), "--keep");
        assertInterrupted(s);
        assertThat(s.run().err())
                .contains("the pipe, table and files are kept (--keep)")
                .doesNotContain("cleaning up");
        // what was kept is the run's to remove later: cleanup --run did, and stopAt checked the servers
        assertThat(s.cleanup().out()).contains("pipe ").contains("table ");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = API_FAULTS, mode = ResourceAccessMode.READ_WRITE)
    void aSecondSignalDuringTheCleanupAbandonsItAndNamesTheRunFolder() throws Exception {
        long t0 = System.nanoTime();
        CliProcess.Running run =
                cli().start("run", "--cloud", "--env-file", envFile().toString(), "--polling-interval", "1s");
        run.awaitOutput(out -> out.contains("7/12 hold"), Duration.ofMinutes(3));
        String runId = runId(run.stderr());
        // the pipe's delete answers late: the cleanup is still under way when the second signal comes
        stack.delayApiAnswers("DELETE", 1, Duration.ofSeconds(15));
        CliProcess.Result result;
        try {
            kill(run, "TERM");
            // the run answers the first signal; its cleanup then waits on the delayed delete
            run.awaitOutput(out -> out.contains("interrupted;"), Duration.ofMinutes(1));
            kill(run, "TERM");
            result = run.await(Duration.ofMinutes(1));
        } finally {
            stack.delayApiAnswers("DELETE", 0, Duration.ZERO);
        }
        Path folder = runFolder(runId);
        assertThat(result.exit()).as(result.toString()).isEqualTo(130);
        assertThat(result.err()).contains("abandoned").contains("cpcheck cleanup --run " + work.relativize(folder));
        CliProcess.Result cleanup = cli().run(
                        Duration.ofMinutes(3),
                        "cleanup",
                        "--cloud",
                        "--env-file",
                        envFile().toString(),
                        "--run",
                        folder.toString());
        List<String> left = stack.leftovers(runId);
        ROWS.add(String.format(
                Locale.ROOT,
                "| SIGTERM twice | 7/12 hold, then during the cleanup | %d | %s | %s | %.1f s |",
                result.exit(),
                cleanup.exit() == 0 ? "done" : "FAILED (exit " + cleanup.exit() + ")",
                left.isEmpty() ? "none" : String.join(", ", left),
                (System.nanoTime() - t0) / 1e9));
        assertThat(cleanup.exit()).as(cleanup.toString()).isZero();
        assertThat(left).isEmpty();
    }
}
