package dev.cpcheck.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary folders that say which process owns them, so that the folders of a process that was
 * killed (and never ran its clean-up) are removed by the next cpcheck process that starts.
 *
 * <p>{@link #create(String)} makes {@code <java.io.tmpdir>/cpcheck-<kind>-<random>} and writes the
 * file {@value #OWNER_FILE} into it at once: the owner's process id and start time. The first call
 * in a JVM first {@linkplain #sweepStale() sweeps}: every {@code cpcheck-*} folder whose owner file
 * names a process that no longer runs (or a process id now used by a process that started at
 * another time) is deleted. A folder without an owner file is never touched (an older cpcheck, or
 * another tool, made it), nor one whose owner lives.
 *
 * <pre>{@code
 * Path work = OwnedTempDirectory.create("cpcheck-stack-");
 * ...
 * OwnedTempDirectory.delete(work);   // on a normal stop; after kill -9 the next start does it
 * }</pre>
 */
public final class OwnedTempDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedTempDirectory.class);

    /** The file inside each folder naming its owner: {@code <pid> <start time, ISO-8601 or ->}. */
    public static final String OWNER_FILE = ".cpcheck-owner";

    /** Name prefix of every folder cpcheck creates and sweeps. */
    public static final String PREFIX = "cpcheck-";

    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private OwnedTempDirectory() {}

    /**
     * Creates a temporary folder owned by this process (after sweeping the stale ones of dead
     * processes, once per JVM).
     *
     * @param prefix folder name prefix, starting with {@value #PREFIX}, e.g. {@code cpcheck-stack-}
     */
    public static Path create(String prefix) {
        if (!prefix.startsWith(PREFIX)) {
            throw new IllegalArgumentException("owned temporary folders start with " + PREFIX + ", got " + prefix);
        }
        if (SWEPT.compareAndSet(false, true)) {
            sweepStale();
        }
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.writeString(dir.resolve(OWNER_FILE), ownerLine(ProcessHandle.current()), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create a temporary folder " + prefix + "* in " + System.getProperty("java.io.tmpdir"),
                    e);
        }
    }

    /** Deletes the folders of dead owners in {@code java.io.tmpdir}; returns those it deleted. */
    public static List<Path> sweepStale() {
        return sweepStale(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Deletes the {@code cpcheck-*} folders of dead owners under {@code root}; returns those it deleted. */
    public static List<Path> sweepStale(Path root) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && ownerGone(dir)) {
                    try {
                        deleteRecursively(dir);
                        removed.add(dir);
                    } catch (UncheckedIOException e) {
                        LOG.debug("Could not remove the stale folder {}: {}", dir, e.getMessage());
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not look for stale cpcheck folders in {}: {}", root, e.getMessage());
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed {} temporary folder(s) of cpcheck processes that are gone: {}", removed.size(), removed);
        }
        return removed;
    }

    /** Whether the folder names an owner and that owner no longer runs. */
    static boolean ownerGone(Path dir) {
        String line;
        try {
            line = Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8)
                    .strip();
        } catch (NoSuchFileException e) {
            return false; // not ours to judge, or its owner is still writing the file
        } catch (IOException e) {
            return false;
        }
        String[] parts = line.split("\\s+");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // the same pid, reused by a process that started at another time, is not the owner
        String recorded = parts.length > 1 ? parts[1] : "-";
        String now = startTime(process.get());
        return !recorded.equals("-") && !now.equals("-") && !recorded.equals(now);
    }

    static String ownerLine(ProcessHandle process) {
        return process.pid() + " " + startTime(process) + "\n";
    }

    private static String startTime(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("-");
    }

    /** Deletes a file or a folder tree; a missing path is fine. */
    public static void delete(Path dir) {
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
