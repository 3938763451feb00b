package dev.cpcheck.s3;

import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.s3.internal.FileContent;
import dev.cpcheck.s3.internal.FileEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One planned fixture file: its key and the batch it belongs to. The content is not held; it is
 * generated, deterministically, each time it is written, so a file of any size costs constant
 * memory.
 *
 * <pre>{@code
 * for (FixtureFile f : Fixtures.plan("cpcheck/20261123-213000-3fa9c1/", batch)) {
 *     try (OutputStream out = Files.newOutputStream(dir.resolve(f.fileName()))) {
 *         f.writeTo(out);
 *     }
 * }
 * }</pre>
 *
 * @param key    full object key, e.g. {@code cpcheck/20261123-213000-3fa9c1/f00000007.json.gz}
 * @param fileId the {@code file_id} of every row
 * @param batch  the batch that defines rows, phase, format, compression and seed
 */
public record FixtureFile(String key, long fileId, FileBatch batch) {

    public FixtureFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(batch, "batch");
    }

    /** Last path segment of the key: what ClickHouse's {@code _file} virtual column gives. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Rows in the file. */
    public long rows() {
        return batch.rowsPerFile();
    }

    /** {@code phase} of every row. */
    public String phase() {
        return batch.phase();
    }

    /**
     * Writes the file's bytes, format and compression applied, exactly as they are stored. Does
     * not close {@code out}.
     */
    public void writeTo(OutputStream out) throws IOException {
        FileEncoder.write(content(), batch.format(), batch.compression(), out);
    }

    /**
     * The file's {@linkplain dev.cpcheck.core.manifest.RowDigest content digest} as its rows land
     * in the destination table ({@code source_file} = {@link #fileName()}): what the manifest
     * records for the checks. Regenerates the rows, so it costs about one pass of generation.
     */
    public long digest() {
        return new RowGenerator(batch.seed(), batch.runId())
                .fileDigest(fileId, batch.rowsPerFile(), batch.phase(), batch.payloadBytes(), fileName());
    }

    /** The file's bytes in memory; for small files and tests ({@link #writeTo} streams). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    FileContent content() {
        return new FileContent(
                batch.runId(),
                batch.phase(),
                fileId,
                batch.rowsPerFile(),
                batch.payloadBytes(),
                new RowGenerator(batch.seed(), batch.runId()));
    }
}
