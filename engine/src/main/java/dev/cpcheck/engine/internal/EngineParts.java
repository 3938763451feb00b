package dev.cpcheck.engine.internal;

import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistorySink;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.runner.StepExecutor;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.PipeControl;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.core.spi.Validator;
import dev.cpcheck.engine.RetryNotice;
import dev.cpcheck.validation.ClickHouseDestination;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTable;
import dev.cpcheck.validation.ValidationEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an engine is made of: the environment's clients (ClickHouse SQL, the ClickPipes API, the
 * source provider) and the settings every run starts from. The engine's own packages build runs,
 * step runs and cleanups from it; other modules never see it (their architecture tests forbid
 * {@code ..internal..} packages of other modules).
 */
public final class EngineParts implements AutoCloseable {
    private final Environment environment;
    private final CpcheckConfig config;
    private final RunnerConfig runnerConfig;
    private final Path runsDirectory;
    private final SourceProvider sourceProvider;
    private final ProviderRegistry<SourceProvider> sourceProviders;
    private final List<Check> extraChecks;
    private final List<Consumer<HistoryEvent>> listeners;
    private final TimestampSource timestampSource;
    private final Duration pausedWindowTolerance;
    private final ClickHouseSql sql;
    private final ClickPipesPipeControl pipeControl;
    private final boolean managedTable;
    private final OutageGrace grace;

    public EngineParts(
            Environment environment,
            CpcheckConfig config,
            RunnerConfig runnerConfig,
            Path runsDirectory,
            SourceProvider sourceProvider,
            ProviderRegistry<SourceProvider> sourceProviders,
            List<Check> extraChecks,
            List<Consumer<HistoryEvent>> listeners,
            TimestampSource timestampSource,
            Duration pausedWindowTolerance,
            boolean managedTable,
            Consumer<RetryNotice> retryListener) {
        this.environment = environment;
        this.config = config;
        this.runnerConfig = runnerConfig;
        this.runsDirectory = runsDirectory;
        this.sourceProvider = sourceProvider;
        this.sourceProviders = sourceProviders;
        this.extraChecks = List.copyOf(extraChecks);
        this.listeners = List.copyOf(listeners);
        this.timestampSource = timestampSource;
        this.pausedWindowTolerance = pausedWindowTolerance;
        this.sql = ClickHouseSql.connect(environment.clickHouse());
        this.managedTable = managedTable;
        this.grace = new OutageGrace(retryListener);
        this.pipeControl = new ClickPipesPipeControl(environment.clickPipes(), managedTable, grace);
    }

    public Environment environment() {
        return environment;
    }

    public Mode mode() {
        return environment.mode();
    }

    public CpcheckConfig config() {
        return config;
    }

    public RunnerConfig runnerConfig() {
        return runnerConfig;
    }

    public Path runsDirectory() {
        return runsDirectory;
    }

    /** The engine's source provider: runs whose scenario names none write through it. */
    public SourceProvider sourceProvider() {
        return sourceProvider;
    }

    /**
     * The source provider with this id, or the engine's for {@code null}.
     *
     * @throws ProviderRegistry.UnknownProviderException naming the ids available
     */
    public SourceProvider sourceProvider(String id) {
        return id == null || id.equals(sourceProvider.id()) ? sourceProvider : sourceProviders.get(id);
    }

    /** Every source provider the engine knows, by id. */
    public ProviderRegistry<SourceProvider> sourceProviders() {
        return sourceProviders;
    }

    public List<Check> extraChecks() {
        return extraChecks;
    }

    public List<Consumer<HistoryEvent>> listeners() {
        return listeners;
    }

    /** SQL on the ClickHouse that holds the destination tables. */
    public ClickHouseSql sql() {
        return sql;
    }

    /** The pipe control runs use: the typed ClickPipes client. */
    public PipeControl pipeControl() {
        return pipeControl;
    }

    /** The database destination tables live in. */
    public String database() {
        return environment.clickHouse().database();
    }

    /**
     * A run's view of a destination table (its rows are those of {@code runId}); with managed
     * tables, one the run's pipe creates.
     */
    public Destination destination(DestinationSpec spec, String runId) {
        Destination table = adoptedDestination(spec, runId);
        return managedTable ? new PipeCreatedTable(table) : table;
    }

    /**
     * The table of an adopted pipe (its own, whatever the managed-table setting); its reads ride
     * out a short ClickHouse outage ({@link OutageGrace}).
     */
    public Destination adoptedDestination(DestinationSpec spec, String runId) {
        return new GracefulDestination(new ClickHouseDestination(sql, spec, runId), grace);
    }

    /** How reads ride out a short outage of a part, announcing each retry. */
    public OutageGrace outageGrace() {
        return grace;
    }

    /** A table, to create, drop or count. */
    public ClickHouseTable table(DestinationSpec spec) {
        return new ClickHouseTable(sql, spec);
    }

    /** A new source for a run: writes under the run's prefix. The caller closes it. */
    public SourceFixture newSource(String runId) {
        return newSource(runId, sourceProvider);
    }

    /**
     * A new source of {@code provider} for a run; on the embedded stack the servers it needs are
     * started first. The caller closes it.
     */
    public SourceFixture newSource(String runId, SourceProvider provider) {
        return provider.create(new SourceContext(runId, new LinkedHashMap<>(environment.sourceConfig(provider))));
    }

    /** What pause-hazard steps provoke in this environment. */
    public Hazards hazards() {
        return environment.hazards(pipeControl);
    }

    /**
     * A validation engine as runs use it: the built-in and discovered checks plus the extra ones,
     * the engine's timestamp source and paused-window tolerance. Closing it leaves SQL open.
     */
    public ValidationEngine newValidator() {
        ValidationEngine.Builder b = ValidationEngine.builder().sql(sql).timestampSource(timestampSource);
        if (pausedWindowTolerance != null) {
            b.pausedWindowTolerance(pausedWindowTolerance);
        }
        extraChecks.forEach(b::check);
        return b.build();
    }

    /** A validator that opens a validation engine for each request and closes it after. */
    public Validator validatorPerRequest() {
        return request -> {
            try (ValidationEngine v = newValidator()) {
                return v.validate(request);
            }
        };
    }

    /**
     * An executor over a run folder, with this engine's clients: the source opens on first use and
     * closes with the executor; any table is reachable (an adopted pipe's, a leftover).
     */
    public StepExecutor.Builder executor(
            String runId,
            Path runDirectory,
            FixtureSettings fixtures,
            DestinationSpec runTable,
            HistorySink history,
            Manifest manifest) {
        return executor(runId, runDirectory, fixtures, runTable, history, manifest, sourceProvider);
    }

    /** {@link #executor} for a run that writes through {@code provider}. */
    public StepExecutor.Builder executor(
            String runId,
            Path runDirectory,
            FixtureSettings fixtures,
            DestinationSpec runTable,
            HistorySink history,
            Manifest manifest,
            SourceProvider provider) {
        return StepExecutor.builder()
                .runId(runId)
                .runDirectory(runDirectory)
                .fixtures(fixtures)
                .config(runnerConfig)
                .sourceFactory(() -> newSource(runId, provider))
                .pipes(pipeControl)
                .hazards(hazards())
                .destinations(runTable, spec -> destination(spec, runId))
                .validator(validatorPerRequest())
                .history(history)
                .manifest(manifest);
    }

    /** Closes SQL and the environment (which stops an embedded stack the engine started). */
    @Override
    public void close() {
        try {
            sql.close();
        } finally {
            environment.close();
        }
    }
}
