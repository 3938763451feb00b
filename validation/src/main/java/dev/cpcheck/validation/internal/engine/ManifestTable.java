package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
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
            + " expectation String, uploaded_ms Int64, key_or_empty String";

    private final String tsv;
    private final String prefix;

    private ManifestTable(String tsv, String prefix) {
        this.tsv = tsv;
        this.prefix = prefix;
    }

    public static ManifestTable of(Manifest manifest) {
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
                    .append(derived ? "" : SqlParams.escapeString(f.key()))
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
     * outcome, expectation, uploaded_at DateTime64(3, 'UTC')}) plus {@code file_key}, the object
     * key, reading from {@code source} (the external table, or the inline rows).
     */
    public String relation(boolean external) {
        String source = external
                ? NAME
                : "format(TabSeparated, " + SqlParams.literal(STRUCTURE) + ", " + SqlParams.literal(tsv) + ")";
        return "(SELECT file_name, file_id, phase, rows, outcome, expectation,"
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
