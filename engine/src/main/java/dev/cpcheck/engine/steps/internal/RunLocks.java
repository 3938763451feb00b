package dev.cpcheck.engine.steps.internal;

import dev.cpcheck.core.CpcheckException;
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
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return body.get();
            } catch (IOException e) {
                throw new CpcheckException("cannot lock " + key + ": " + e.getMessage(), e);
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
