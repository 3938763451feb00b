package dev.cpcheck.engine.steps.internal;

import dev.cpcheck.core.CpcheckException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The file {@code <runs>/current}: the name of the run folder that step commands act on, so each
 * command (a separate process) finds the run the previous one started.
 */
public final class CurrentRunPointer {
    /** File name of the pointer in the runs folder. */
    public static final String FILE = "current";

    private CurrentRunPointer() {}

    /** The folder the pointer names, if there is a pointer. */
    public static Optional<Path> read(Path runsDirectory) {
        Path pointer = runsDirectory.resolve(FILE);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new CpcheckException(pointer + " does not name a run folder ('" + name + "'); delete it");
            }
            return Optional.of(runsDirectory.resolve(name));
        } catch (IOException e) {
            throw new CpcheckException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** Points at {@code runDirectory}, which must be a folder directly under {@code runsDirectory}. */
    public static void write(Path runsDirectory, Path runDirectory) {
        Path pointer = runsDirectory.resolve(FILE);
        try {
            Files.createDirectories(runsDirectory);
            Path tmp = Files.createTempFile(runsDirectory, "." + FILE, ".tmp");
            Files.writeString(tmp, runDirectory.getFileName().toString() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CpcheckException("cannot write " + pointer + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the pointer if it names {@code runDirectory}.
     *
     * @return whether it was removed
     */
    public static boolean clearIfCurrent(Path runsDirectory, Path runDirectory) {
        Optional<Path> current;
        try {
            current = read(runsDirectory);
        } catch (CpcheckException e) {
            return false;
        }
        if (current.isEmpty() || !same(current.get(), runDirectory)) {
            return false;
        }
        try {
            return Files.deleteIfExists(runsDirectory.resolve(FILE));
        } catch (IOException e) {
            throw new CpcheckException("cannot delete " + runsDirectory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static boolean same(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        if (x.equals(y)) {
            return true;
        }
        try {
            return Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
        } catch (IOException e) {
            return false;
        }
    }
}
