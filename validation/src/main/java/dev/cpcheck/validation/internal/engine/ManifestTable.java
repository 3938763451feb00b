package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Instant;

/**
 * The manifest as a table ClickHouse can join: sent as external data with the query that uses it
 * (no session, no temporary table, any replica), or inlined as a {@code format()} table function
 * when the SQL client cannot send external data.
 */
public final class ManifestTable {
    /** Name of the external table, and so of the relation in SQL. */
    public static final String NAME = "cpcheck_manifest";

    /** Columns, as documented by {@code CheckContext#manifestRelation()}, plus the object key. */
    public static final String STRUCTURE = "file_name String, file_id UInt32, phase String, rows UInt64, outcome String,"
            + " expectation String, uploaded_at DateTime64(3, 'UTC'), file_key String";

    private final String tsv;

    private ManifestTable(String tsv) {
        this.tsv = tsv;
    }

    public static ManifestTable of(Manifest manifest) {
        StringBuilder sb = new StringBuilder(manifest.files().size() * 96);
        for (ManifestFile f : manifest.files()) {
            Instant uploaded = f.uploadFinishedAt() != null ? f.uploadFinishedAt()
                    : f.uploadStartedAt() != null ? f.uploadStartedAt() : Instant.EPOCH;
            sb.append(SqlParams.escapeString(f.fileName())).append('\t')
                    .append(f.fileId()).append('\t')
                    .append(SqlParams.escapeString(f.phase() == null ? "" : f.phase())).append('\t')
                    .append(f.rows()).append('\t')
                    .append(f.outcome().id()).append('\t')
                    .append(f.expectation().id()).append('\t')
                    .append(SqlParams.utc(uploaded)).append('\t')
                    .append(SqlParams.escapeString(f.key())).append('\n');
        }
        return new ManifestTable(sb.toString());
    }

    /** The manifest as external data named {@link #NAME}. */
    public ExternalTable external() {
        return ExternalTable.tabSeparated(NAME, STRUCTURE, tsv);
    }

    /** The manifest inline: {@code format(TabSeparated, '...', '...')}. Large manifests make large queries. */
    public String inline() {
        return "format(TabSeparated, " + SqlParams.literal(STRUCTURE) + ", " + SqlParams.literal(tsv) + ")";
    }

    /** Size of the rows in bytes. */
    public int size() {
        return tsv.length();
    }
}
