package dev.cpcheck.core.spi;

import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.KeyTemplate;
import java.util.Objects;

/**
 * A batch of fixture files to write.
 *
 * @param runId        run id, written into every row
 * @param phase        phase label, written into every row
 * @param firstFileId  file id of the first file; the others follow consecutively
 * @param count        number of files
 * @param rowsPerFile  rows in each file
 * @param payloadBytes bytes of the {@code payload} column per row
 * @param format       file format
 * @param compression  file compression
 * @param placement    where the keys sort relative to earlier keys
 * @param seed         seed of the deterministic content (same seed, same bytes)
 * @param keyTemplate  how file names are formed from file ids ({@link KeyTemplate#DEFAULT} when null)
 */
public record FileBatch(
        String runId,
        String phase,
        long firstFileId,
        int count,
        long rowsPerFile,
        int payloadBytes,
        FileFormat format,
        Compression compression,
        KeyPlacement placement,
        long seed,
        KeyTemplate keyTemplate) {
    public FileBatch {
        keyTemplate = keyTemplate == null ? KeyTemplate.DEFAULT : keyTemplate;
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(placement, "placement");
        if (firstFileId < 1) {
            throw new IllegalArgumentException("firstFileId must be >= 1, was " + firstFileId);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("rowsPerFile must be >= 1, was " + rowsPerFile);
        }
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes must be >= 0, was " + payloadBytes);
        }
    }

    /** A batch named with the {@linkplain KeyTemplate#DEFAULT default key template}. */
    public FileBatch(
            String runId,
            String phase,
            long firstFileId,
            int count,
            long rowsPerFile,
            int payloadBytes,
            FileFormat format,
            Compression compression,
            KeyPlacement placement,
            long seed) {
        this(
                runId,
                phase,
                firstFileId,
                count,
                rowsPerFile,
                payloadBytes,
                format,
                compression,
                placement,
                seed,
                KeyTemplate.DEFAULT);
    }
}
