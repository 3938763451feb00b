package dev.cpcheck.validation;

import dev.cpcheck.core.scenario.TableChange;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The destination table in ClickHouse for one run: creates it, observes the run's rows with one
 * SQL aggregation per poll, reads the server clock, drops it.
 *
 * <pre>{@code
 * String runId = RunIds.newRunId();
 * ClickHouseSql sql = ClickHouseSql.connect(target);
 * ClickHouseDestination destination = new ClickHouseDestination(sql, new DestinationSpec("default", "cpcheck_events"), runId);
 * ScenarioRunner runner = ScenarioRunner.builder().runId(runId).destination(destination)...build();
 * }</pre>
 *
 * <p>The runner and the destination must use the same run id: the snapshot counts the rows whose
 * {@code run_id} is that id.
 */
public final class ClickHouseDestination implements Destination {
    private final SqlClient sql;
    private final ClickHouseTable table;
    private final String runId;
    private final String snapshotSql;

    public ClickHouseDestination(SqlClient sql, DestinationSpec spec, String runId) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.table = new ClickHouseTable(sql, spec);
        this.runId = Objects.requireNonNull(runId, "runId");
        this.snapshotSql =
                "SELECT uniqExact(source_file) AS files, count() AS rows, max(source_file) AS last_file FROM "
                        + spec.qualified() + " WHERE run_id = {run:String}";
    }

    @Override
    public DestinationSpec spec() {
        return table.spec();
    }

    public String runId() {
        return runId;
    }

    /** The table helper (totals, per-file counts, recent rows). */
    public ClickHouseTable table() {
        return table;
    }

    @Override
    public boolean prepare() {
        return table.create();
    }

    /** Distinct files, rows and the highest file name of the run, from one aggregation. */
    @Override
    public IngestionSnapshot snapshot() {
        SqlRow r = sql.query(snapshotSql, Map.of("run", runId)).get(0);
        long rows = r.getLong("rows");
        String last = r.getString("last_file");
        return new IngestionSnapshot(
                r.getLong("files"), rows, rows == 0 || last == null || last.isEmpty() ? null : last);
    }

    @Override
    public Instant serverTime() {
        return Instant.ofEpochMilli(sql.queryLong("SELECT toUnixTimestamp64Milli(now64(3)) AS t"));
    }

    @Override
    public void drop() {
        table.drop();
    }

    @Override
    public String alter(TableChange change) {
        return table.alter(change);
    }

    @Override
    public String toString() {
        return "ClickHouseDestination[" + spec().qualified() + ", run " + runId + "]";
    }
}
