package dev.cpcheck.validation.internal.sql;

import dev.cpcheck.core.spi.SqlRow;
import java.util.List;
import java.util.Map;

/** A SQL client that can send {@link ExternalTable}s with a query. */
public interface ExternalTableQueries {

    /** Runs a query that may refer to each of {@code tables} by its name. */
    List<SqlRow> query(String sql, Map<String, ?> params, List<ExternalTable> tables);

    /** Runs a query that may refer to {@code table} by its name. */
    default List<SqlRow> query(String sql, Map<String, ?> params, ExternalTable table) {
        return query(sql, params, List.of(table));
    }
}
