package dev.cpcheck.engine;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.engine.internal.CloudEnvironment;
import dev.cpcheck.engine.internal.DependencyFloors;
import dev.cpcheck.engine.internal.EngineParts;
import dev.cpcheck.engine.internal.Environment;
import dev.cpcheck.engine.internal.LocalEnvironment;
import dev.cpcheck.engine.steps.internal.CurrentRunPointer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checkpoint scenarios against one environment: the embedded local stack or ClickHouse
 * Cloud. Each {@link #run} writes fixtures, creates the table and the pipe, drives the scenario,
 * validates, writes the run folder ({@code history.jsonl}, {@code manifest.json},
 * {@code results.json}, {@code junit.xml}, {@code report.html}, {@code config.json}) and cleans up.
 *
 * <pre>{@code
 * try (CheckpointEngine engine = Cpcheck.local().build()) {          // starts the embedded stack
 *     RunReport report = engine.run(Scenarios.seed());
 *     System.out.println(report.verdict() + " " + report.runDirectory());
 * }
 * }</pre>
 *
 * <p>Thread-safe for sequential use; runs on one engine should not overlap (they would share the
 * emulator's fault mode).
 *
 * <p>A few lines over 500 because the nested {@link Builder} documents every setting of the
 * engine; it stays nested so that callers keep writing {@code CheckpointEngine.builder()}, and
 * what the engine does lives in {@link RunPlan}, {@code StepRun}, {@link RunCleaner} and the
 * internal parts.
 */
public final class CheckpointEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointEngine.class);
    /** Paused-window tolerance on the embedded stack, where clock offsets are a few milliseconds. */
    public static final Duration LOCAL_PAUSED_WINDOW_TOLERANCE = Duration.ofMillis(250);

    private final EngineParts parts;
    private final Pipes pipes;
    private final Tables tables;
    private final boolean managedTable;
    private boolean closed;
    private boolean accessChecked;

    private CheckpointEngine(Builder b, Environment environment) {
        RunnerConfig base = b.runnerConfig != null ? b.runnerConfig : environment.runnerDefaults();
        RunnerConfig.Builder rb = base.toBuilder();
        if (b.keepResources != null) {
            rb.keepResources(b.keepResources);
        }
        if (b.adoptPipeId != null) {
            rb.adoptPipeId(b.adoptPipeId);
        }
        if (b.pipePollingInterval != null) {
            rb.pipePollingInterval(b.pipePollingInterval);
        }
        ProviderRegistry<SourceProvider> sourceProviders = b.extraSourceProviders.isEmpty()
                ? ProviderRegistry.sourceProviders()
                : withExtras(ProviderRegistry.sourceProviders(), b.extraSourceProviders);
        SourceProvider sourceProvider = sourceProviders.get(b.sourceProviderId); // fails now on an unknown id
        if (environment.mode() == Mode.CLOUD) {
            List<String> missing = sourceProvider.missingSettings(b.config.asMap());
            if (!missing.isEmpty()) {
                throw new ConfigException("source " + sourceProvider.id() + " needs " + String.join(", ", missing)
                        + ": set them in the environment or the .env file (see .env.template)");
            }
        }
        // Locally JVM and ClickHouse share one clock: a tight tolerance lets short holds be judged.
        Duration tolerance = b.pausedWindowTolerance != null
                ? b.pausedWindowTolerance
                : environment.mode() == Mode.LOCAL ? LOCAL_PAUSED_WINDOW_TOLERANCE : null;
        this.managedTable = b.managedTable != null
                ? b.managedTable
                : Boolean.parseBoolean(
                        b.config.get(ConfigKey.CLICKPIPE_MANAGED_TABLE).orElse("false"));
        this.parts = new EngineParts(
                environment,
                b.config,
                rb.build(),
                b.runsDirectory,
                sourceProvider,
                sourceProviders,
                b.checks,
                b.listeners,
                b.timestampSource,
                tolerance,
                managedTable,
                b.retryListener);
        this.pipes = new Pipes(parts);
        this.tables = new Tables(parts);
    }

    private static ProviderRegistry<SourceProvider> withExtras(
            ProviderRegistry<SourceProvider> base, List<SourceProvider> extras) {
        ProviderRegistry<SourceProvider> r = base;
        for (SourceProvider p : extras) {
            r = r.with(p, SourceProvider::id);
        }
        return r;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ids of the source providers on the class path ({@code s3}, {@code gcs}, {@code azure}, ...). */
    public static List<String> sourceProviderIds() {
        return ProviderRegistry.sourceProviders().ids();
    }

    /** Local or cloud. */
    public Mode mode() {
        return parts.mode();
    }

    /** Where the parts are (no secrets). */
    public Endpoints endpoints() {
        return parts.environment().endpoints();
    }

    /** The configuration (secrets masked in its {@code toString}). */
    public CpcheckConfig config() {
        return parts.config();
    }

    /** The runner settings every run starts from. */
    public RunnerConfig runnerConfig() {
        return parts.runnerConfig();
    }

    /** The embedded stack the engine runs on, in local mode. */
    public Optional<EmbeddedStack> embeddedStack() {
        return parts.environment() instanceof LocalEnvironment l ? Optional.of(l.stack()) : Optional.empty();
    }

    /** The pipes of the service, by id (list, look up, stop, start, delete). */
    public Pipes pipes() {
        requireOpen();
        return pipes;
    }

    /** Destination tables by name (create, drop, count). */
    public Tables tables() {
        requireOpen();
        return tables;
    }

    /**
     * Whether the pipes this engine creates create their destination table ({@code managedTable:
     * true}) rather than writing to one the run created before them.
     */
    public boolean managedTable() {
        return managedTable;
    }

    /**
     * SQL on the ClickHouse that holds the destination tables, as checks see it (e.g. to try a
     * custom {@link Check} on a table of your own). Closing the engine closes it.
     */
    public SqlClient sql() {
        requireOpen();
        return parts.sql();
    }

    /** Settings for the source provider (secrets included: never print them). */
    public Map<String, String> sourceConfig() {
        return parts.environment().sourceConfig();
    }

    /** The source provider runs write to. */
    public SourceProvider sourceProvider() {
        return parts.sourceProvider();
    }

    /**
     * The source provider a run of {@code scenario} writes through: the scenario's own
     * ({@link Scenario#sourceProvider()}), else the engine's.
     *
     * @throws ProviderRegistry.UnknownProviderException naming the ids available
     */
    public SourceProvider sourceProvider(Scenario scenario) {
        return parts.sourceProvider(scenario.sourceProvider());
    }

    /** Folder that holds one folder per run. */
    public Path runsDirectory() {
        return parts.runsDirectory();
    }

    /** Checks added programmatically (ServiceLoader checks are found by the validation engine). */
    public List<Check> extraChecks() {
        return parts.extraChecks();
    }

    /** Listeners that see every history event of every run (including step runs). */
    public List<Consumer<HistoryEvent>> listeners() {
        return parts.listeners();
    }

    /**
     * The engine's parts, for the engine's own packages (step runs, Terraform). Other modules must
     * not use them: their architecture tests forbid {@code ..internal..} packages of other modules.
     */
    public EngineParts parts() {
        requireOpen();
        return parts;
    }

    /**
     * Checks, before a run writes or creates anything, that the ClickPipes API accepts the key
     * (one request for the service) and that ClickHouse answers with the credentials. Done once per
     * engine; {@link RunPlan#execute()} calls it. A front end calls it first so that a wrong key or
     * an API URL that points at another server is reported before any run folder exists.
     *
     * @throws dev.cpcheck.clickpipes.ClickPipesException as the API client reports it: unreachable,
     *     key rejected, an answer that is not the API's
     * @throws dev.cpcheck.validation.ClickHouseException when ClickHouse cannot be reached or refuses
     */
    public synchronized void checkAccess() {
        requireOpen();
        if (accessChecked) {
            return;
        }
        parts.environment().clickPipes().getService();
        parts.sql().ping();
        accessChecked = true;
    }

    /**
     * Plans a run: chooses its id and folder without touching anything, so a caller can set up
     * logging into the folder first. {@link RunPlan#execute()} runs it.
     */
    public RunPlan plan(Scenario scenario) {
        return plan(scenario, parts.runnerConfig());
    }

    /** Plans a run with other runner settings (e.g. keep resources for this run only). */
    public RunPlan plan(Scenario scenario, RunnerConfig settings) {
        requireOpen();
        Objects.requireNonNull(scenario, "scenario");
        String runId = RunIds.newRunId();
        return new RunPlan(
                this, scenario, runId, parts.runsDirectory().resolve(runId + "-" + scenario.name()), settings);
    }

    /** Runs a scenario and returns its report; the run folder is {@link RunReport#runDirectory()}. */
    public RunReport run(Scenario scenario) {
        return plan(scenario).execute();
    }

    /**
     * Removes what a stored run left behind (pipe, table, files under its prefix), as recorded in
     * its history; idempotent. Adopted pipes are never deleted. When everything was removed and
     * the run is the current step run ({@code runs/current}), the pointer is removed too.
     */
    public CleanupReport cleanup(Path runDirectory) {
        requireOpen();
        CleanupReport report = RunCleaner.cleanup(parts, runDirectory);
        if (report.ok()) {
            CurrentRunPointer.clearIfCurrent(parts.runsDirectory(), runDirectory);
        }
        return report;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this engine is closed");
        }
    }

    /** Closes connections and, when the engine started it, the embedded stack. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // After an interrupted run (Ctrl-C) the stack must still stop cleanly: the flag is kept for the caller.
        boolean interrupted = Thread.interrupted();
        try {
            parts.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Options of a {@link CheckpointEngine}. */
    public static final class Builder {
        private Mode mode = Mode.AUTO;
        private CpcheckConfig config;
        private Boolean managedTable;
        private EmbeddedStack embeddedStack;
        private EmulatorFault faultMode;
        private Path runsDirectory = Path.of("runs");
        private RunnerConfig runnerConfig;
        private Boolean keepResources;
        private String adoptPipeId;
        private Duration pipePollingInterval;
        private Consumer<RetryNotice> retryListener = notice -> {};
        private final List<Check> checks = new ArrayList<>();
        private final List<Consumer<HistoryEvent>> listeners = new ArrayList<>();
        private final List<SourceProvider> extraSourceProviders = new ArrayList<>();
        private String sourceProviderId = "s3";
        private boolean wakeIdleService;
        private boolean wakeStoppedService;
        private TimestampSource timestampSource;
        private Duration pausedWindowTolerance;

        private Builder() {}

        /** LOCAL, CLOUD, or AUTO (cloud when the cloud settings are complete). Default AUTO. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Settings (flags, environment, .env); defaults when not set. */
        public Builder config(CpcheckConfig config) {
            this.config = config;
            return this;
        }

        /** Run on this already started stack (not closed by the engine). Implies local mode. */
        public Builder embeddedStack(EmbeddedStack stack) {
            this.embeddedStack = Objects.requireNonNull(stack, "stack");
            this.mode = Mode.LOCAL;
            return this;
        }

        /** Local only: make the emulator break the checkpoint in this way. */
        public Builder faultMode(EmulatorFault faultMode) {
            this.faultMode = faultMode;
            return this;
        }

        /**
         * Let ClickPipes create the destination table ({@code managedTable: true}, MergeTree ordered
         * by {@code file_id, row_id}) instead of creating it before the pipe. Default: the
         * {@code CLICKPIPE_MANAGED_TABLE} setting, else false.
         */
        public Builder managedTable(boolean managed) {
            this.managedTable = managed;
            return this;
        }

        /** Folder for run folders (default {@code ./runs}). */
        public Builder runsDirectory(Path dir) {
            this.runsDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Runner timings; default: suited to the mode ({@link RunnerConfig#ofDefaults()} / {@link RunnerConfig#cloudDefaults()}). */
        public Builder runnerConfig(RunnerConfig runnerConfig) {
            this.runnerConfig = runnerConfig;
            return this;
        }

        /** Leave pipe, table and files in place after runs (a paused pipe is still resumed). */
        public Builder keepResources(boolean keep) {
            this.keepResources = keep;
            return this;
        }

        /**
         * The {@code object_storage_polling_interval_ms} of the pipes this engine creates (100 ms to
         * 1 h), on top of {@link #runnerConfig}: also the unit of hold-intervals steps.
         */
        public Builder pipePollingInterval(Duration interval) {
            this.pipePollingInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Test this existing pipe (e.g. made with Terraform) instead of creating one; never deleted. */
        public Builder adoptPipeId(String pipeId) {
            this.adoptPipeId = pipeId;
            return this;
        }

        /** Adds a check to every run, besides the built-ins and those found by ServiceLoader. */
        public Builder check(Check check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /** Sees every history event of every run as it is recorded (progress display). */
        public Builder listener(Consumer<HistoryEvent> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Told about every retry as it happens (an API call answered 429 or 5xx, ClickHouse or the
         * API refusing connections for a moment during a run), instead of a silent wait.
         */
        public Builder retryListener(Consumer<RetryNotice> listener) {
            this.retryListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Writes fixtures through this source provider (default {@code s3}); a scenario that names a
         * provider of its own ({@link Scenario#sourceProvider()}) uses that one. The ids available:
         * {@link #sourceProviderIds()}.
         */
        public Builder sourceProvider(String id) {
            this.sourceProviderId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Registers a source provider programmatically (and selects it). */
        public Builder sourceProvider(SourceProvider provider) {
            extraSourceProviders.add(Objects.requireNonNull(provider, "provider"));
            this.sourceProviderId = provider.id();
            return this;
        }

        /** Cloud only: wake an idle service (424) and retry; off by default. */
        public Builder wakeIdleService(boolean wake) {
            this.wakeIdleService = wake;
            return this;
        }

        /** Cloud only: start a stopped service (424) and retry; off by default (someone stopped it). */
        public Builder wakeStoppedService(boolean wake) {
            this.wakeStoppedService = wake;
            return this;
        }

        /**
         * Where rows' landing times come from. By default the {@code ingested_at} column when the
         * table has one (tables made by earlier versions of cpcheck), else part modification times.
         */
        public Builder timestampSource(TimestampSource source) {
            this.timestampSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Slack at the ends of a paused window (default: the validation engine's). */
        public Builder pausedWindowTolerance(Duration tolerance) {
            this.pausedWindowTolerance = tolerance;
            return this;
        }

        /**
         * Builds the engine; in local mode without a given stack this starts the embedded stack
         * (downloading the ClickHouse library on first use).
         *
         * @throws ConfigException when the settings are incomplete or wrong for the mode
         */
        public CheckpointEngine build() {
            DependencyFloors.check();
            if (config == null) {
                config = CpcheckConfig.defaults();
            }
            config.validate();
            Mode resolved = embeddedStack != null ? Mode.LOCAL : config.resolveMode(mode);
            if (faultMode != null && faultMode != EmulatorFault.NONE && resolved != Mode.LOCAL) {
                throw new ConfigException(
                        "fault modes exist only on the local emulator; drop --emulator-fault or run with --local");
            }
            Environment env;
            if (resolved == Mode.CLOUD) {
                env = new CloudEnvironment(config, wakeIdleService, wakeStoppedService, retryListener);
            } else {
                boolean owns = embeddedStack == null;
                EmbeddedStack stack = owns ? EmbeddedStack.start() : embeddedStack;
                try {
                    env = new LocalEnvironment(stack, owns, retryListener);
                } catch (RuntimeException e) {
                    if (owns) {
                        stack.close();
                    }
                    throw e;
                }
                stack.faultMode(faultMode == null ? EmulatorFault.NONE : faultMode);
            }
            try {
                CheckpointEngine engine = new CheckpointEngine(this, env);
                LOG.info("cpcheck engine ready ({}): {}", resolved.id(), env.endpoints());
                return engine;
            } catch (RuntimeException e) {
                env.close();
                throw e;
            }
        }
    }
}
