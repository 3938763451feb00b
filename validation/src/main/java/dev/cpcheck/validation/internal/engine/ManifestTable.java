package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Instant;

/**
 * The manifest as a table ClickHouse can join: its rows are sent as external data named
 * {@value #NAME} with each query that uses it (no session, no temporary table, any replica), or
 * inlined as a {@code format()} table function when the SQL client cannot send external data.
 *
 * <p>The rows travel compactly (times as epoch milliseconds, a key left empty when it is the
 * manifest prefix plus the file name, ~55 bytes a file); {@link #relation} restores the documented
 * columns.
 */
public final class ManifestTable {
    /** Name of the external table. */
    public static final String NAME = "cpcheck_manifest";

    /** Columns as sent. */
    static final String STRUCTURE = "file_name String, file_id UInt32, phase String, rows UInt64, outcome String,"
            + " expectation String, uploaded_ms Int64, key_or_empty String, digest UInt64, has_digest UInt8,"
            + " gen_key UInt64, gen_base Int64, payload_bytes UInt32, regen UInt8";

    private final String tsv;
    private final String prefix;

    private ManifestTable(String tsv, String prefix) {
        this.tsv = tsv;
        this.prefix = prefix;
    }

    /**
     * The manifest's rows. With {@code content}, {@code digest} is each file's recorded content
     * digest and {@code regen} says whether its rows can be regenerated in SQL ({@code gen_key},
     * {@code gen_base}, {@code payload_bytes}); without, {@code digest} is the file's identity
     * digest, computed here from its rows and name.
     */
    public static ManifestTable of(Manifest manifest, boolean content) {
        String prefix = manifest.prefix() == null ? "" : manifest.prefix();
        StringBuilder sb = new StringBuilder(manifest.files().size() * 64);
        for (ManifestFile f : manifest.files()) {
            Instant uploaded = f.uploadFinishedAt() != null
                    ? f.uploadFinishedAt()
                    : f.uploadStartedAt() != null ? f.uploadStartedAt() : Instant.EPOCH;
            boolean derived = f.key().equals(prefix + f.fileName());
            sb.append(SqlParams.escapeString(f.fileName()))
                    .append('\t')
                    .append(f.fileId())
                    .append('\t')
                    .append(SqlParams.escapeString(f.phase() == null ? "" : f.phase()))
                    .append('\t')
                    .append(f.rows())
                    .append('\t')
                    .append(f.outcome().id())
                    .append('\t')
                    .append(f.expectation().id())
                    .append('\t')
                    .append(uploaded.toEpochMilli())
                    .append('\t')
                    .append(derived ? "" : SqlParams.escapeString(f.key()));
            long digest = 0;
            boolean hasDigest;
            if (content) {
                hasDigest = f.digest() != null;
                digest = hasDigest ? f.digestValue().getAsLong() : 0;
            } else {
                hasDigest = true;
                digest = RowDigest.fileIdentity(f.fileId(), f.rows(), f.fileName());
            }
            boolean regen = content && f.regenerable();
            RowGenerator g = regen ? new RowGenerator(f.seed(), manifest.runId()) : null;
            sb.append('\t')
                    .append(Long.toUnsignedString(digest))
                    .append('\t')
                    .append(hasDigest ? 1 : 0)
                    .append('\t')
                    .append(regen ? Long.toUnsignedString(g.payloadKey()) : "0")
                    .append('\t')
                    .append(regen ? g.baseMillis() : 0)
                    .append('\t')
                    .append(regen ? f.payloadBytes() : 0)
                    .append('\t')
                    .append(regen ? 1 : 0)
                    .append('\n');
        }
        return new ManifestTable(sb.toString(), prefix);
    }

    /** The manifest's rows as external data named {@link #NAME}. */
    public ExternalTable external() {
        return ExternalTable.tabSeparated(NAME, STRUCTURE, tsv);
    }

    /**
     * A table expression with the documented columns ({@code file_name, file_id, phase, rows,
     * outcome, expectation, uploaded_at DateTime64(3, 'UTC'), digest UInt64, has_digest UInt8}) plus
     * {@code file_key}, the object key, and the generator's {@code gen_key, gen_base,
     * payload_bytes, regen}, reading from {@code source} (the external table, or the inline rows).
     */
    public String relation(boolean external) {
        String source = external
                ? NAME
                : "format(TabSeparated, " + SqlParams.literal(STRUCTURE) + ", " + SqlParams.literal(tsv) + ")";
        return "(SELECT file_name, file_id, phase, rows, outcome, expectation, digest, has_digest, gen_key,"
                + " gen_base, payload_bytes, regen,"
                + " fromUnixTimestamp64Milli(uploaded_ms, 'UTC') AS uploaded_at,"
                + " if(key_or_empty = '', concat(" + SqlParams.literal(prefix)
                + ", file_name), key_or_empty) AS file_key"
                + " FROM " + source + ")";
    }

    /** Size of the rows in bytes (as characters). */
    public int size() {
        return tsv.length();
    }
}
