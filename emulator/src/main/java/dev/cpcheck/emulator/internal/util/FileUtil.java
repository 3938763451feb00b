package dev.cpcheck.emulator.internal.util;

import dev.cpcheck.localstack.OwnedTempDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** Durable file writes and recursive helpers. */
public final class FileUtil {
    private FileUtil() {}

    /**
     * Replaces {@code target} with {@code content} so that a crash at any point leaves either the
     * old or the new content, never a mix: write a sibling temp file, fsync it, rename it over the
     * target, fsync the directory.
     */
    public static void writeAtomically(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                try (FileChannel ch =
                        FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.wrap(content));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }

    /** Deletes a file and makes the deletion durable. */
    public static void deleteDurably(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                fsyncDirectory(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + file, e);
        }
    }

    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Flushes a directory entry change (rename, create, delete); a no-op where not supported. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory as a channel; the rename is still atomic there
        }
    }

    /** Deletes a file or folder tree; missing paths are fine (the stack module's one deletion). */
    public static void deleteRecursively(Path root) {
        OwnedTempDirectory.delete(root);
    }

    /** Total size of the regular files under {@code root}; 0 when it does not exist. */
    public static long sizeOf(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.mapToLong(p -> {
                        try {
                            return Files.isRegularFile(p) ? Files.size(p) : 0;
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
