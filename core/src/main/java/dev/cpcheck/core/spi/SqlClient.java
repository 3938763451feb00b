package dev.cpcheck.core.spi;

import java.util.List;
import java.util.Map;

/**
 * Runs SQL in the ClickHouse that holds the destination table. For aggregations and small
 * results (a few hundred rows at most): checks compute inside ClickHouse and bring back counts
 * and witnesses, never table rows.
 *
 * <p>Parameters use ClickHouse's server-side syntax: {@code {name:Type}} in the SQL and a value
 * in {@code params}.
 */
public interface SqlClient {

    /** Runs a query and returns its rows. */
    List<SqlRow> query(String sql, Map<String, ?> params);

    default List<SqlRow> query(String sql) {
        return query(sql, Map.of());
    }

    /** Runs a query whose result is one number. */
    default long queryLong(String sql, Map<String, ?> params) {
        List<SqlRow> rows = query(sql, params);
        if (rows.isEmpty()) {
            throw new IllegalStateException("query returned no rows: " + sql);
        }
        Object v = rows.get(0).values().values().iterator().next();
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }

    default long queryLong(String sql) {
        return queryLong(sql, Map.of());
    }

    /** Runs a statement that returns nothing (DDL, INSERT). */
    void execute(String sql, Map<String, ?> params);

    default void execute(String sql) {
        execute(sql, Map.of());
    }
}
