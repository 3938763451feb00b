package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.ExternalTableQueries;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SQL client checks see: queries that name the manifest relation are sent with the manifest
 * as external data; everything else goes straight to the underlying client.
 */
final class ManifestAwareSql implements SqlClient {
    private final SqlClient delegate;
    private final ExternalTableQueries external;
    private final Supplier<ExternalTable> manifest;

    ManifestAwareSql(SqlClient delegate, Supplier<ExternalTable> manifest) {
        this.delegate = delegate;
        this.external = delegate instanceof ExternalTableQueries e ? e : null;
        this.manifest = manifest;
    }

    /** Whether the manifest travels as external data (else it is inlined into the SQL). */
    boolean sendsExternalData() {
        return external != null;
    }

    @Override
    public List<SqlRow> query(String sql, Map<String, ?> params) {
        if (external != null && sql.contains(ManifestTable.NAME)) {
            return external.query(sql, params, manifest.get());
        }
        return delegate.query(sql, params);
    }

    @Override
    public void execute(String sql, Map<String, ?> params) {
        delegate.execute(sql, params);
    }
}
