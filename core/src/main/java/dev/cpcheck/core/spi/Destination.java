package dev.cpcheck.core.spi;

import dev.cpcheck.core.scenario.TableChange;
import java.time.Instant;

/**
 * The destination table in ClickHouse, as the runner needs it: create, observe, drop.
 * Observation is SQL on the table, never the cloud API (which is rate limited).
 */
public interface Destination {

    /** The table. */
    DestinationSpec spec();

    /**
     * Creates the table if this run owns it.
     *
     * @return {@code true} if the table was created by this call (and should be dropped at cleanup)
     */
    boolean prepare();

    /** Counts of the run's rows in the table. */
    IngestionSnapshot snapshot();

    /** The ClickHouse server's clock ({@code now64(3)}): rows' {@code ingested_at} use it. */
    Instant serverTime();

    /**
     * Whether the pipe creates this table ({@code managedTable: true}): the run creates nothing
     * before the pipe, yet owns the table once the pipe exists, so its clean-up drops it.
     */
    default boolean createdByPipe() {
        return false;
    }

    /**
     * Changes the table as an {@code alterTable} step asks; returns one line saying what it did.
     * Dropping the table also drops what a change added (a materialized view and its target).
     */
    default String alter(TableChange change) {
        throw new UnsupportedOperationException("this destination cannot " + change.describe());
    }

    /** Drops the table; dropping a table that is gone is not an error. */
    void drop();
}
