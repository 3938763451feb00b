package dev.cpcheck.validation.internal.sql;

import dev.cpcheck.core.spi.SqlRow;
import java.util.List;
import java.util.Map;

/** A SQL client that can send an {@link ExternalTable} with a query. */
public interface ExternalTableQueries {

    /** Runs a query that may refer to {@code table} by its name. */
    List<SqlRow> query(String sql, Map<String, ?> params, ExternalTable table);
}
