package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.ExternalTableQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SQL client checks see: a query that names one of the validation's external tables (the
 * manifest, the landing times) is sent with those tables as external data; everything else goes
 * straight to the underlying client.
 */
final class ManifestAwareSql implements SqlClient {
    private final SqlClient delegate;
    private final ExternalTableQueries external;
    private final Map<String, Supplier<ExternalTable>> tables = new LinkedHashMap<>();

    ManifestAwareSql(SqlClient delegate) {
        this.delegate = delegate;
        this.external = delegate instanceof ExternalTableQueries e ? e : null;
    }

    /** Sends {@code table} with every query that names {@code name}. */
    void register(String name, Supplier<ExternalTable> table) {
        tables.put(name, table);
    }

    /** Whether tables travel as external data (else they are inlined into the SQL). */
    boolean sendsExternalData() {
        return external != null;
    }

    @Override
    public List<SqlRow> query(String sql, Map<String, ?> params) {
        if (external != null) {
            List<ExternalTable> named = new ArrayList<>();
            tables.forEach((name, table) -> {
                if (sql.contains(name)) {
                    named.add(table.get());
                }
            });
            if (!named.isEmpty()) {
                return external.query(sql, params, named);
            }
        }
        return delegate.query(sql, params);
    }

    @Override
    public void execute(String sql, Map<String, ?> params) {
        delegate.execute(sql, params);
    }
}
