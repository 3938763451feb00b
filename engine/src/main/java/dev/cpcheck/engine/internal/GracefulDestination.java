package dev.cpcheck.engine.internal;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.scenario.TableChange;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.validation.ClickHouseException;
import java.time.Instant;

/**
 * A destination whose reads (count polls, the server clock) ride out a short ClickHouse outage
 * ({@link OutageGrace}); creating, changing and dropping the table are the wrapped destination's
 * own. Every method of {@link Destination} is forwarded: a default left unforwarded would hide the
 * wrapped destination's own.
 */
final class GracefulDestination implements Destination {
    private final Destination table;
    private final OutageGrace grace;

    GracefulDestination(Destination table, OutageGrace grace) {
        this.table = table;
        this.grace = grace;
    }

    @Override
    public DestinationSpec spec() {
        return table.spec();
    }

    @Override
    public boolean prepare() {
        return table.prepare();
    }

    @Override
    public boolean createdByPipe() {
        return table.createdByPipe();
    }

    /**
     * @throws CpcheckException naming the table and how to create it when it does not exist, instead
     *     of ClickHouse's raw {@code UNKNOWN_TABLE}
     */
    @Override
    public IngestionSnapshot snapshot() {
        try {
            return grace.read(table::snapshot);
        } catch (ClickHouseException e) {
            if (e.errorCode() == ClickHouseException.UNKNOWN_TABLE) {
                throw new CpcheckException("table " + table.spec().qualified() + " does not exist, so no file can"
                        + " land: create it (cpcheck table create) before the pipe, or let the pipe create it"
                        + " (cpcheck pipe create --managed-table)");
            }
            throw e;
        }
    }

    @Override
    public Instant serverTime() {
        return grace.read(table::serverTime);
    }

    /** The wrapped destination's own (the default refuses every change). */
    @Override
    public String alter(TableChange change) {
        return table.alter(change);
    }

    @Override
    public void drop() {
        table.drop();
    }

    @Override
    public String toString() {
        return table.toString();
    }
}
