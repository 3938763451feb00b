package dev.cpcheck.core.spi;

import dev.cpcheck.core.schema.RowSchema;

/**
 * Where a pipe writes: database and table.
 *
 * @param database database name
 * @param table    table name
 */
public record DestinationSpec(String database, String table) {
    public DestinationSpec {
        RowSchema.requireIdentifier(database, "database");
        RowSchema.requireIdentifier(table, "table");
    }

    /** {@code `db`.`table`}. */
    public String qualified() {
        return RowSchema.qualified(database, table);
    }
}
