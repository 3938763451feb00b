package dev.cpcheck.core.schema;

import java.util.Objects;

/**
 * A column: name and ClickHouse type, optionally a default expression.
 *
 * @param name          column name
 * @param type          ClickHouse type, e.g. {@code UInt32}
 * @param defaultExpr   DEFAULT expression, or {@code null}
 */
public record Column(String name, String type, String defaultExpr) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Column of(String name, String type) {
        return new Column(name, type, null);
    }

    /** The column as it appears in CREATE TABLE. */
    public String ddl() {
        return RowSchema.quote(name) + " " + type + (defaultExpr == null ? "" : " DEFAULT " + defaultExpr);
    }
}
