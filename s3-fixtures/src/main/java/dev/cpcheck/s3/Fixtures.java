package dev.cpcheck.s3;

import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.KeyTemplate;
import dev.cpcheck.core.spi.FileBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deterministic fixture files: key layout, file plans and row values. Pure functions, no I/O:
 * usable without S3, e.g. to write fixtures to a local folder or to compute what a check expects.
 *
 * <h2>Key layout</h2>
 * <pre>
 * &lt;prefix&gt;/&lt;run id&gt;/                    run prefix: everything of a run lives below it
 * &lt;run prefix&gt;.cpcheck-run              run marker, written before the first file (see {@link S3Fixture})
 * &lt;run prefix&gt;f00000007.json.gz         file 7 of the run, {@link KeyPlacement#APPEND}
 * &lt;run prefix&gt;e00000010.json.gz         file 10, {@link KeyPlacement#BELOW_CHECKPOINT}: sorts below every f key
 * </pre>
 * File ids are zero-padded to 8 digits, so keys sort lexicographically in creation order, and
 * {@code e} sorts below {@code f}; both match the run's URL glob {@code <run prefix>*.json.gz}
 * while the marker does not. A {@link KeyTemplate} in the batch changes the name part, e.g.
 * {@code events-{id:6}} gives {@code events-000007.json.gz} and {@code dvents-000010.json.gz}.
 *
 * <h2>Rows</h2>
 * Every row is a function of (seed, run id, file id, row id): the same batch gives byte-identical
 * files in every format and compression.
 *
 * <pre>{@code
 * String prefix = Fixtures.runPrefix("cpcheck", runId);               // cpcheck/<runId>/
 * FileBatch batch = new FileBatch(runId, "initial", 1, 6, 3, 64, FileFormat.JSON_EACH_ROW,
 *         Compression.GZIP, KeyPlacement.APPEND, 42L);
 * List<FixtureFile> files = Fixtures.plan(prefix, batch);             // f00000001.json.gz ... f00000006.json.gz
 * byte[] first = files.get(0).toBytes();
 * FixtureRow row = Fixtures.row(batch, 1, 1);                         // what ClickHouse should read back
 * }</pre>
 */
public final class Fixtures {
    /** Name of the run marker object, directly under the run prefix. */
    public static final String MARKER_NAME = ".cpcheck-run";
    /** Largest file id of the default key template: ids are zero-padded to 8 digits to keep keys in creation order. */
    public static final long MAX_FILE_ID = KeyTemplate.DEFAULT.maxFileId();
    /** Largest row count per file: {@code row_id} is a UInt32. */
    public static final long MAX_ROWS_PER_FILE = 0xFFFF_FFFFL;

    /** Characters allowed in a base prefix segment; glob characters would break the pipe's URL. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9!_.'()-]+");

    private Fixtures() {}

    /**
     * The run prefix {@code <basePrefix>/<runId>/}. Leading and trailing slashes of the base are
     * ignored; an empty base gives {@code <runId>/}.
     *
     * @throws IllegalArgumentException if {@code runId} is not a run id ({@link RunIds#isRunId}) or
     *                                  the base prefix has characters a URL glob would misread
     */
    public static String runPrefix(String basePrefix, String runId) {
        if (!RunIds.isRunId(runId)) {
            throw new IllegalArgumentException(
                    "'" + runId + "' is not a run id (yyyyMMdd-HHmmss-xxxxxx); " + "make one with RunIds.newRunId()");
        }
        String base = normalizeBasePrefix(basePrefix);
        return base.isEmpty() ? runId + "/" : base + "/" + runId + "/";
    }

    /**
     * A base prefix without leading or trailing slashes, checked.
     *
     * @throws IllegalArgumentException naming the allowed characters
     */
    public static String normalizeBasePrefix(String basePrefix) {
        String base = basePrefix == null ? "" : basePrefix.trim();
        while (base.startsWith("/")) {
            base = base.substring(1);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            return base;
        }
        for (String segment : base.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(
                        "S3 prefix '" + basePrefix + "' is not usable: use segments of "
                                + "letters, digits and !_.'()- separated by single '/' (no '*', '?', '{', '[' or empty segments)");
            }
        }
        return base;
    }

    /**
     * The run id of a run prefix {@code .../<runId>/}, if it is one.
     */
    public static Optional<String> runIdOf(String runPrefix) {
        if (runPrefix == null || !runPrefix.endsWith("/") || runPrefix.startsWith("/")) {
            return Optional.empty();
        }
        String withoutSlash = runPrefix.substring(0, runPrefix.length() - 1);
        String last = withoutSlash.substring(withoutSlash.lastIndexOf('/') + 1);
        return RunIds.isRunId(last) ? Optional.of(last) : Optional.empty();
    }

    /** Key of the run marker of a run prefix. */
    public static String markerKey(String runPrefix) {
        return requireRunPrefix(runPrefix) + MARKER_NAME;
    }

    /**
     * Key of a fixture file with the {@linkplain KeyTemplate#DEFAULT default template}:
     * {@code <run prefix>f<8-digit id>.<ext><suffix>} for {@link KeyPlacement#APPEND},
     * {@code e...} for {@link KeyPlacement#BELOW_CHECKPOINT}.
     */
    public static String key(
            String runPrefix, long fileId, FileFormat format, Compression compression, KeyPlacement placement) {
        return key(runPrefix, fileId, format, compression, placement, KeyTemplate.DEFAULT);
    }

    /**
     * Key of a fixture file: {@code <run prefix><name of the template>.<ext><suffix>}, e.g.
     * {@code events-000007.json.gz} for {@code events-{id:6}}.
     *
     * @throws IllegalArgumentException if the id does not fit the template's width
     */
    public static String key(
            String runPrefix,
            long fileId,
            FileFormat format,
            Compression compression,
            KeyPlacement placement,
            KeyTemplate template) {
        return requireRunPrefix(runPrefix) + template.name(fileId, placement) + "." + format.extension()
                + compression.suffix();
    }

    /**
     * The glob (relative to the bucket) that matches exactly the run's files of one format and
     * compression: {@code <run prefix>*.<ext><suffix>}.
     */
    public static String keyGlob(String runPrefix, FileFormat format, Compression compression) {
        return requireRunPrefix(runPrefix) + "*." + format.extension() + compression.suffix();
    }

    /**
     * The files of a batch, in file id order.
     *
     * @throws IllegalArgumentException if file ids or row counts are out of range, or the run
     *                                  prefix does not belong to the batch's run
     */
    public static List<FixtureFile> plan(String runPrefix, FileBatch batch) {
        Objects.requireNonNull(batch, "batch");
        String prefixRunId = runIdOf(requireRunPrefix(runPrefix)).orElse(null);
        if (prefixRunId != null && !prefixRunId.equals(batch.runId())) {
            throw new IllegalArgumentException("batch of run " + batch.runId() + " cannot be written under the prefix "
                    + runPrefix + " of run " + prefixRunId);
        }
        long last = batch.firstFileId() + batch.count() - 1;
        if (last > batch.keyTemplate().maxFileId()) {
            throw new IllegalArgumentException("file ids " + batch.firstFileId() + ".." + last + " exceed "
                    + batch.keyTemplate().maxFileId() + ", the largest id of key template " + batch.keyTemplate());
        }
        if (batch.rowsPerFile() > MAX_ROWS_PER_FILE) {
            throw new IllegalArgumentException(
                    "rows per file " + batch.rowsPerFile() + " exceed " + MAX_ROWS_PER_FILE + " (row_id is a UInt32)");
        }
        List<FixtureFile> files = new ArrayList<>(batch.count());
        for (long id = batch.firstFileId(); id <= last; id++) {
            files.add(new FixtureFile(
                    key(runPrefix, id, batch.format(), batch.compression(), batch.placement(), batch.keyTemplate()),
                    id,
                    batch));
        }
        return List.copyOf(files);
    }

    /** Row {@code rowId} (1-based) of file {@code fileId} of a batch, as every format writes it. */
    public static FixtureRow row(FileBatch batch, long fileId, long rowId) {
        if (rowId < 1 || rowId > batch.rowsPerFile()) {
            throw new IllegalArgumentException("row id " + rowId + " is outside 1.." + batch.rowsPerFile());
        }
        RowGenerator values = new RowGenerator(batch.seed(), batch.runId());
        return new FixtureRow(
                batch.runId(),
                fileId,
                rowId,
                batch.phase(),
                Instant.ofEpochMilli(values.eventTimeMillis(fileId, rowId)),
                values.payload(fileId, rowId, batch.payloadBytes()));
    }

    private static String requireRunPrefix(String runPrefix) {
        Objects.requireNonNull(runPrefix, "runPrefix");
        if (!runPrefix.endsWith("/")) {
            throw new IllegalArgumentException("run prefix '" + runPrefix + "' must end with '/'");
        }
        return runPrefix;
    }
}
