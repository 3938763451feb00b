package dev.cpcheck.engine.internal;

import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.IngestionSnapshot;
import java.time.Instant;

/**
 * A destination whose reads (count polls, the server clock) ride out a short ClickHouse outage
 * ({@link OutageGrace}); creating and dropping the table are the wrapped destination's own.
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

    @Override
    public IngestionSnapshot snapshot() {
        return grace.read(table::snapshot);
    }

    @Override
    public Instant serverTime() {
        return grace.read(table::serverTime);
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
