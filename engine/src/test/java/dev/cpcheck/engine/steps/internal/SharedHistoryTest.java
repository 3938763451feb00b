package dev.cpcheck.engine.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistoryWriter;
import dev.cpcheck.core.history.RunHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedHistoryTest {
    @TempDir
    Path dir;

    private static void assertGapless(RunHistory h, int expected) {
        assertThat(h.events()).hasSize(expected);
        for (int i = 0; i < expected; i++) {
            assertThat(h.events().get(i).seq()).isEqualTo(i + 1);
        }
    }

    @Test
    void continuesTheSequenceOfAHistoryWrittenByAFullRun() {
        Path file = dir.resolve("history.jsonl");
        try (HistoryWriter w = HistoryWriter.open(file)) {
            w.record(EventType.RUN_STARTED, null, Map.of("runId", "20260101-000000-abcdef"));
            w.record(EventType.NOTE, null, Map.of("message", "one"));
        }
        AtomicInteger seen = new AtomicInteger();
        SharedHistory h = new SharedHistory(file, Clock.systemUTC(), List.of(e -> seen.incrementAndGet()));
        HistoryEvent e = h.record(EventType.NOTE, 3, Map.of("message", "two"));
        assertThat(e.seq()).isEqualTo(3);
        assertThat(e.step()).isEqualTo(3);
        assertThat(seen).hasValue(1);
        RunHistory read = RunHistory.read(file);
        assertGapless(read, 3);
        assertThat(read.runId()).contains("20260101-000000-abcdef");
    }

    @Test
    void threadsAndSeveralWritersNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("history.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            // one writer object per thread, like separate processes each opening the run
            SharedHistory h = new SharedHistory(file, Clock.systemUTC(), List.of());
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    h.record(EventType.NOTE, null, Map.of("message", "x".repeat(500), "thread", thread, "i", i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertGapless(RunHistory.read(file), 400);
    }

    @Test
    void separateProcessesAppendWholeLinesWithoutGaps() throws Exception {
        Path file = dir.resolve("history.jsonl");
        new SharedHistory(file, Clock.systemUTC(), List.of()).record(EventType.RUN_STARTED, null, Map.of("runId", "r"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            processes.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            AppendMain.class.getName(),
                            file.toString(),
                            "150")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child" + p + ".log").toFile())
                    .start());
        }
        SharedHistory h = new SharedHistory(file, Clock.systemUTC(), List.of());
        for (int i = 0; i < 150; i++) {
            h.record(EventType.NOTE, null, Map.of("message", "parent", "i", i));
        }
        for (Process p : processes) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        assertGapless(RunHistory.read(file), 451);
    }

    @Test
    void aLineCutShortByACrashIsRemovedBeforeAppending() throws Exception {
        Path file = dir.resolve("history.jsonl");
        SharedHistory h = new SharedHistory(file, Clock.systemUTC(), List.of());
        h.record(EventType.RUN_STARTED, null, Map.of("runId", "r"));
        Files.writeString(file, "{\"seq\":2,\"time\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        HistoryEvent e = new SharedHistory(file, Clock.systemUTC(), List.of()).record(EventType.NOTE, null, Map.of());
        assertThat(e.seq()).isEqualTo(2);
        assertGapless(RunHistory.read(file), 2);
    }

    /** A separate process appending to a history. */
    public static final class AppendMain {
        public static void main(String[] args) {
            SharedHistory h = new SharedHistory(Path.of(args[0]), Clock.systemUTC(), List.of());
            int n = Integer.parseInt(args[1]);
            for (int i = 0; i < n; i++) {
                h.record(
                        EventType.NOTE,
                        null,
                        Map.of("message", "child " + ProcessHandle.current().pid(), "i", i));
            }
        }
    }
}
