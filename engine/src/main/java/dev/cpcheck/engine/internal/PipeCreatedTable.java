package dev.cpcheck.engine.internal;

import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.IngestionSnapshot;
import java.time.Instant;

/**
 * The destination of a run whose pipe creates its table ({@code managedTable: true}): the run
 * creates nothing before the pipe, yet owns the table (ClickPipes made it for this run's pipe), so
 * the clean-up drops it. Observation and the clock are the wrapped destination's.
 */
public final class PipeCreatedTable implements Destination {
    private final Destination table;

    public PipeCreatedTable(Destination table) {
        this.table = table;
    }

    @Override
    public DestinationSpec spec() {
        return table.spec();
    }

    /** Creates nothing: the pipe creates the table. The run owns it all the same. */
    @Override
    public boolean prepare() {
        return true;
    }

    @Override
    public boolean createdByPipe() {
        return true;
    }

    @Override
    public IngestionSnapshot snapshot() {
        return table.snapshot();
    }

    @Override
    public Instant serverTime() {
        return table.serverTime();
    }

    @Override
    public void drop() {
        table.drop();
    }

    @Override
    public String alter(dev.cpcheck.core.scenario.TableChange change) {
        return table.alter(change);
    }

    @Override
    public String toString() {
        return "PipeCreatedTable[" + table + "]";
    }
}
