package dev.cpcheck.validation;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.core.spi.Validator;
import dev.cpcheck.validation.internal.evidence.Guidance;
import dev.cpcheck.validation.internal.evidence.Judgement;
import dev.cpcheck.validation.internal.evidence.Landing;
import dev.cpcheck.validation.internal.evidence.Ledger;
import dev.cpcheck.validation.internal.evidence.Rejudge;
import dev.cpcheck.validation.internal.evidence.ValidationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the destination table of a run against its manifest and history: runs the
 * {@linkplain BuiltInChecks built-in checks}, every {@link Check} found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.cpcheck.core.spi.Check}) and checks
 * added here, then derives the customer guidance.
 *
 * <pre>{@code
 * try (ValidationEngine engine = ValidationEngine.builder()
 *         .clickHouse(ClickHouseTarget.of("https://host:8443", "default", password, "default"))
 *         .pausedWindowTolerance(Duration.ofSeconds(2))
 *         .check(new MyCheck())
 *         .build()) {
 *     ValidationResult result = engine.validate(new ValidationRequest(runId,
 *             new DestinationSpec("default", "cpcheck_events"), manifest, history, DeliveryGuarantee.EXACTLY_ONCE));
 * }
 * // offline, e.g. `cpcheck analyze RUN_DIR --guarantee at-least-once`:
 * RunReport again = ValidationEngine.rejudge(RunReport.read(dir.resolve("results.json")), DeliveryGuarantee.AT_LEAST_ONCE);
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>All heavy work is SQL inside ClickHouse. The per-file checks share one aggregation over the
 *       run's rows, joined with the manifest, which is sent as external data with the query (no
 *       session, no temporary table, so any replica behind a load balancer can answer).</li>
 *   <li>A check that throws (or returns nothing) is reported UNKNOWN with the error, never PASS;
 *       the others still run. Informational checks ({@link Check#informational()}) never fail a
 *       run: their FAIL or UNKNOWN is reported as WARN.</li>
 *   <li>{@link #validate} throws only when ClickHouse cannot be reached at all (a
 *       {@link ClickHouseException}): then nothing can be said and the run is an infrastructure
 *       error, not a verdict.</li>
 * </ul>
 */
public final class ValidationEngine implements Validator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationEngine.class);

    /** Default slack at both ends of a paused window, on top of the clock uncertainty. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(1);

    private final SqlClient sql;
    private final AutoCloseable owned;
    private final List<Check> checks;
    private final TimestampSource timestampSource;
    private final Duration tolerance;

    private ValidationEngine(Builder b, SqlClient sql, AutoCloseable owned, List<Check> checks) {
        this.sql = sql;
        this.owned = owned;
        this.checks = List.copyOf(checks);
        this.timestampSource = b.timestampSource;
        this.tolerance = b.tolerance;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Ids of the checks this engine runs, in order. */
    public List<String> checkIds() {
        return checks.stream().map(Check::id).toList();
    }

    @Override
    public ValidationResult validate(ValidationRequest request) {
        Objects.requireNonNull(request, "request");
        long t0 = System.nanoTime();
        String tableProblem = null;
        boolean content = request.manifest().hasContentDigests();
        // Java's share of the work (the manifest as tables) runs while ClickHouse answers the first queries
        var manifestTable = ValidationContext.prepare(request.manifest(), content);
        Set<String> columns = columns(request);
        if (columns.isEmpty()) {
            tableProblem = "table " + request.destination().qualified() + " does not exist";
        } else if (!columns.containsAll(
                List.of(RowSchema.RUN_ID, RowSchema.FILE_ID, RowSchema.ROW_ID, RowSchema.SOURCE_FILE))) {
            tableProblem = "table " + request.destination().qualified() + " lacks the columns run_id, file_id, row_id"
                    + " and source_file that the checks read (it has " + columns + ")";
        } else if (content && !columns.containsAll(List.of(RowSchema.PHASE, RowSchema.EVENT_TIME, RowSchema.PAYLOAD))) {
            tableProblem = "table " + request.destination().qualified() + " lacks the columns phase, event_time and"
                    + " payload whose content the checks compare (it has " + columns + ")";
        }
        ValidationContext ctx = new ValidationContext(
                sql,
                request,
                content,
                manifestTable,
                timestampSource,
                columns.contains(RowSchema.INGESTED_AT),
                tolerance);
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            results.add(
                    tableProblem == null
                            ? runOne(check, ctx)
                            : cap(check, CheckResult.unknown(check.id(), new IllegalStateException(tableProblem))));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Object> observed = observed(ctx, results, ms);
        List<String> guidance = Guidance.of(results, runStatus(request.history()), request.guarantee());
        LOG.info("validated run {} in {} ms: {}", request.runId(), ms, summary(results));
        return new ValidationResult(results, guidance, observed);
    }

    /**
     * Re-judges a stored run under another delivery guarantee, offline: the statuses are what a
     * live run under that guarantee would have given (only the duplication checks depend on it),
     * and the verdict and guidance follow from them.
     */
    public static RunReport rejudge(RunReport report, DeliveryGuarantee guarantee) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(guarantee, "guarantee");
        List<CheckResult> checks = report.checks().stream()
                .map(c -> Judgement.rejudge(c, guarantee))
                .toList();
        Verdict verdict = Verdict.decide(report.status(), checks);
        return report.withJudgement(guarantee, checks, verdict, Guidance.of(checks, report.status(), guarantee));
    }

    /**
     * Re-judges a stored run offline from all the evidence it kept: its results, its history and
     * its manifest (no ClickHouse). The history can only add evidence: counts polled inside a paused
     * window that grew fail {@code paused-window}; a file reported missing that a poll had seen land
     * is lost; results of a manifest recording content but predating the row-content check get it
     * as UNKNOWN. Then the guarantee applies as in {@link #rejudge(RunReport, DeliveryGuarantee)}.
     */
    public static RunReport rejudge(
            RunReport report, RunHistory history, Manifest manifest, DeliveryGuarantee guarantee) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(guarantee, "guarantee");
        return Rejudge.of(report, history, manifest, guarantee);
    }

    /** Closes the ClickHouse client if this engine created it. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.debug("closing the ClickHouse client failed: {}", e.toString());
            }
        }
    }

    private Set<String> columns(ValidationRequest request) {
        // Also the reachability check: if ClickHouse cannot be reached the validator cannot run at all.
        Set<String> columns = new LinkedHashSet<>();
        for (SqlRow r : sql.query(
                "SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}",
                Map.of(
                        "db",
                        request.destination().database(),
                        "t",
                        request.destination().table()))) {
            columns.add(r.getString("name"));
        }
        return columns;
    }

    private static CheckResult runOne(Check check, ValidationContext ctx) {
        String id = check.id();
        long t0 = System.nanoTime();
        CheckResult r;
        try {
            r = check.run(ctx);
            if (r == null) {
                r = CheckResult.unknown(id, new IllegalStateException("the check returned no result"));
            } else if (!id.equals(r.checkId())) {
                r = new CheckResult(
                        id, r.status(), r.summary(), r.metrics(), r.witnesses(), r.witnessCount(), r.hint(), r.error());
            }
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            LOG.warn("check {} could not run: {}", id, e.toString());
            LOG.debug("check {} failure", id, e);
            r = CheckResult.unknown(id, e);
        }
        r = cap(check, r);
        LOG.debug("check {}: {} in {} ms: {}", id, r.status(), (System.nanoTime() - t0) / 1_000_000, r.summary());
        return r;
    }

    /** Informational checks never fail a run. */
    private static CheckResult cap(Check check, CheckResult r) {
        if (check.informational() && (r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN)) {
            return r.withStatus(CheckStatus.WARN);
        }
        return r;
    }

    private static Map<String, Object> observed(ValidationContext ctx, List<CheckResult> results, long ms) {
        Map<String, Object> o = new LinkedHashMap<>();
        Ledger l = ctx.ledgerIfComputed();
        if (l != null) {
            o.put("files", l.lean().groupsSeen());
            o.put("rows", l.lean().rowsSeen());
            o.put("expected_files", l.lean().expectedFiles());
            o.put("expected_rows", l.lean().expectedRows());
            o.put("expected_files_ingested", l.lean().expectedFilesSeen());
            o.put("expected_rows_ingested", l.expectedRowsSeen());
        }
        for (CheckResult c : results) {
            for (String m : List.of(
                    "lost_files",
                    "partial_files",
                    "missing_files",
                    "duplicated_files",
                    "duplicated_keys",
                    "surplus_rows",
                    "unexpected_rows",
                    "altered_rows",
                    "paused_rows",
                    "reingested_rows")) {
                if (c.metrics().containsKey(m)) {
                    o.put(m, c.metrics().get(m));
                }
            }
        }
        Landing landing = ctx.landingIfRead();
        if (landing != null) {
            o.put("timestamp_source", landing.source().name().toLowerCase(java.util.Locale.ROOT));
            o.put("landing_evidence", landing.description());
        }
        o.put("rows_compared_by", ctx.comparesContent() ? "content" : "identity");
        o.put("manifest_transport", ctx.manifestTransport());
        if (l != null) {
            o.put("files_matching_manifest", l.lean().exactFiles());
            o.put("files_read_row_by_row", l.detail().filesExamined());
            o.put("row_detail", l.detail().strategy());
            if (l.polls().typicalGap() != null) {
                o.put("poll_interval_ms", l.polls().typicalGap().toMillis());
            }
        }
        o.put("validation_ms", ms);
        return o;
    }

    /** How the run went so far, as far as the history tells (for the guidance). */
    private static RunStatus runStatus(RunHistory history) {
        if (!history.eventsOfType(EventType.WAIT_TIMED_OUT).isEmpty()) {
            return RunStatus.TIMED_OUT;
        }
        if (!history.eventsOfType(EventType.STEP_FAILED).isEmpty()) {
            return RunStatus.INFRASTRUCTURE_ERROR;
        }
        return RunStatus.COMPLETED;
    }

    private static String summary(List<CheckResult> results) {
        StringBuilder sb = new StringBuilder();
        for (CheckResult r : results) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r.checkId()).append('=').append(r.status());
        }
        return sb.toString();
    }

    /**
     * Options of a {@link ValidationEngine}. One of {@link #clickHouse} or {@link #sql} is required.
     */
    public static final class Builder {
        private ClickHouseTarget target;
        private SqlClient sqlClient;
        private TimestampSource timestampSource;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private boolean discover = true;
        private final List<Check> added = new ArrayList<>();
        private Set<String> only;
        private final Set<String> skip = new HashSet<>();

        private Builder() {}

        /** Connect to this ClickHouse; the engine owns the client and closes it. */
        public Builder clickHouse(ClickHouseTarget target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Use this SQL client (not closed by the engine). With a {@link ClickHouseSql} the manifest
         * travels as external data; with any other client it is inlined into the SQL, which suits
         * small manifests only.
         */
        public Builder sql(SqlClient sql) {
            this.sqlClient = Objects.requireNonNull(sql, "sql");
            return this;
        }

        /**
         * Where landing times come from. Default (null): the strongest available, the
         * {@code ingested_at} column when the table has one (earlier versions), else the part log
         * when it has events of the table, else part times from {@code system.parts}.
         */
        public Builder timestampSource(TimestampSource source) {
            this.timestampSource = source;
            return this;
        }

        /**
         * Slack at both ends of a paused window before a row counts as ingested while paused; the
         * clock offset's uncertainty is added to it. Default {@link #DEFAULT_TOLERANCE}.
         */
        public Builder pausedWindowTolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("pausedWindowTolerance must not be negative, was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** Also run this check (after the built-in and discovered ones). */
        public Builder check(Check check) {
            added.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /** Whether to run checks found with {@link java.util.ServiceLoader} (default true). */
        public Builder discoverChecks(boolean discover) {
            this.discover = discover;
            return this;
        }

        /** Run only the checks with these ids (unknown ids are an error at {@link #build()}). */
        public Builder only(java.util.Collection<String> ids) {
            this.only = new LinkedHashSet<>(ids);
            return this;
        }

        /** Do not run the checks with these ids (unknown ids are an error at {@link #build()}). */
        public Builder skip(java.util.Collection<String> ids) {
            this.skip.addAll(ids);
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws IllegalStateException        without a ClickHouse target or SQL client
         * @throws IllegalArgumentException     naming unknown check ids given to only/skip
         * @throws ProviderRegistry.DuplicateProviderException when two different checks claim one id
         */
        public ValidationEngine build() {
            if ((target == null) == (sqlClient == null)) {
                throw new IllegalStateException(
                        "give the engine either clickHouse(target) or sql(client), exactly one");
            }
            List<Check> all = new ArrayList<>(BuiltInChecks.all());
            if (discover) {
                for (Check c : ProviderRegistry.checks().all()) {
                    boolean builtInCopy = all.stream().anyMatch(b -> b.getClass() == c.getClass());
                    if (!builtInCopy) {
                        all.add(c);
                    }
                }
            }
            all.addAll(added);
            Map<String, Check> byId = new LinkedHashMap<>();
            for (Check c : all) {
                Check previous =
                        byId.putIfAbsent(Objects.requireNonNull(c.id(), () -> c.getClass() + " has a null id"), c);
                if (previous != null && previous.getClass() != c.getClass()) {
                    throw new ProviderRegistry.DuplicateProviderException("two checks claim id '" + c.id() + "': "
                            + previous.getClass().getName() + " and "
                            + c.getClass().getName()
                            + "; remove one of them from the class path or rename it");
                }
            }
            Set<String> known = byId.keySet();
            List<String> unknown = new ArrayList<>();
            for (String id : only == null ? skip : concat(only, skip)) {
                if (!known.contains(id)) {
                    unknown.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown check id(s) " + unknown + "; available: " + String.join(", ", known));
            }
            List<Check> chosen = new ArrayList<>();
            for (Check c : byId.values()) {
                if ((only == null || only.contains(c.id())) && !skip.contains(c.id())) {
                    chosen.add(c);
                }
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("no check left to run; available: " + String.join(", ", known));
            }
            if (sqlClient != null) {
                return new ValidationEngine(this, sqlClient, null, chosen);
            }
            ClickHouseSql client = ClickHouseSql.connect(target);
            return new ValidationEngine(this, client, client, chosen);
        }

        private static Set<String> concat(Set<String> a, Set<String> b) {
            Set<String> s = new LinkedHashSet<>(a);
            s.addAll(b);
            return s;
        }
    }
}
