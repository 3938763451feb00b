package dev.cpcheck.core;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Whether a failure is an interrupt in disguise: clients that are interrupted mid-request report a
 * failure of their own kind (an I/O error, a cancelled request) and some clear the thread's flag,
 * yet the cause was the user stopping the run, which makes it INCONCLUSIVE, not an infrastructure
 * error.
 */
public final class Interrupts {
    private Interrupts() {}

    /**
     * Runs file I/O that must happen even on an interrupted thread (recording that a step was
     * interrupted, closing clients): interruptible channels would close themselves at once. The
     * thread's interrupt flag is cleared for the call and set again after it.
     */
    public static <T> T uninterruptibly(Supplier<T> io) {
        boolean interrupted = Thread.interrupted();
        try {
            return io.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #uninterruptibly(Supplier)} for an action without a result. */
    public static void uninterruptibly(Runnable io) {
        uninterruptibly(() -> {
            io.run();
            return null;
        });
    }

    /** Whether {@code failure} or any of its causes is an interrupt (a read timeout is not). */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException
                    || t instanceof CancellationException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }
}
