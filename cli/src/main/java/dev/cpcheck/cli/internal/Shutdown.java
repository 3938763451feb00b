package dev.cpcheck.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command: the first signal interrupts the command's thread,
 * so the run resumes a paused pipe and cleans up in its {@code finally} blocks and then ends with
 * its own exit code (3, INCONCLUSIVE, for an interrupted run); a second signal abandons the cleanup
 * and exits at once with 130, naming the run folder whose history says what may be left. The signals are handled without starting the JVM's shutdown, so the
 * embedded stack keeps serving the cleanup. Any other shutdown (SIGHUP, {@code System.exit}
 * elsewhere) still interrupts the thread and waits for it through a shutdown hook.
 */
public final class Shutdown {
    private static final AtomicBoolean IN_PROGRESS = new AtomicBoolean();
    private static final AtomicInteger EXIT_CODE = new AtomicInteger(130);
    /** Longer than the cloud's state timeout (5 min) plus cleanup: resume must get its chance. */
    private static final Duration GRACE = Duration.ofMinutes(7);

    private static final int ABANDONED = 130;

    private Shutdown() {}

    /** Whether the JVM is shutting down (then {@code System.exit} would block). */
    public static boolean inProgress() {
        return IN_PROGRESS.get();
    }

    /** The exit code to end with once the guarded work is over (used while shutting down). */
    public static void exitCode(int code) {
        EXIT_CODE.set(code);
    }

    /**
     * Guards the calling thread until the returned handle is closed.
     *
     * @param what what the command does after the first signal, e.g. {@code resuming the pipe and
     *     cleaning up}; shown as {@code cpcheck: interrupted; <what> (again to abandon)}
     */
    public static Guard guard(String what) {
        Thread worker = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger signals = new AtomicInteger();
        AtomicReference<String> doing = new AtomicReference<>(what);
        AtomicReference<Path> runFolder = new AtomicReference<>();
        SignalHandler handler = signal -> {
            if (done.get()) {
                return;
            }
            if (signals.incrementAndGet() == 1) {
                System.err.println();
                System.err.println("cpcheck: interrupted; " + doing.get() + " (again to abandon)");
                System.err.flush();
                worker.interrupt();
            } else {
                Path folder = runFolder.get();
                System.err.println("cpcheck: abandoned; "
                        + (folder == null
                                ? "nothing was cleaned up"
                                : "the history in " + folder + " says what may be left: cpcheck cleanup --run "
                                        + folder));
                System.err.flush();
                Runtime.getRuntime().halt(ABANDONED);
            }
        };
        List<Runnable> restore = new ArrayList<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, handler);
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this platform does not let us handle it: the shutdown hook below covers it
            }
        }
        Thread hook = new Thread(
                () -> {
                    if (done.get()) {
                        return;
                    }
                    IN_PROGRESS.set(true);
                    System.err.println();
                    System.err.println("cpcheck: shutting down; " + doing.get());
                    System.err.flush();
                    worker.interrupt();
                    try {
                        worker.join(GRACE.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    System.out.flush();
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_CODE.get());
                },
                "cpcheck-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Guard() {
            @Override
            public void runFolder(Path folder) {
                runFolder.set(folder);
            }

            @Override
            public void close() {
                done.set(true);
                restore.forEach(Runnable::run);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is waiting for this thread
                }
            }
        };
    }

    /** Removes the handlers. */
    public interface Guard extends AutoCloseable {
        /** The run folder a second signal's message names, once the command has one. */
        void runFolder(Path folder);

        @Override
        void close();
    }
}
