package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.internal.util.EmulatorJson;
import dev.cpcheck.emulator.internal.util.FileUtil;
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

    public StoredPipe readSpec() {
        return EmulatorJson.read(dir.resolve("pipe.json"), StoredPipe.class);
    }

    public void writeSpec(StoredPipe spec) {
        EmulatorJson.write(dir.resolve("pipe.json"), spec);
    }

    public LifecycleRecord readStatus() {
        return EmulatorJson.read(dir.resolve("status.json"), LifecycleRecord.class);
    }

    public void writeStatus(LifecycleRecord status) {
        EmulatorJson.write(dir.resolve("status.json"), status);
    }

    public Checkpoint readCheckpoint() {
        Checkpoint c = EmulatorJson.read(dir.resolve("checkpoint.json"), Checkpoint.class);
        return c == null ? Checkpoint.initial() : c;
    }

    public void writeCheckpoint(Checkpoint checkpoint) {
        EmulatorJson.write(dir.resolve("checkpoint.json"), checkpoint);
    }

    public PendingBatch readPending() {
        return EmulatorJson.read(dir.resolve("pending-batch.json"), PendingBatch.class);
    }

    public void writePending(PendingBatch batch) {
        EmulatorJson.write(dir.resolve("pending-batch.json"), batch);
    }

    public void clearPending() {
        FileUtil.deleteDurably(dir.resolve("pending-batch.json"));
    }

    /** Removes the pipe's folder. */
    public void delete() {
        FileUtil.deleteRecursively(dir);
    }
}
