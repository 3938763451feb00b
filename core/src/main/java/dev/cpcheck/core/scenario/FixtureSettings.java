package dev.cpcheck.core.scenario;

import java.util.Objects;

/**
 * What the fixture files of a run look like: format, compression, size, content seed and names.
 * A scenario carries them ({@link Scenario#fixtures()}); a run driven step by step fixes them when
 * it starts and records them in its history (as {@code options}), so that later steps write the
 * same kind of files.
 *
 * <pre>{@code
 * FixtureSettings settings = FixtureSettings.defaults().withCompression(Compression.GZIP);
 * }</pre>
 *
 * @param format       file format of every fixture file
 * @param compression  compression of every fixture file
 * @param rowsPerFile  rows per file when a write does not say
 * @param payloadBytes bytes of the {@code payload} column per row
 * @param seed         seed of the deterministic file content
 * @param keyTemplate  how file names are formed ({@link KeyTemplate#DEFAULT} when null)
 */
public record FixtureSettings(
        FileFormat format,
        Compression compression,
        long rowsPerFile,
        int payloadBytes,
        long seed,
        KeyTemplate keyTemplate) {
    public FixtureSettings {
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
    public static FixtureSettings defaults() {
        return new FixtureSettings(FileFormat.JSON_EACH_ROW, Compression.NONE, 3, 16, 1, KeyTemplate.DEFAULT);
    }

    /** The file name suffix of every file, e.g. {@code .json.gz}. */
    public String fileSuffix() {
        return "." + format.extension() + compression.suffix();
    }

    public FixtureSettings withFormat(FileFormat format) {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public FixtureSettings withCompression(Compression compression) {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public FixtureSettings withRowsPerFile(long rowsPerFile) {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public FixtureSettings withPayloadBytes(int payloadBytes) {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public FixtureSettings withSeed(long seed) {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    public FixtureSettings withKeyTemplate(KeyTemplate keyTemplate) {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }
}
