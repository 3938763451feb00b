package dev.cpcheck.validation;

import dev.cpcheck.core.scenario.TableChange;
import dev.cpcheck.core.schema.Column;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The destination table as a command line tool sees it: create, drop, and small summaries for
 * people (totals, rows per file, the latest rows). Every summary is one aggregation inside
 * ClickHouse; row listings are capped.
 *
 * <pre>{@code
 * ClickHouseTable table = new ClickHouseTable(sql, new DestinationSpec("default", "cpcheck_events"));
 * table.create();
 * ClickHouseTable.Totals t = table.totals(runId);          // null run id: the whole table
 * List<ClickHouseTable.FileCount> files = table.fileCounts(runId, 100);
 * }</pre>
 */
public final class ClickHouseTable {
    /** ClickHouse's error code for CREATE TABLE of a table that exists. */
    private static final int TABLE_ALREADY_EXISTS = 57;
    /** Columns the checks cannot do without. */
    private static final List<String> REQUIRED =
            List.of(RowSchema.RUN_ID, RowSchema.FILE_ID, RowSchema.ROW_ID, RowSchema.SOURCE_FILE);

    private final SqlClient sql;
    private final DestinationSpec spec;

    public ClickHouseTable(SqlClient sql, DestinationSpec spec) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public DestinationSpec spec() {
        return spec;
    }

    /** {@code `db`.`table`}. */
    public String qualified() {
        return spec.qualified();
    }

    public boolean exists() {
        return sql.queryLong(
                        "SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {t:String}",
                        Map.of("db", spec.database(), "t", spec.table()))
                > 0;
    }

    /**
     * Creates the table with cpcheck's schema ({@link RowSchema#createTableSql}) unless it exists.
     * An existing table must have the columns the checks read.
     *
     * @return {@code true} if this call created it, {@code false} if it was there already
     * @throws ClickHouseException if it cannot be created, or exists without the needed columns
     */
    public boolean create() {
        String ddl = RowSchema.createTableSql(spec.database(), spec.table()).replaceFirst("IF NOT EXISTS ", "");
        try {
            sql.execute(ddl);
            return true;
        } catch (RuntimeException e) {
            boolean exists = e instanceof ClickHouseException che && che.errorCode() == TABLE_ALREADY_EXISTS
                    || String.valueOf(e.getMessage()).contains("already exists");
            if (!exists) {
                throw e;
            }
        }
        Set<String> missing = missingColumns();
        if (!missing.isEmpty()) {
            throw new ClickHouseException(
                    "table " + qualified() + " exists but has no column(s) " + missing
                            + "; drop it (cpcheck table drop) or choose another table name",
                    0,
                    true,
                    null);
        }
        return false;
    }

    /** Drops the table, and the materialized view and target an {@code alterTable} step added; gone is fine. */
    public void drop() {
        sql.execute("DROP VIEW IF EXISTS " + viewSpec().qualified());
        sql.execute("DROP TABLE IF EXISTS " + viewTargetSpec().qualified());
        sql.execute(RowSchema.dropTableSql(spec.database(), spec.table()));
    }

    /** The materialized view {@link TableChange#MATERIALIZED_VIEW} adds: {@code <table>_mv}. */
    public DestinationSpec viewSpec() {
        return new DestinationSpec(spec.database(), spec.table() + "_mv");
    }

    /** The view's target table: {@code <table>_mv_target}, with the identity columns of every row. */
    public DestinationSpec viewTargetSpec() {
        return new DestinationSpec(spec.database(), spec.table() + "_mv_target");
    }

    /**
     * Changes the table: adds a column with a default the pipe does not map, or a materialized
     * view copying {@code run_id, file_id, row_id, source_file} of every inserted row into
     * {@link #viewTargetSpec()}.
     *
     * @return what it did, in one line
     */
    public String alter(TableChange change) {
        return switch (change) {
            case ADD_COLUMN -> {
                sql.execute("ALTER TABLE " + qualified() + " ADD COLUMN IF NOT EXISTS " + ADDED_COLUMN
                        + " String DEFAULT 'added while paused'");
                yield "added column " + ADDED_COLUMN + " to " + qualified();
            }
            case MATERIALIZED_VIEW -> {
                sql.execute("CREATE TABLE IF NOT EXISTS " + viewTargetSpec().qualified()
                        + " (run_id String, file_id UInt32, row_id UInt32, source_file String)"
                        + " ENGINE = MergeTree ORDER BY (file_id, row_id)");
                sql.execute(
                        "CREATE MATERIALIZED VIEW IF NOT EXISTS " + viewSpec().qualified() + " TO "
                                + viewTargetSpec().qualified() + " AS SELECT run_id, file_id, row_id, source_file FROM "
                                + qualified());
                yield "created materialized view " + viewSpec().qualified() + " to "
                        + viewTargetSpec().qualified();
            }
        };
    }

    /** The column {@link TableChange#ADD_COLUMN} adds. */
    public static final String ADDED_COLUMN = "cpcheck_added";

    /** Columns of {@link RowSchema#DESTINATION_COLUMNS} the table lacks ({@code ingested_at} is optional). */
    public Set<String> missingColumns() {
        Set<String> present = new LinkedHashSet<>();
        for (SqlRow r : sql.query(
                "SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}",
                Map.of("db", spec.database(), "t", spec.table()))) {
            present.add(r.getString("name"));
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String c : REQUIRED) {
            if (!present.contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    /** Whether the table has the {@code ingested_at} column (else landing times come from parts). */
    public boolean hasIngestedAt() {
        return sql.queryLong(
                        "SELECT count() AS n FROM system.columns WHERE database = {db:String} AND table = {t:String}"
                                + " AND name = {c:String}",
                        Map.of("db", spec.database(), "t", spec.table(), "c", RowSchema.INGESTED_AT))
                > 0;
    }

    /**
     * Totals of the run's rows, or of the whole table when {@code runId} is null.
     */
    public Totals totals(String runId) {
        SqlRow r = sql.query(
                        "SELECT count() AS rows, uniqExact(source_file) AS files, uniqExact(run_id) AS runs,"
                                + " toUnixTimestamp64Milli(min(" + landedAt() + ")) AS first_ms,"
                                + " toUnixTimestamp64Milli(max(" + landedAt() + ")) AS last_ms"
                                + " FROM " + qualified() + where(runId),
                        params(runId))
                .get(0);
        long rows = r.getLong("rows");
        return new Totals(
                rows,
                r.getLong("files"),
                r.getLong("runs"),
                rows == 0 ? null : Instant.ofEpochMilli(r.getLong("first_ms")),
                rows == 0 ? null : Instant.ofEpochMilli(r.getLong("last_ms")));
    }

    /** Rows per source file (the first {@code limit} files by name) of the run, or of all runs when null. */
    public List<FileCount> fileCounts(String runId, int limit) {
        Map<String, Object> p = new HashMap<>(params(runId));
        p.put("limit", Math.max(0, limit));
        List<FileCount> out = new ArrayList<>();
        for (SqlRow r : sql.query(
                "SELECT source_file, count() AS rows, uniqExact(file_id, row_id) AS distinct_rows,"
                        + " toUnixTimestamp64Milli(min(" + landedAt() + ")) AS first_ms,"
                        + " toUnixTimestamp64Milli(max(" + landedAt() + ")) AS last_ms"
                        + " FROM " + qualified() + where(runId)
                        + " GROUP BY source_file ORDER BY source_file LIMIT {limit:UInt32}",
                p)) {
            out.add(new FileCount(
                    r.getString("source_file"),
                    r.getLong("rows"),
                    r.getLong("distinct_rows"),
                    Instant.ofEpochMilli(r.getLong("first_ms")),
                    Instant.ofEpochMilli(r.getLong("last_ms"))));
        }
        return out;
    }

    /** The latest {@code limit} rows (by {@code ingested_at}), payload shortened, of the run or of all runs. */
    public List<SqlRow> recentRows(String runId, int limit) {
        Map<String, Object> p = new HashMap<>(params(runId));
        p.put("limit", Math.max(0, Math.min(limit, 10_000)));
        StringBuilder cols = new StringBuilder();
        for (Column c : RowSchema.DESTINATION_COLUMNS) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            String q = RowSchema.quote(c.name());
            if (c.name().equals(RowSchema.PAYLOAD)) {
                cols.append("substring(").append(q).append(", 1, 40) AS ").append(q);
            } else if (c.type().startsWith("DateTime")) {
                cols.append("toString(").append(q).append(") AS ").append(q);
            } else {
                cols.append(q);
            }
        }
        String landed = landedAt();
        return sql.query(
                "SELECT " + cols + ", toString(" + landed + ") AS " + RowSchema.quote(RowSchema.INGESTED_AT)
                        + " FROM " + qualified() + where(runId)
                        + " ORDER BY " + landed + " DESC, file_id DESC, row_id DESC LIMIT {limit:UInt32}",
                p);
    }

    /**
     * When a row landed: the {@code ingested_at} column of tables made by earlier versions, else the
     * modification time of the row's part (one-second resolution).
     */
    @SuppressWarnings("deprecation")
    private String landedAt() {
        if (hasIngestedAt()) {
            return RowSchema.quote(RowSchema.INGESTED_AT);
        }
        // One scalar subquery (evaluated once per query) maps part names to their modification
        // time; a part created after it was taken (a merge during the query) counts as now.
        String parts = "(SELECT mapFromArrays(groupArray(name), groupArray(modification_time)) FROM system.parts"
                + " WHERE database = " + SqlParams.literal(spec.database()) + " AND table = "
                + SqlParams.literal(spec.table()) + ")";
        return "toDateTime64(if(mapContains(" + parts + ", _part), " + parts + "[_part], now()), 3)";
    }

    private static String where(String runId) {
        return runId == null ? "" : " WHERE run_id = {run:String}";
    }

    private static Map<String, Object> params(String runId) {
        return runId == null ? Map.of() : Map.of("run", runId);
    }

    /**
     * Totals of a table or a run.
     *
     * @param rows           rows
     * @param files          distinct source files
     * @param runs           distinct run ids
     * @param firstIngestedAt earliest {@code ingested_at}, null when empty
     * @param lastIngestedAt  latest {@code ingested_at}, null when empty
     */
    public record Totals(long rows, long files, long runs, Instant firstIngestedAt, Instant lastIngestedAt) {}

    /**
     * Rows of one source file.
     *
     * @param sourceFile      the {@code source_file} value
     * @param rows            rows
     * @param distinctRows    distinct (file_id, row_id) keys; fewer than rows means duplicates
     * @param firstIngestedAt earliest landing
     * @param lastIngestedAt  latest landing
     */
    public record FileCount(
            String sourceFile, long rows, long distinctRows, Instant firstIngestedAt, Instant lastIngestedAt) {}
}
