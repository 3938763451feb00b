package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.emulator.internal.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one pipe under {@code <state dir>/pipes/<id>/}:
 * <ul>
 *   <li>{@code pipe.json}: the configuration, secrets included;</li>
 *   <li>{@code status.json}: state, pending transition, fault mode override;</li>
 *   <li>{@code checkpoint.json}: greatest ingested key, batch sequence, last batch, counters;</li>
 *   <li>{@code pending-batch.json}: the batch being ingested (write-ahead) and its phase, absent when idle.</li>
 * </ul>
 * Each JSON file is replaced atomically (temp file, fsync, rename).
 */
public final class PipeStore {
    private final Path dir;

    public PipeStore(Path dir) {
        this.dir = dir;
    }

    public static Path pipesRoot(Path stateDir) {
        return stateDir.resolve("pipes");
    }

    /** The pipe folders that hold a configuration, in name order. */
    public static List<PipeStore> list(Path stateDir) {
        Path root = pipesRoot(stateDir);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            List<PipeStore> result = new ArrayList<>();
            dirs.filter(d -> Files.isRegularFile(d.resolve("pipe.json")))
                    .sorted()
                    .forEach(d -> result.add(new PipeStore(d)));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + root, e);
        }
    }

    public Path directory() {
        return dir;
    }

    public PipeSpec readSpec() {
        return Json.read(dir.resolve("pipe.json"), PipeSpec.class);
    }

    public void writeSpec(PipeSpec spec) {
        Json.write(dir.resolve("pipe.json"), spec);
    }

    public PipeStatus readStatus() {
        return Json.read(dir.resolve("status.json"), PipeStatus.class);
    }

    public void writeStatus(PipeStatus status) {
        Json.write(dir.resolve("status.json"), status);
    }

    public Checkpoint readCheckpoint() {
        Checkpoint c = Json.read(dir.resolve("checkpoint.json"), Checkpoint.class);
        return c == null ? Checkpoint.initial() : c;
    }

    public void writeCheckpoint(Checkpoint checkpoint) {
        Json.write(dir.resolve("checkpoint.json"), checkpoint);
    }

    public PendingBatch readPending() {
        return Json.read(dir.resolve("pending-batch.json"), PendingBatch.class);
    }

    public void writePending(PendingBatch batch) {
        Json.write(dir.resolve("pending-batch.json"), batch);
    }

    public void clearPending() {
        FileUtil.deleteDurably(dir.resolve("pending-batch.json"));
    }

    /** Removes the pipe's folder. */
    public void delete() {
        FileUtil.deleteRecursively(dir);
    }
}
