package dev.cpcheck.engine.steps;

import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyTemplate;
import java.util.Objects;

/**
 * Fixture settings of a {@link StepRun}, fixed when the run starts and recorded in its history
 * so later step commands write the same kind of files.
 *
 * <pre>{@code
 * StepOptions options = StepOptions.defaults().withCompression(Compression.GZIP);
 * }</pre>
 *
 * @param format       file format of every fixture file
 * @param compression  compression of every fixture file
 * @param rowsPerFile  rows per file when an upload does not say
 * @param payloadBytes bytes of the {@code payload} column per row
 * @param seed         seed of the deterministic file content
 * @param keyTemplate  how file names are formed ({@link KeyTemplate#DEFAULT} when null)
 */
public record StepOptions(
        FileFormat format,
        Compression compression,
        long rowsPerFile,
        int payloadBytes,
        long seed,
        KeyTemplate keyTemplate) {
    public StepOptions {
        keyTemplate = keyTemplate == null ? KeyTemplate.DEFAULT : keyTemplate;
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("rowsPerFile must be >= 1, was " + rowsPerFile);
        }
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes must be >= 0, was " + payloadBytes);
        }
    }

    /** JSONEachRow, uncompressed, 3 rows per file, 16 payload bytes, seed 1: what the seed scenario writes. */
    public static StepOptions defaults() {
        return new StepOptions(FileFormat.JSON_EACH_ROW, Compression.NONE, 3, 16, 1, KeyTemplate.DEFAULT);
    }

    public StepOptions withFormat(FileFormat format) {
        return new StepOptions(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public StepOptions withCompression(Compression compression) {
        return new StepOptions(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public StepOptions withRowsPerFile(long rowsPerFile) {
        return new StepOptions(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public StepOptions withPayloadBytes(int payloadBytes) {
        return new StepOptions(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public StepOptions withSeed(long seed) {
        return new StepOptions(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public StepOptions withKeyTemplate(KeyTemplate keyTemplate) {
        return new StepOptions(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }
}
