package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link CheckContext} of one validation. Computes the shared evidence (ledger, duplicate
 * keys) once, on first use, and hands the same result (or the same failure) to every check.
 */
public final class EngineContext implements CheckContext {
    private final ValidationRequest request;
    private final ManifestAwareSql sql;
    private final TimestampSource timestampSource;
    private final Duration tolerance;
    private ManifestTable manifestTable;
    private ExternalTable external;
    private String relation;
    private PauseSchedule schedule;
    private TimeAxis axis;
    private boolean axisDone;
    private Memo<Ledger> ledger;
    private Memo<DuplicateKeys> duplicateKeys;

    public EngineContext(
            SqlClient sql, ValidationRequest request, TimestampSource timestampSource, Duration tolerance) {
        this.request = Objects.requireNonNull(request, "request");
        this.timestampSource = Objects.requireNonNull(timestampSource, "timestampSource");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.sql = new ManifestAwareSql(Objects.requireNonNull(sql, "sql"), this::externalManifest);
    }

    @Override
    public SqlClient sql() {
        return sql;
    }

    @Override
    public String database() {
        return request.destination().database();
    }

    @Override
    public String table() {
        return request.destination().table();
    }

    @Override
    public String qualifiedTable() {
        return request.destination().qualified();
    }

    @Override
    public String runId() {
        return request.runId();
    }

    @Override
    public Manifest manifest() {
        return request.manifest();
    }

    @Override
    public RunHistory history() {
        return request.history();
    }

    @Override
    public boolean sharedDestination() {
        return request.sharedDestination();
    }

    @Override
    public DeliveryGuarantee guarantee() {
        return request.guarantee();
    }

    /**
     * A subquery over {@code cpcheck_manifest}, an external table sent with each query that names
     * it; or, with a client that cannot send external data, over a {@code format()} table function
     * holding the rows.
     */
    @Override
    public synchronized String manifestRelation() {
        if (relation == null) {
            relation = manifestTable().relation(sql.sendsExternalData());
        }
        return relation;
    }

    /** How the manifest reaches ClickHouse: {@code external-table} or {@code inline}. */
    public String manifestTransport() {
        return sql.sendsExternalData() ? "external-table" : "inline";
    }

    @Override
    public String landingTimeExpression() {
        return landingTimeExpression(timestampSource, database(), table());
    }

    /** The landing-time expression for a table, per timestamp source. */
    public static String landingTimeExpression(TimestampSource source, String database, String table) {
        if (source == TimestampSource.INGESTED_AT_COLUMN) {
            return RowSchema.quote(RowSchema.INGESTED_AT);
        }
        // One scalar subquery (evaluated once per query) maps part names to their modification
        // time; a part created after it was taken (a merge during the query) counts as now.
        String parts = "(SELECT mapFromArrays(groupArray(name), groupArray(modification_time)) FROM system.parts"
                + " WHERE database = " + SqlParams.literal(database) + " AND table = " + SqlParams.literal(table) + ")";
        return "toDateTime64(if(mapContains(" + parts + ", _part), " + parts + "[_part], now()), 3)";
    }

    @Override
    public TimestampSource timestampSource() {
        return timestampSource;
    }

    @Override
    public Duration pausedWindowTolerance() {
        return tolerance;
    }

    /** Pauses and resumes in server time. */
    public synchronized PauseSchedule schedule() {
        if (schedule == null) {
            schedule = PauseSchedule.of(history(), tolerance);
        }
        return schedule;
    }

    /** The timeline's buckets over the run, or null without history. */
    public synchronized TimeAxis timeAxis() {
        if (!axisDone) {
            axis = TimeAxis.of(history());
            axisDone = true;
        }
        return axis;
    }

    /** The ledger, computed on first use; a failure is remembered and thrown to every caller. */
    public Ledger ledger() {
        Memo<Ledger> m;
        synchronized (this) {
            if (ledger == null) {
                ledger = new Memo<>();
            }
            m = ledger;
        }
        return m.get(() -> LedgerQuery.compute(this, schedule(), timeAxis()));
    }

    /** The ledger if it was computed successfully, else null (never computes it). */
    public synchronized Ledger ledgerIfComputed() {
        return ledger == null ? null : ledger.valueOrNull();
    }

    /** Duplicated keys, computed on first use. */
    public DuplicateKeys duplicateKeys() {
        Memo<DuplicateKeys> m;
        synchronized (this) {
            if (duplicateKeys == null) {
                duplicateKeys = new Memo<>();
            }
            m = duplicateKeys;
        }
        return m.get(() -> DuplicateKeys.find(this, ledger()));
    }

    /** The ledger of any context: shared when it is an engine context, computed otherwise. */
    public static Ledger ledgerOf(CheckContext ctx) {
        if (ctx instanceof EngineContext ec) {
            return ec.ledger();
        }
        return LedgerQuery.compute(
                ctx, PauseSchedule.of(ctx.history(), ctx.pausedWindowTolerance()), TimeAxis.of(ctx.history()));
    }

    /** Duplicated keys of any context. */
    public static DuplicateKeys duplicateKeysOf(CheckContext ctx, Ledger ledger) {
        if (ctx instanceof EngineContext ec) {
            return ec.duplicateKeys();
        }
        return DuplicateKeys.find(ctx, ledger);
    }

    /** The schedule of any context. */
    public static PauseSchedule scheduleOf(CheckContext ctx) {
        if (ctx instanceof EngineContext ec) {
            return ec.schedule();
        }
        return PauseSchedule.of(ctx.history(), ctx.pausedWindowTolerance());
    }

    private synchronized ManifestTable manifestTable() {
        if (manifestTable == null) {
            manifestTable = ManifestTable.of(manifest());
        }
        return manifestTable;
    }

    private synchronized ExternalTable externalManifest() {
        if (external == null) {
            external = manifestTable().external();
        }
        return external;
    }

    /** A value computed once; a failure is kept and rethrown. */
    private static final class Memo<T> {
        private T value;
        private RuntimeException failure;
        private boolean done;

        synchronized T get(java.util.function.Supplier<T> compute) {
            if (!done) {
                try {
                    value = compute.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
                done = true;
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }

        synchronized T valueOrNull() {
            return failure == null ? value : null;
        }
    }
}
