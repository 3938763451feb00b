package dev.cpcheck.engine.steps.internal;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.Interrupts;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Exclusive locks on a file that hold across threads and processes: a JVM lock per path (file
 * locks are per process, and a second lock of the same file in one JVM would throw) plus an OS
 * file lock. Re-entrant within a thread.
 */
public final class RunLocks {
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private RunLocks() {}

    /** Runs {@code body} holding the lock of {@code lockFile} (created if missing). */
    public static <T> T withLock(Path lockFile, Supplier<T> body) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            if (jvmLock.getHoldCount() > 1) {
                return body.get(); // this thread holds the file lock already
            }
            // the lock's channel is opened without the interrupt flag (an interrupted command must still
            // record its end); the body runs with the flag as it was
            boolean interrupted = Thread.interrupted();
            FileChannel channel;
            FileLock lock;
            try {
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    lock = channel.lock();
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new CpcheckException("cannot lock " + key + ": " + e, e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                return body.get();
            } finally {
                Interrupts.uninterruptibly(() -> {
                    try {
                        lock.release();
                        channel.close();
                    } catch (IOException e) {
                        // closing the channel releases the lock in any case
                    }
                });
            }
        } finally {
            jvmLock.unlock();
        }
    }

    /** Runs {@code body} holding the lock of {@code lockFile}. */
    public static void withLock(Path lockFile, Runnable body) {
        withLock(lockFile, () -> {
            body.run();
            return null;
        });
    }
}
