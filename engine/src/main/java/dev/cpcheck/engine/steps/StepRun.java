package dev.cpcheck.engine.steps;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.history.RunState;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.runner.StepExecutor;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.CleanupReport;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.engine.internal.EngineParts;
import dev.cpcheck.engine.steps.internal.CurrentRunPointer;
import dev.cpcheck.engine.steps.internal.RunLocks;
import dev.cpcheck.engine.steps.internal.SharedHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run driven one step at a time, each step possibly from another process: upload fixtures,
 * create the table, create (or adopt) the pipe, pause, resume, query, validate, clean up. What
 * {@link CheckpointEngine#run} does in one go, taken apart so a person (or a script) can do each
 * step by hand and look at the pipe in between.
 *
 * <pre>{@code
 * try (CheckpointEngine engine = Cpcheck.cloud(config).build();
 *      StepRun run = StepRun.start(engine, FixtureSettings.defaults())) {
 *     run.uploadFiles(6, 3, "initial");
 *     run.createTable();
 *     run.createPipe();
 *     run.awaitFiles(6, Duration.ofMinutes(5));
 *     run.pause();
 *     run.awaitState(PipeState.STOPPED, Duration.ofMinutes(2));
 * }
 * // later, in another process
 * try (CheckpointEngine engine = Cpcheck.cloud(config).build();
 *      StepRun run = StepRun.current(engine)) {
 *     run.uploadFiles(3, 3, "paused");
 *     run.resume();
 *     ...
 *     RunReport report = run.validate(DeliveryGuarantee.EXACTLY_ONCE);
 *     run.cleanup();
 * }
 * }</pre>
 *
 * <p>State lives in an ordinary run folder {@code runs/<run id>-steps/}: {@code history.jsonl}
 * (every step and observation, appended as it happens), {@code manifest.json} (every file
 * written), {@code config.json} (secrets masked), and after {@link #validate} the reports. The
 * file {@code runs/current} names the folder so the next command finds it. Each method is one
 * call of the {@link StepExecutor} a scenario run loops over, on an executor rebuilt from the
 * folder, so a step run's history reads like a full run's and several processes may act on one
 * run in turn (appends and uploads are serialised with file locks).
 *
 * <p>Methods throw {@link CpcheckException} when a step cannot be taken (no pipe yet, a pipe
 * already there), {@link InfrastructureException} when the API, S3 or ClickHouse fails, and
 * {@link WaitTimeoutException} when a wait times out; failures after a step began are recorded in
 * the history as {@code step-failed}.
 *
 * <p>The class is long only because every step command is a documented public method; each is a
 * line or two that hands one step to core's {@link StepExecutor}, which holds what steps do.
 */
public final class StepRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepRun.class);
    /** Suffix of step run folders: {@code runs/<run id>-steps}. */
    public static final String FOLDER_SUFFIX = "-steps";
    /** Name of the pointer file in the runs folder. */
    public static final String POINTER = CurrentRunPointer.FILE;
    /** Scenario name step runs report under. */
    public static final String SCENARIO_NAME = "steps";
    /** Rows listed by {@link #query()}. */
    public static final int RECENT_ROWS = 10;
    /** Files listed by {@link #query()}. */
    public static final int FILES_LISTED = 1000;

    private static final String LOCK = ".steps.lock";

    private final CheckpointEngine engine;
    private final EngineParts parts;
    private final Path runDirectory;
    private final String runId;
    private final FixtureSettings fixtures;
    private final DestinationSpec runDestination;
    private final SourceProvider sourceProvider;
    private final SharedHistory history;
    private boolean closed;

    private StepRun(
            CheckpointEngine engine,
            Path runDirectory,
            String runId,
            FixtureSettings fixtures,
            DestinationSpec runDestination,
            SourceProvider sourceProvider) {
        this.engine = engine;
        this.sourceProvider = sourceProvider;
        this.parts = engine.parts();
        this.runDirectory = runDirectory;
        this.runId = runId;
        this.fixtures = fixtures;
        this.runDestination = runDestination;
        this.history = new SharedHistory(runDirectory.resolve(RunFolder.HISTORY), Clock.systemUTC(), parts.listeners());
    }

    // ---------------------------------------------------------------- starting and finding runs

    /**
     * Starts a new step run: a new run id, its folder {@code runs/<run id>-steps/} with a
     * {@code run-started} event, an empty manifest and {@code config.json}, and the pointer
     * {@code runs/current} naming it. Nothing is created in S3, ClickHouse or the API yet.
     *
     * @throws InfrastructureException when ClickHouse cannot be reached (its clock is read)
     */
    public static StepRun start(CheckpointEngine engine, FixtureSettings fixtures) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(fixtures, "fixtures");
        String runId = RunIds.newRunId();
        Path dir = engine.runsDirectory().resolve(runId + FOLDER_SUFFIX);
        DestinationSpec destination = RunIds.table(engine.endpoints().database(), runId);
        RunFolder.create(dir);
        StepRun run = new StepRun(engine, dir, runId, fixtures, destination, engine.sourceProvider());
        try {
            run.begin();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        CurrentRunPointer.write(engine.runsDirectory(), dir);
        LOG.info("step run {} started in {}", runId, dir);
        return run;
    }

    /**
     * The current step run, named by {@code runs/current}.
     *
     * @throws CpcheckException when there is none, saying how to start one
     */
    public static StepRun current(CheckpointEngine engine) {
        Objects.requireNonNull(engine, "engine");
        Path dir = currentDirectory(engine.runsDirectory())
                .orElseThrow(() -> new CpcheckException("no step run in progress under " + engine.runsDirectory()
                        + "; run `cpcheck fixtures upload` first to start one"));
        return open(engine, dir);
    }

    /** The current step run, or a new one with {@code fixtures} when there is none. */
    public static StepRun currentOrStart(CheckpointEngine engine, FixtureSettings fixtures) {
        return currentDirectory(engine.runsDirectory()).isPresent() ? current(engine) : start(engine, fixtures);
    }

    /** The folder {@code runs/current} names, if it names one that exists. */
    public static Optional<Path> currentDirectory(Path runsDirectory) {
        return CurrentRunPointer.read(runsDirectory).filter(d -> Files.isRegularFile(d.resolve(RunFolder.HISTORY)));
    }

    /**
     * Reopens a step run from its folder.
     *
     * @throws CpcheckException when the folder is not a step run, or was started in another mode
     */
    public static StepRun open(CheckpointEngine engine, Path runDirectory) {
        Objects.requireNonNull(engine, "engine");
        StepRunFolder.Opened run = StepRunFolder.read(engine, runDirectory);
        // later steps write and clean up through the provider the run started with
        SourceProvider provider = engine.parts()
                .sourceProvider(RunFolder.sourceProviderOf(runDirectory).orElse(null));
        return new StepRun(engine, runDirectory, run.runId(), run.fixtures(), run.destination(), provider);
    }

    private void begin() {
        try (StepExecutor run = executor(null)) {
            // read before anything is written: an unreachable ClickHouse leaves no history behind
            ClockSample start = run.sampleClock("start");
            run.recorder().runStarted(runId, StepRunFolder.startedEvent(engine, fixtures, runDestination));
            run.recorder().clockSampled(start);
            run.manifest().write(manifestFile());
        }
        StepRunFolder.writeConfig(engine, runDirectory, runId, fixtures, runDestination);
    }

    // ---------------------------------------------------------------- what the run is

    public String runId() {
        return runId;
    }

    /** The run folder. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** The fixture settings the run writes with, fixed when it started. */
    public FixtureSettings fixtures() {
        return fixtures;
    }

    /** The destination table: the run's own, or the adopted pipe's. */
    public DestinationSpec destination() {
        return withExecutor(StepExecutor::destinationSpec);
    }

    /** The pipe in use (created or adopted, not deleted). */
    public Optional<String> pipeId() {
        return state().pipeId();
    }

    /** The manifest: every file written so far. */
    public Manifest manifest() {
        return Manifest.read(manifestFile());
    }

    /** The history so far. */
    public RunHistory history() {
        return history.snapshot();
    }

    // ---------------------------------------------------------------- fixtures

    /** Uploads {@code count} files of the run's default size; see {@link #uploadFiles(int, long, String, KeyPlacement)}. */
    public List<ManifestFile> uploadFiles(int count, String phase) {
        return uploadFiles(count, fixtures.rowsPerFile(), phase, KeyPlacement.APPEND);
    }

    /** Uploads a batch whose keys sort after every key written so far. */
    public List<ManifestFile> uploadFiles(int count, long rowsPerFile, String phase) {
        return uploadFiles(count, rowsPerFile, phase, KeyPlacement.APPEND);
    }

    /**
     * Writes a batch of fixture files through the engine's source provider (the {@code writeFiles}
     * step). File ids continue after those in the manifest; the manifest is rewritten.
     *
     * @param phase label written into every row, e.g. {@code initial}, {@code paused}
     * @return the manifest entries of the batch (failed uploads included, marked so)
     * @throws InfrastructureException when no file of the batch could be written
     */
    @SuppressWarnings("unchecked")
    public List<ManifestFile> uploadFiles(int count, long rowsPerFile, String phase, KeyPlacement placement) {
        Step.WriteFiles step = new Step.WriteFiles(phase, count, rowsPerFile, placement);
        // the manifest is read, extended and written: one upload at a time
        return RunLocks.withLock(runDirectory.resolve(LOCK), () -> (List<ManifestFile>) command(step, List.class));
    }

    /** Keys under the run prefix in the source, in lexicographic order (what is there now). */
    public List<String> listFiles() {
        return withExecutor(StepExecutor::listFiles);
    }

    /**
     * Deletes everything under the run prefix. Records {@code resource-cleanup} (source-prefix).
     * The manifest keeps the files: it is the record of what was written.
     *
     * @return the number of keys deleted
     */
    public int deleteFiles() {
        return RunLocks.withLock(runDirectory.resolve(LOCK), () -> command(new Step.DeleteFiles(), Integer.class));
    }

    // ---------------------------------------------------------------- table

    /**
     * Creates the destination table with cpcheck's schema. Records {@code resource-created}
     * (table), {@code adopted} when it existed already (then it is never dropped by cleanup).
     *
     * @return whether this call created it
     */
    public boolean createTable() {
        return command(new Step.CreateTable(), Boolean.class);
    }

    /**
     * Drops the destination table. Records {@code resource-cleanup} (table).
     *
     * @throws CpcheckException when the table existed before the run (cpcheck does not drop it)
     */
    public void dropTable() {
        command(new Step.DropTable(), Void.class);
    }

    // ---------------------------------------------------------------- pipe

    /**
     * The pipe {@link #createPipe()} would create: the same spec a full run sends. Creates nothing;
     * for {@code TerraformConfig.of(run.pipeSpec())}. Its source may hold credentials
     * ({@code toString} masks them).
     */
    public PipeSpec pipeSpec() {
        return withExecutor(StepExecutor::pipeSpec);
    }

    /**
     * Creates the pipe ({@link #pipeSpec()}) and waits until it is Running (the runner's state
     * timeout). Records {@code resource-created} (pipe) and the state polls.
     *
     * @throws CpcheckException when the run has a pipe already
     */
    public PipeInfo createPipe() {
        return command(new Step.CreatePipe(), PipeInfo.class);
    }

    /**
     * Uses an existing pipe (e.g. made with Terraform) instead of creating one; it is never
     * deleted by cpcheck. Its URL glob must cover the run prefix; from now on the run's
     * destination is the pipe's table. Records {@code resource-created} (pipe, adopted).
     *
     * @throws ConfigException when the pipe would not see the run's files or has no destination
     */
    public PipeInfo adoptPipe(String pipeId) {
        return command(new Step.AdoptPipe(pipeId), PipeInfo.class);
    }

    /**
     * Sends stop to the pipe. Records the clock offset and {@code pipe-command} stop; the pause
     * is confirmed (the paused window starts) by the first state poll that sees Stopped, in
     * {@link #awaitState} or {@link #status()}.
     */
    public void pause() {
        command(new Step.Pause(), Void.class);
    }

    /** Sends start to the pipe. Records the clock offset and {@code pipe-command} start (the end of a paused window). */
    public void resume() {
        command(new Step.Resume(), Void.class);
    }

    /**
     * Polls the pipe's state until it is {@code target}. Records every poll, and
     * {@code pause-confirmed} at the first poll that sees Stopped after a stop.
     *
     * @return the state reached
     * @throws WaitTimeoutException when the timeout passes first
     * @throws PipeFailedException  when the pipe fails
     */
    public PipeState awaitState(PipeState target, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        return command(new Step.AwaitState(target, timeout), PipeState.class);
    }

    /**
     * Deletes the pipe the run created. Records {@code resource-cleanup} (pipe).
     *
     * @throws CpcheckException when the pipe was adopted (cpcheck never deletes those)
     */
    public void deletePipe() {
        command(new Step.DeletePipe(), Void.class);
    }

    /**
     * The pipe's state (one API call) and what has landed (one SQL aggregation). Both are recorded
     * as observations; a Stopped state after a stop confirms the pause.
     */
    public PipeStatus status() {
        return withExecutor(run -> {
            PipeState pipeState = run.state().pipeId().isPresent() ? run.pollState() : null;
            IngestionSnapshot landed = tableExists(run.destinationSpec()) ? run.pollCounts("status") : null;
            if (landed == null) {
                run.recorder().countPolled(null, IngestionSnapshot.EMPTY, 1, Duration.ZERO, "status");
                landed = IngestionSnapshot.EMPTY;
            }
            Manifest m = run.manifest();
            return new PipeStatus(
                    run.state().pipeId().orElse(null),
                    pipeState,
                    run.state().stopOutstanding(),
                    landed.files(),
                    landed.rows(),
                    landed.lastFile(),
                    m.expectedFiles().size(),
                    m.expectedRows());
        });
    }

    // ---------------------------------------------------------------- waiting for ingestion

    /**
     * Polls the destination until at least {@code files} distinct files of the run have landed.
     * Records every count poll.
     *
     * @throws WaitTimeoutException when the timeout passes first
     */
    public IngestionSnapshot awaitFiles(long files, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (files < 1 || files > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "files to await must be between 1 and " + Integer.MAX_VALUE + ", got " + files);
        }
        Step.AwaitFiles step = new Step.AwaitFiles((int) files, timeout);
        return command(step, IngestionSnapshot.class);
    }

    /**
     * Polls the destination until every file of the manifest has landed (or the highest key has:
     * continuous mode never goes back), then until the row count stays unchanged for the runner's
     * settle time, so duplicates still arriving are seen. Like a full run's final await.
     *
     * @throws WaitTimeoutException when the timeout passes before the files landed
     */
    public IngestionSnapshot awaitAllFiles(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Step.AwaitFiles step = new Step.AwaitFiles(null, timeout);
        return command(step, IngestionSnapshot.class);
    }

    // ---------------------------------------------------------------- looking at the table

    /** Totals, rows per file and the latest rows of the run in the destination table. Not recorded. */
    public QueryResult query() {
        DestinationSpec d = destination();
        return QueryResult.of(parts.table(d), runId, manifest(), RECENT_ROWS, FILES_LISTED);
    }

    /**
     * Runs any SQL on the ClickHouse that holds the destination table and returns its rows (keep
     * results small). Not recorded.
     */
    public List<Map<String, Object>> query(String sql) {
        requireOpen();
        Objects.requireNonNull(sql, "sql");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SqlRow r : parts.sql().query(sql)) {
            rows.add(r.values());
        }
        return rows;
    }

    // ---------------------------------------------------------------- validation and cleanup

    /**
     * Validates the destination table against the manifest in the light of the history, as a
     * full run's last step does, and writes {@code results.json}, {@code junit.xml} and
     * {@code report.html} into the run folder. Records the clock offset and
     * {@code validation-finished}. May be called again (e.g. after more files).
     *
     * @throws InfrastructureException when ClickHouse cannot be reached at all
     */
    public RunReport validate(DeliveryGuarantee guarantee) {
        Objects.requireNonNull(guarantee, "guarantee");
        RunReport report = withExecutor(run -> {
            ValidationResult result = interruptible("validate", () -> run.validate(guarantee));
            DestinationSpec d = run.destinationSpec();
            IngestionSnapshot landed =
                    tableExists(d) ? parts.destination(d, runId).snapshot() : IngestionSnapshot.EMPTY;
            return run.report(
                    SCENARIO_NAME,
                    "a run driven step by step",
                    guarantee,
                    null,
                    RunStatus.COMPLETED,
                    null,
                    result,
                    landed,
                    Map.of());
        });
        RunFolder.writeReports(report, history(), runDirectory);
        LOG.info("step run {} validated: {}", runId, report.verdict());
        return report;
    }

    /**
     * Removes what the run left (pipe, table, files), as its history records:
     * {@link CheckpointEngine#cleanup}. Clears {@code runs/current} when everything was removed.
     */
    public CleanupReport cleanup() {
        requireOpen();
        return engine.cleanup(runDirectory);
    }

    /** Marks the run object closed; the run folder and the resources stay. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    // ---------------------------------------------------------------- internals

    /** One call of the executor, rebuilt from the folder (another process may have acted since). */
    private <T> T withExecutor(java.util.function.Function<StepExecutor, T> call) {
        requireOpen();
        try (StepExecutor run = executor(Manifest.read(manifestFile()))) {
            return call.apply(run);
        }
    }

    /** One step command on an executor rebuilt from the folder. */
    private <T> T command(Step step, Class<T> resultType) {
        return withExecutor(run -> interruptible(step.describe(), () -> run.command(step, resultType)));
    }

    private StepExecutor executor(Manifest manifest) {
        return parts.executor(runId, runDirectory, fixtures, runDestination, history, manifest, sourceProvider)
                .build();
    }

    @FunctionalInterface
    private interface Blocking<T> {
        T call() throws InterruptedException;
    }

    private static <T> T interruptible(String what, Blocking<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CpcheckException("interrupted during " + what, e);
        }
    }

    private RunState state() {
        return RunState.of(history());
    }

    private boolean tableExists(DestinationSpec spec) {
        return parts.table(spec).exists();
    }

    private Path manifestFile() {
        return runDirectory.resolve(RunFolder.MANIFEST);
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this step run is closed");
        }
    }

    @Override
    public String toString() {
        return "StepRun[" + runId + ", " + runDirectory + "]";
    }
}
