package dev.cpcheck.core.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.CorruptRunFolderException;
import dev.cpcheck.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ground truth of a run: every file written to the source, in write order. Written to
 * {@code manifest.json} in the run folder after every batch, so a crash keeps what was written.
 *
 * @param runId       run id; every row written carries it in {@code run_id}
 * @param source      id of the source provider, e.g. {@code s3}
 * @param bucket      bucket (or container) name
 * @param prefix      run prefix under which all files were written (ends with {@code /})
 * @param format      ClickHouse format name, e.g. {@code JSONEachRow}
 * @param compression compression id, e.g. {@code none}, {@code gzip}
 * @param createdAt   when the manifest was started
 * @param files       the files, in write order
 * @param rowDigest   the {@link RowDigest} definition the files' digests follow
 *                    ({@link RowDigest#VERSION}), or {@code null} when no file records one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String runId,
        String source,
        String bucket,
        String prefix,
        String format,
        String compression,
        Instant createdAt,
        List<ManifestFile> files,
        String rowDigest) {

    public Manifest {
        Objects.requireNonNull(runId, "runId");
        files = List.copyOf(files == null ? List.of() : files);
        if (rowDigest == null && files.stream().anyMatch(f -> f.digest() != null)) {
            rowDigest = RowDigest.VERSION;
        }
    }

    /** A manifest as earlier versions wrote it; the digest definition follows from the files. */
    public Manifest(
            String runId,
            String source,
            String bucket,
            String prefix,
            String format,
            String compression,
            Instant createdAt,
            List<ManifestFile> files) {
        this(runId, source, bucket, prefix, format, compression, createdAt, files, null);
    }

    /** An empty manifest for a run. */
    public static Manifest start(
            String runId,
            String source,
            String bucket,
            String prefix,
            String format,
            String compression,
            Instant createdAt) {
        return new Manifest(runId, source, bucket, prefix, format, compression, createdAt, List.of());
    }

    /** The same manifest with {@code change} applied to every file (e.g. a new expectation). */
    public Manifest mapFiles(java.util.function.UnaryOperator<ManifestFile> change) {
        return new Manifest(
                runId,
                source,
                bucket,
                prefix,
                format,
                compression,
                createdAt,
                files.stream().map(change).toList(),
                rowDigest);
    }

    /** A copy with more files appended. */
    public Manifest withFiles(List<ManifestFile> more) {
        List<ManifestFile> all = new ArrayList<>(files);
        all.addAll(more);
        return new Manifest(runId, source, bucket, prefix, format, compression, createdAt, all, rowDigest);
    }

    /** Files acknowledged by the store and expected to be ingested. */
    @JsonIgnore
    public List<ManifestFile> expectedFiles() {
        return files.stream().filter(ManifestFile::isExpected).toList();
    }

    /** Rows in {@link #expectedFiles()}. */
    @JsonIgnore
    public long expectedRows() {
        return expectedFiles().stream().mapToLong(ManifestFile::rows).sum();
    }

    /** The expected file whose key sorts highest: once it is ingested, no lower key will be. */
    @JsonIgnore
    public Optional<ManifestFile> lastExpectedFile() {
        return expectedFiles().stream().max(Comparator.comparing(ManifestFile::key));
    }

    /**
     * Whether the files' digests can be compared: every file the pipe owes records one, in the
     * definition this version computes ({@link RowDigest#VERSION}).
     */
    @JsonIgnore
    public boolean hasContentDigests() {
        List<ManifestFile> owed = expectedFiles();
        return RowDigest.VERSION.equals(rowDigest)
                && !owed.isEmpty()
                && owed.stream().allMatch(f -> f.digest() != null);
    }

    public Optional<ManifestFile> byFileName(String fileName) {
        return files.stream().filter(f -> f.fileName().equals(fileName)).findFirst();
    }

    /** Writes this manifest as JSON, atomically (temp file + rename). */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".manifest", ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a manifest written by {@link #write}. */
    public static Manifest read(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), Manifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CorruptRunFolderException(
                    file + " is not a manifest of cpcheck (" + e.getOriginalMessage() + "); is this a run folder?", e);
        } catch (IOException e) {
            throw new CpcheckException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
