package dev.cpcheck.cli.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM during a command: interrupt the command's thread, so the run resumes a paused
 * pipe and cleans up in its {@code finally} blocks, and let the JVM exit only once that is done.
 */
public final class Shutdown {
    private static final AtomicBoolean IN_PROGRESS = new AtomicBoolean();
    private static final Duration GRACE = Duration.ofSeconds(120);

    private Shutdown() {
    }

    /** Whether the JVM is shutting down because of a signal (then {@code System.exit} would hang). */
    public static boolean inProgress() {
        return IN_PROGRESS.get();
    }

    /**
     * Guards the calling thread: on a signal it is interrupted and the JVM waits (up to two minutes)
     * for it to finish. Close the returned handle when the guarded work is done.
     */
    public static Guard guard(String what) {
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> {
            IN_PROGRESS.set(true);
            System.err.println();
            System.err.println("cpcheck: interrupted; " + what);
            System.err.flush();
            worker.interrupt();
            try {
                worker.join(GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpcheck-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is waiting for us
            }
        };
    }

    /** Removes the hook. */
    public interface Guard extends AutoCloseable {
        @Override
        void close();
    }
}
