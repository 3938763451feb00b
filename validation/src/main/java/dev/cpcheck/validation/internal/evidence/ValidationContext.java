package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The {@link CheckContext} of one validation. Computes the shared evidence (landing times, polled
 * counts, the ledger) once, on first use, and hands the same result (or the same failure) to every
 * check.
 */
public final class ValidationContext implements CheckContext {
    private final ValidationRequest request;
    private final ManifestAwareSql sql;
    private final TimestampSource wantedSource;
    private final boolean hasIngestedAt;
    private final Duration tolerance;
    private final boolean content;
    private final CompletableFuture<ManifestTable> manifestTable;
    private ExternalTable external;
    private String relation;
    private PauseSchedule schedule;
    private TimeAxis axis;
    private boolean axisDone;
    private PollEvidence polls;
    private final Memo<Landing> landing = new Memo<>();
    private final Memo<Ledger> ledger = new Memo<>();

    /**
     * @param content       whether rows are compared by content ({@link Manifest#hasContentDigests()})
     * @param manifestTable the manifest's tables, from {@link #prepare}
     * @param wantedSource  where landing times must come from, or null for the strongest available
     * @param hasIngestedAt whether the table has an {@code ingested_at} column
     */
    public ValidationContext(
            SqlClient sql,
            ValidationRequest request,
            boolean content,
            CompletableFuture<ManifestTable> manifestTable,
            TimestampSource wantedSource,
            boolean hasIngestedAt,
            Duration tolerance) {
        this.request = Objects.requireNonNull(request, "request");
        this.manifestTable = Objects.requireNonNull(manifestTable, "manifestTable");
        this.wantedSource = wantedSource;
        this.hasIngestedAt = hasIngestedAt;
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.content = content;
        this.sql = new ManifestAwareSql(Objects.requireNonNull(sql, "sql"));
        this.sql.register(ManifestTable.NAME, this::externalManifest);
        this.sql.register(ManifestTable.LEDGER_NAME, this::externalLedger);
        this.sql.register(Landing.TABLE, () -> landing().mapping());
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
    public String rowDigestSql() {
        return content
                ? dev.cpcheck.core.manifest.RowDigest.CONTENT_SQL
                : dev.cpcheck.core.manifest.RowDigest.IDENTITY_SQL;
    }

    /** Whether rows are compared by content (the manifest records digests) or by identity only. */
    public boolean comparesContent() {
        return content;
    }

    @Override
    public String landingTimeExpression() {
        return landing().rowTimeSql();
    }

    @Override
    public TimestampSource timestampSource() {
        return landing().source();
    }

    @Override
    public String landingEvidence() {
        return landing().description();
    }

    @Override
    public Duration pausedWindowTolerance() {
        return tolerance;
    }

    /** Where landing times come from, read on first use (system.parts, the part log). */
    public Landing landing() {
        return landing.get(() -> {
            Landing l = Landing.of(
                    sql,
                    database(),
                    table(),
                    wantedSource,
                    hasIngestedAt,
                    history().startedAt().orElse(null));
            return sql.sendsExternalData() ? l : l.inline();
        });
    }

    /** The landing evidence if it was read, else null (never reads it). */
    public Landing landingIfRead() {
        return landing.valueOrNull();
    }

    /** Pauses and resumes in server time. */
    public synchronized PauseSchedule schedule() {
        if (schedule == null) {
            schedule = PauseSchedule.of(history(), tolerance);
        }
        return schedule;
    }

    /** What the run's polled counts prove. */
    public synchronized PollEvidence polls() {
        if (polls == null) {
            polls = PollEvidence.of(history(), tolerance);
        }
        return polls;
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
        return ledger.get(() -> compute(this, landing(), schedule(), timeAxis(), polls(), content));
    }

    /** The ledger if it was computed successfully, else null (never computes it). */
    public Ledger ledgerIfComputed() {
        return ledger.valueOrNull();
    }

    /** The ledger of any context: shared when it is an engine context, computed otherwise. */
    public static Ledger ledgerOf(CheckContext ctx) {
        if (ctx instanceof ValidationContext ec) {
            return ec.ledger();
        }
        throw new IllegalStateException("the built-in checks run inside a ValidationEngine");
    }

    /** The schedule of any context. */
    public static PauseSchedule scheduleOf(CheckContext ctx) {
        if (ctx instanceof ValidationContext ec) {
            return ec.schedule();
        }
        return PauseSchedule.of(ctx.history(), ctx.pausedWindowTolerance());
    }

    private static Ledger compute(
            ValidationContext ctx,
            Landing landing,
            PauseSchedule schedule,
            TimeAxis axis,
            PollEvidence polls,
            boolean content) {
        LeanPass lean = LedgerQuery.run(ctx, landing, schedule, axis, polls);
        RowDetail detail = RowDetailQuery.run(ctx, landing, schedule, lean);
        return new Ledger(lean.withPausedOf(detail), detail, polls, landing, schedule, axis, content);
    }

    /**
     * Builds the manifest's tables in the background (about 30 ms of Java at 100 k files), so that
     * they are ready when the first query needing them is sent, after the queries on the table's
     * columns and parts.
     */
    public static CompletableFuture<ManifestTable> prepare(Manifest manifest, boolean content) {
        return CompletableFuture.supplyAsync(() -> {
            ManifestTable t = ManifestTable.of(manifest, content);
            t.ledgerExternal();
            return t;
        });
    }

    private ManifestTable manifestTable() {
        try {
            return manifestTable.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The lean pass's numbers-only manifest relation. */
    synchronized String ledgerRelation() {
        return manifestTable().ledgerRelation(sql.sendsExternalData());
    }

    /** The manifest's names in order and files by id, to name what the lean pass returns. */
    synchronized LeanPass.Names names() {
        return LeanPass.Names.of(manifest(), manifestTable().sortedNames());
    }

    private ExternalTable externalLedger() {
        return manifestTable().ledgerExternal();
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

        synchronized T get(Supplier<T> compute) {
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
