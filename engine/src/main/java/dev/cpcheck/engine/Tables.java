package dev.cpcheck.engine;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.engine.internal.EngineParts;
import dev.cpcheck.validation.ClickHouseTable;

/**
 * Destination tables by name, in the engine's database: for a pipe made outside a run (e.g. with
 * Terraform), which needs its table before it exists. A run's own table comes with the run.
 *
 * <pre>{@code
 * boolean created = engine.tables().create("cpcheck_terraform");
 * }</pre>
 */
public final class Tables {
    private final EngineParts parts;

    Tables(EngineParts parts) {
        this.parts = parts;
    }

    /**
     * The table of this name in the engine's database.
     *
     * @throws ConfigException when the name is not a plain ClickHouse identifier
     */
    public DestinationSpec named(String table) {
        try {
            return new DestinationSpec(parts.database(), table);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("table name: " + e.getMessage());
        }
    }

    /** Creates the table with cpcheck's schema unless it exists; {@code true} when this call created it. */
    public boolean create(String table) {
        return parts.table(named(table)).create();
    }

    /** Drops the table; dropping a table that is gone is not an error. */
    public void drop(String table) {
        parts.table(named(table)).drop();
    }

    /** Whether the table exists. */
    public boolean exists(DestinationSpec table) {
        return parts.table(table).exists();
    }

    /** Totals of every row in the table (all runs). */
    public TableTotals totals(DestinationSpec table) {
        return totals(parts.table(table), null);
    }

    static TableTotals totals(ClickHouseTable table, String runId) {
        ClickHouseTable.Totals t = table.totals(runId);
        return new TableTotals(t.rows(), t.files(), t.runs(), t.firstIngestedAt(), t.lastIngestedAt());
    }
}
