package dev.cpcheck.engine.steps;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.port.DestinationSpec;
import dev.cpcheck.core.port.FileBatch;
import dev.cpcheck.core.port.IngestionSnapshot;
import dev.cpcheck.core.port.PipeInfo;
import dev.cpcheck.core.port.PipeSpec;
import dev.cpcheck.core.port.PipeState;
import dev.cpcheck.core.port.SourceFixture;
import dev.cpcheck.core.port.SourceSpec;
import dev.cpcheck.core.port.ValidationRequest;
import dev.cpcheck.core.port.ValidationResult;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.runner.Sleeper;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.core.runner.Waiter;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.CleanupReport;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.engine.internal.AdoptedPipe;
import dev.cpcheck.engine.steps.internal.CurrentRunPointer;
import dev.cpcheck.engine.steps.internal.RunLocks;
import dev.cpcheck.engine.steps.internal.SharedHistory;
import dev.cpcheck.engine.steps.internal.StepState;
import dev.cpcheck.validation.ClickHouseDestination;
import dev.cpcheck.validation.ClickHouseTable;
import dev.cpcheck.validation.ValidationEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 *      StepRun run = StepRun.start(engine, StepOptions.defaults())) {
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
 * file {@code runs/current} names the folder so the next command finds it. A step run's history
 * reads like a full run's: paused windows, resumes and leftovers for
 * {@link CheckpointEngine#cleanup} are derived the same way.
 *
 * <p>The object holds no state of its own: each method reads the history first, so several
 * processes may act on one run in turn. Appends to the history and uploads are serialised with
 * file locks. Methods throw {@link CpcheckException} when a step cannot be taken (no pipe yet, a
 * pipe already there), {@link InfrastructureException} when the API, S3 or ClickHouse fails, and
 * {@link WaitTimeoutException} when a wait times out; failures after a step began are recorded in
 * the history as {@code step-failed}.
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
    private final Path runDirectory;
    private final String runId;
    private final StepOptions options;
    private final DestinationSpec runDestination;
    private final SharedHistory history;
    private final Clock clock = Clock.systemUTC();
    private SourceFixture source;
    private boolean closed;

    private StepRun(
            CheckpointEngine engine,
            Path runDirectory,
            String runId,
            StepOptions options,
            DestinationSpec runDestination) {
        this.engine = engine;
        this.runDirectory = runDirectory;
        this.runId = runId;
        this.options = options;
        this.runDestination = runDestination;
        this.history = new SharedHistory(runDirectory.resolve(RunFolder.HISTORY), clock, engine.listeners());
    }

    // ---------------------------------------------------------------- starting and finding runs

    /**
     * Starts a new step run: a new run id, its folder {@code runs/<run id>-steps/} with a
     * {@code run-started} event, an empty manifest and {@code config.json}, and the pointer
     * {@code runs/current} naming it. Nothing is created in S3, ClickHouse or the API yet.
     *
     * @throws InfrastructureException when ClickHouse cannot be reached (its clock is read)
     */
    public static StepRun start(CheckpointEngine engine, StepOptions options) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(options, "options");
        String runId = RunIds.newRunId();
        Path dir = engine.runsDirectory().resolve(runId + FOLDER_SUFFIX);
        DestinationSpec destination = new DestinationSpec(engine.clickHouse().database(), RunIds.tableName(runId));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        StepRun run = new StepRun(engine, dir, runId, options, destination);
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

    /** The current step run, or a new one with {@code options} when there is none. */
    public static StepRun currentOrStart(CheckpointEngine engine, StepOptions options) {
        return currentDirectory(engine.runsDirectory()).isPresent() ? current(engine) : start(engine, options);
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
        Path historyFile = runDirectory.resolve(RunFolder.HISTORY);
        if (!Files.isRegularFile(historyFile)) {
            throw new CpcheckException(runDirectory + " is not a step run folder (no " + RunFolder.HISTORY
                    + "); run `cpcheck fixtures upload` first to start one");
        }
        RunHistory h = RunHistory.read(historyFile);
        StepState state = StepState.of(h);
        if (state.runId() == null || state.options().isEmpty()) {
            throw new CpcheckException(runDirectory + " is not a step run (it was made by a full run); "
                    + "run `cpcheck fixtures upload` to start a step run");
        }
        if (state.mode() != null && !state.mode().equals(engine.mode().id())) {
            throw new CpcheckException("step run " + state.runId() + " was started in " + state.mode()
                    + " mode, but this is " + engine.mode().id() + " mode; use the same mode, or clean it up");
        }
        StepOptions options;
        try {
            options = Json.mapper().convertValue(state.options(), StepOptions.class);
        } catch (IllegalArgumentException e) {
            throw new CpcheckException(historyFile + ": cannot read the run's options: " + e.getMessage(), e);
        }
        DestinationSpec destination = h.first(EventType.RUN_STARTED)
                .map(e -> e.string("destination"))
                .map(StepRun::parseTable)
                .orElseGet(() -> new DestinationSpec(engine.clickHouse().database(), RunIds.tableName(state.runId())));
        return new StepRun(engine, runDirectory, state.runId(), options, destination);
    }

    private void begin() {
        ClockSample start = sampleClock("start");
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("runId", runId);
        started.put("mode", engine.mode().id());
        started.put("kind", SCENARIO_NAME);
        started.put("destination", runDestination.database() + "." + runDestination.table());
        started.put("options", Json.mapper().convertValue(options, Map.class));
        started.put("runner", Json.mapper().convertValue(engine.runnerConfig(), Map.class));
        started.put("config", configSummary());
        history.record(EventType.RUN_STARTED, null, started);
        recordClock(start);
        SourceFixture s = source();
        Manifest.start(
                        runId,
                        s.providerId(),
                        s.bucket(),
                        s.prefix(),
                        options.format().clickHouseName(),
                        options.compression().id(),
                        clock.instant())
                .write(manifestFile());
        writeConfig();
    }

    // ---------------------------------------------------------------- what the run is

    public String runId() {
        return runId;
    }

    /** The run folder. */
    public Path runDirectory() {
        return runDirectory;
    }

    public StepOptions options() {
        return options;
    }

    /** The destination table: the run's own, or the adopted pipe's. */
    public DestinationSpec destination() {
        return destination(state());
    }

    /** The pipe in use (created or adopted, not deleted). */
    public Optional<String> pipeId() {
        return Optional.ofNullable(state().pipeId());
    }

    /** The manifest: every file written so far. */
    public Manifest manifest() {
        return Manifest.read(manifestFile());
    }

    /** The history so far. */
    public RunHistory history() {
        return RunHistory.read(history.file());
    }

    // ---------------------------------------------------------------- fixtures

    /** Uploads {@code count} files of the run's default size; see {@link #uploadFiles(int, long, String, KeyPlacement)}. */
    public List<ManifestFile> uploadFiles(int count, String phase) {
        return uploadFiles(count, options.rowsPerFile(), phase, KeyPlacement.APPEND);
    }

    /** Uploads a batch whose keys sort after every key written so far. */
    public List<ManifestFile> uploadFiles(int count, long rowsPerFile, String phase) {
        return uploadFiles(count, rowsPerFile, phase, KeyPlacement.APPEND);
    }

    /**
     * Writes a batch of fixture files through the engine's source provider. File ids continue
     * after those in the manifest. Records {@code resource-created} (source-prefix) before the
     * first file and {@code files-written} after every batch; the manifest is rewritten.
     *
     * @param phase label written into every row, e.g. {@code initial}, {@code paused}
     * @return the manifest entries of the batch (failed uploads included, marked so)
     * @throws InfrastructureException when no file of the batch could be written
     */
    public List<ManifestFile> uploadFiles(int count, long rowsPerFile, String phase, KeyPlacement placement) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        if (rowsPerFile < 1) {
            throw new IllegalArgumentException("rowsPerFile must be >= 1, was " + rowsPerFile);
        }
        if (phase == null || phase.isBlank()) {
            throw new IllegalArgumentException("phase must not be blank");
        }
        Objects.requireNonNull(placement, "placement");
        return RunLocks.withLock(
                runDirectory.resolve(LOCK),
                () -> step("write-files", "write " + count + " files (" + phase + ")", (index, state) -> {
                    Manifest manifest = manifest();
                    long next = manifest.files().stream()
                                    .mapToLong(ManifestFile::fileId)
                                    .max()
                                    .orElse(0)
                            + 1;
                    FileBatch batch = new FileBatch(
                            runId,
                            phase,
                            next,
                            count,
                            rowsPerFile,
                            options.payloadBytes(),
                            options.format(),
                            options.compression(),
                            placement,
                            options.seed(),
                            options.keyTemplate());
                    SourceFixture s = source();
                    String prefixId = s.bucket() + "/" + s.prefix();
                    if (!state.isOpen(CreatedResource.SOURCE_PREFIX, prefixId)) {
                        history.record(
                                EventType.RESOURCE_CREATED,
                                index,
                                Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", prefixId, "adopted", false));
                    }
                    List<ManifestFile> written = s.write(batch);
                    manifest.withFiles(written).write(manifestFile());
                    long ok = written.stream()
                            .filter(f -> f.outcome() == UploadOutcome.OK)
                            .count();
                    long failed = written.stream()
                            .filter(f -> f.outcome() == UploadOutcome.FAILED)
                            .count();
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("phase", phase);
                    data.put("count", written.size());
                    data.put("ok", ok);
                    data.put("failed", failed);
                    data.put("indeterminate", written.size() - ok - failed);
                    data.put(
                            "rows",
                            written.stream().mapToLong(ManifestFile::rows).sum());
                    data.put("placement", placement.id());
                    if (!written.isEmpty()) {
                        data.put("firstKey", written.get(0).key());
                        data.put("lastKey", written.get(written.size() - 1).key());
                    }
                    history.record(EventType.FILES_WRITTEN, index, data);
                    if (ok == 0) {
                        throw new InfrastructureException(
                                "source",
                                "no file of the batch was written (" + failed + " failed): "
                                        + written.get(0).error());
                    }
                    return written;
                }));
    }

    /** Keys under the run prefix in the source, in lexicographic order (what is there now). */
    public List<String> listFiles() {
        requireOpen();
        return source().listKeys();
    }

    /**
     * Deletes everything under the run prefix. Records {@code resource-cleanup} (source-prefix).
     * The manifest keeps the files: it is the record of what was written.
     *
     * @return the number of keys deleted
     */
    public int deleteFiles() {
        return step("delete-files", "delete the run's files", (index, state) -> {
            SourceFixture s = source();
            int n = s.deleteAll();
            history.record(
                    EventType.RESOURCE_CLEANUP,
                    index,
                    Map.of(
                            "kind",
                            CreatedResource.SOURCE_PREFIX,
                            "id",
                            s.bucket() + "/" + s.prefix(),
                            "ok",
                            true,
                            "by",
                            "steps",
                            "deleted",
                            n));
            return n;
        });
    }

    // ---------------------------------------------------------------- table

    /**
     * Creates the destination table with cpcheck's schema. Records {@code resource-created}
     * (table), {@code adopted} when it existed already (then it is never dropped by cleanup).
     *
     * @return whether this call created it
     */
    public boolean createTable() {
        return step("create-table", "create the destination table", (index, state) -> {
            DestinationSpec d = destination(state);
            boolean created = new ClickHouseTable(engine.sql(), d).create();
            history.record(
                    EventType.RESOURCE_CREATED,
                    index,
                    Map.of("kind", CreatedResource.TABLE, "id", d.database() + "." + d.table(), "adopted", !created));
            return created;
        });
    }

    /**
     * Drops the destination table. Records {@code resource-cleanup} (table).
     *
     * @throws CpcheckException when the table existed before the run (cpcheck does not drop it)
     */
    public void dropTable() {
        StepState state = state();
        DestinationSpec d = destination(state);
        String id = d.database() + "." + d.table();
        boolean adoptedOnly = !state.isOpen(CreatedResource.TABLE, id)
                && history().createdResources().stream()
                        .anyMatch(r -> r.kind().equals(CreatedResource.TABLE) && r.id().equals(id) && r.adopted());
        if (adoptedOnly) {
            throw new CpcheckException("table " + id + " existed before the run; cpcheck does not drop it");
        }
        step("drop-table", "drop the destination table", (index, s) -> {
            new ClickHouseTable(engine.sql(), d).drop();
            history.record(
                    EventType.RESOURCE_CLEANUP,
                    index,
                    Map.of("kind", CreatedResource.TABLE, "id", id, "ok", true, "by", "steps"));
            return null;
        });
    }

    // ---------------------------------------------------------------- pipe

    /**
     * The pipe {@link #createPipe()} would create: the same spec a full run sends (source URL glob
     * over the run prefix, format, compression, continuous mode, authentication, destination,
     * field mappings, the runner's pipe settings). Creates nothing; for
     * {@code TerraformConfig.of(run.pipeSpec())}. Its source may hold credentials
     * ({@code toString} masks them).
     */
    public PipeSpec pipeSpec() {
        requireOpen();
        return pipeSpec(state());
    }

    private PipeSpec pipeSpec(StepState state) {
        RunnerConfig rc = engine.runnerConfig();
        SourceSpec sourceSpec = source().pipeSource(
                        options.format().clickHouseName(), options.compression().id(), true);
        String name = rc.pipeName() != null ? rc.pipeName() : RunIds.pipeName(runId);
        return new PipeSpec(
                name, sourceSpec, destination(state), RowSchema.fieldMappings(), rc.effectivePipeSettings());
    }

    /**
     * Creates the pipe ({@link #pipeSpec()}) and waits until it is Running (the runner's state
     * timeout). Records {@code resource-created} (pipe) and the state polls.
     *
     * @throws CpcheckException when the run has a pipe already
     */
    public PipeInfo createPipe() {
        requireNoPipe(state());
        return step("create-pipe", "create the pipe", (index, state) -> {
            PipeSpec spec = pipeSpec(state);
            PipeInfo info = engine.pipeControl().create(spec);
            history.record(
                    EventType.RESOURCE_CREATED,
                    index,
                    Map.of(
                            "kind",
                            CreatedResource.PIPE,
                            "id",
                            info.id(),
                            "adopted",
                            false,
                            "name",
                            spec.name(),
                            "sourceUrl",
                            spec.source().url()));
            if (engine.managedTable()) {
                // the pipe created the table for this run: the run owns it and cleanup drops it
                DestinationSpec d = spec.destination();
                history.record(
                        EventType.RESOURCE_CREATED,
                        index,
                        Map.of("kind", CreatedResource.TABLE, "id", d.database() + "." + d.table(), "adopted", false));
            }
            PipeState s = awaitState(
                    index,
                    info.id(),
                    state,
                    PipeState.RUNNING,
                    engine.runnerConfig().stateTimeout());
            return new PipeInfo(info.id(), info.name(), s, info.sourceUrl(), info.destination());
        });
    }

    /**
     * Uses an existing pipe (e.g. made with Terraform) instead of creating one; it is never
     * deleted by cpcheck. Its URL glob must cover the run prefix; from now on the run's
     * destination is the pipe's table. Records {@code resource-created} (pipe, adopted).
     *
     * @throws ConfigException when the pipe would not see the run's files or has no destination
     */
    public PipeInfo adoptPipe(String pipeId) {
        Objects.requireNonNull(pipeId, "pipeId");
        requireNoPipe(state());
        return step("adopt-pipe", "adopt pipe " + pipeId, (index, state) -> {
            PipeInfo info = engine.pipeControl().adopt(pipeId);
            SourceFixture s = source();
            String extension =
                    "." + options.format().extension() + options.compression().suffix();
            AdoptedPipe.requireCovers(info.id(), info.sourceUrl(), s.bucket(), s.prefix(), extension);
            if (info.destination() == null) {
                throw new ConfigException("pipe " + info.id() + " has no destination table cpcheck can read");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("kind", CreatedResource.PIPE);
            data.put("id", info.id());
            data.put("adopted", true);
            data.put("state", info.state().apiName());
            data.put("sourceUrl", info.sourceUrl());
            data.put(
                    "destination",
                    info.destination().database() + "." + info.destination().table());
            history.record(EventType.RESOURCE_CREATED, index, data);
            return info;
        });
    }

    /**
     * Sends stop to the pipe. Records the clock offset and {@code pipe-command} stop; the pause
     * is confirmed (the paused window starts) by the first state poll that sees Stopped, in
     * {@link #awaitState} or {@link #status()}.
     */
    public void pause() {
        String pipeId = requirePipe(state());
        step("pause", "stop the pipe", (index, state) -> {
            recordClock(sampleClock("pause-" + (state.stops() + 1)));
            history.record(EventType.PIPE_COMMAND, index, Map.of("command", "stop", "pipeId", pipeId));
            engine.pipeControl().pause(pipeId);
            return null;
        });
    }

    /** Sends start to the pipe. Records the clock offset and {@code pipe-command} start (the end of a paused window). */
    public void resume() {
        String pipeId = requirePipe(state());
        step("resume", "start the pipe", (index, state) -> {
            recordClock(sampleClock("resume-" + (state.starts() + 1)));
            history.record(EventType.PIPE_COMMAND, index, Map.of("command", "start", "pipeId", pipeId));
            engine.pipeControl().resume(pipeId);
            return null;
        });
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
        String pipeId = requirePipe(state());
        return step(
                "await-state",
                "await state " + target.apiName(),
                (index, state) -> awaitState(index, pipeId, state, target, timeout));
    }

    /**
     * Deletes the pipe the run created. Records {@code resource-cleanup} (pipe).
     *
     * @throws CpcheckException when the pipe was adopted (cpcheck never deletes those)
     */
    public void deletePipe() {
        StepState current = state();
        String pipeId = requirePipe(current);
        if (current.pipeAdopted()) {
            throw new CpcheckException(
                    "pipe " + pipeId + " was adopted; cpcheck never deletes pipes it did not create");
        }
        step("delete-pipe", "delete pipe " + pipeId, (index, state) -> {
            engine.pipeControl().delete(pipeId);
            history.record(
                    EventType.RESOURCE_CLEANUP,
                    index,
                    Map.of("kind", CreatedResource.PIPE, "id", pipeId, "ok", true, "by", "steps"));
            return null;
        });
    }

    /**
     * The pipe's state (one API call) and what has landed (one SQL aggregation). Both are recorded
     * as observations; a Stopped state after a stop confirms the pause.
     */
    public PipeStatus status() {
        requireOpen();
        StepState state = state();
        PipeState pipeState = null;
        if (state.pipeId() != null) {
            pipeState = engine.pipeControl().state(state.pipeId());
            recordStatePoll(null, state, state.pipeId(), pipeState, 1, Duration.ZERO);
        }
        DestinationSpec d = destination(state);
        IngestionSnapshot snap =
                new ClickHouseTable(engine.sql(), d).exists() ? destination(d).snapshot() : IngestionSnapshot.EMPTY;
        recordCount(null, snap, 1, Duration.ZERO, "status");
        Manifest m = manifest();
        return new PipeStatus(
                state.pipeId(),
                pipeState,
                state.stopOutstanding(),
                snap.files(),
                snap.rows(),
                snap.lastFile(),
                m.expectedFiles().size(),
                m.expectedRows());
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
        return step("await-files", "await " + files + " files ingested", (index, state) -> {
            RunnerConfig rc = engine.runnerConfig();
            ClickHouseDestination d = destination(destination(state));
            return waiter().until(
                            files + " files ingested",
                            d::snapshot,
                            s -> s.files() >= files,
                            rc.probeInterval(),
                            timeout,
                            p -> recordCount(index, p.value(), p.attempt(), p.elapsed(), "await"),
                            IngestionSnapshot::describe);
        });
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
        return step("await-files", "await all files ingested", (index, state) -> {
            RunnerConfig rc = engine.runnerConfig();
            ClickHouseDestination d = destination(destination(state));
            Manifest m = manifest();
            long expected = m.expectedFiles().size();
            String lastName = m.lastExpectedFile().map(ManifestFile::fileName).orElse(null);
            long t0 = System.nanoTime();
            IngestionSnapshot landed = waiter().until(
                            "all " + expected + " files ingested",
                            d::snapshot,
                            s -> s.files() >= expected
                                    || (lastName != null
                                            && s.lastFile() != null
                                            && s.lastFile().compareTo(lastName) >= 0),
                            rc.probeInterval(),
                            timeout,
                            p -> recordCount(index, p.value(), p.attempt(), p.elapsed(), "await"),
                            IngestionSnapshot::describe);
            Duration settle = rc.effectiveSettle();
            Duration left = timeout.minusNanos(System.nanoTime() - t0);
            Duration budget = left.compareTo(settle.multipliedBy(4)) > 0 ? left : settle.multipliedBy(4);
            IngestionSnapshot[] previous = {landed};
            long[] stableSince = {System.nanoTime()};
            try {
                return waiter().until(
                                "the row count to settle",
                                d::snapshot,
                                s -> {
                                    long now = System.nanoTime();
                                    if (s.rows() != previous[0].rows() || s.files() != previous[0].files()) {
                                        previous[0] = s;
                                        stableSince[0] = now;
                                        return false;
                                    }
                                    return now - stableSince[0] >= settle.toNanos();
                                },
                                rc.probeInterval(),
                                budget,
                                p -> recordCount(index, p.value(), p.attempt(), p.elapsed(), "settle"),
                                IngestionSnapshot::describe);
            } catch (WaitTimeoutException e) {
                history.record(EventType.NOTE, index, Map.of("message", "row count did not settle: " + e.getMessage()));
                return previous[0];
            }
        });
    }

    // ---------------------------------------------------------------- looking at the table

    /** Totals, rows per file and the latest rows of the run in the destination table. Not recorded. */
    public QueryResult query() {
        requireOpen();
        DestinationSpec d = destination();
        ClickHouseTable table = new ClickHouseTable(engine.sql(), d);
        List<Map<String, Object>> recent = new ArrayList<>();
        for (SqlRow r : table.recentRows(runId, RECENT_ROWS)) {
            recent.add(r.values());
        }
        Manifest m = manifest();
        return new QueryResult(
                d.database() + "." + d.table(),
                table.totals(runId),
                table.fileCounts(runId, FILES_LISTED),
                recent,
                m.expectedFiles().size(),
                m.expectedRows());
    }

    /**
     * Runs any SQL on the ClickHouse that holds the destination table and returns its rows (keep
     * results small). Not recorded.
     */
    public List<Map<String, Object>> query(String sql) {
        requireOpen();
        Objects.requireNonNull(sql, "sql");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SqlRow r : engine.sql().query(sql)) {
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
        return step("validate", "validate the destination table", (index, state) -> {
            recordClock(sampleClock("validate"));
            DestinationSpec d = destination(state);
            Manifest manifest = manifest();
            ValidationResult result;
            try (ValidationEngine validator = engine.newValidator()) {
                // the table of an adopted pipe may hold other runs' rows; the run's own table may not
                result = validator.validate(
                        new ValidationRequest(runId, d, manifest, history(), guarantee, !d.equals(runDestination)));
            }
            Map<String, Object> checks = new LinkedHashMap<>();
            for (CheckResult c : result.checks()) {
                checks.put(c.checkId(), c.status().name());
            }
            Verdict verdict = Verdict.decide(RunStatus.COMPLETED, result.checks());
            history.record(EventType.VALIDATION_FINISHED, index, Map.of("verdict", verdict.name(), "checks", checks));
            RunHistory h = history();
            Map<String, Object> observed = new LinkedHashMap<>();
            if (new ClickHouseTable(engine.sql(), d).exists()) {
                IngestionSnapshot snap = destination(d).snapshot();
                observed.put("files", snap.files());
                observed.put("rows", snap.rows());
            }
            observed.putAll(result.observed());
            List<ClockSample> samples = h.clockSamples();
            RunReport report = new RunReport(
                    runId,
                    SCENARIO_NAME,
                    "a run driven step by step",
                    guarantee,
                    h.startedAt().orElse(null),
                    clock.instant(),
                    RunStatus.COMPLETED,
                    null,
                    verdict,
                    result.checks(),
                    result.guidance(),
                    manifest.expectedFiles().size(),
                    manifest.expectedRows(),
                    observed,
                    h.pausedWindows(),
                    samples.isEmpty() ? null : samples.get(0).offset().toNanos() / 1e6,
                    samples.isEmpty() ? null : h.clockUncertainty().toNanos() / 1e6,
                    runDirectory.toString(),
                    state.pipeId(),
                    Map.of());
            RunFolder.writeReports(report, h, runDirectory);
            LOG.info("step run {} validated: {}", runId, verdict);
            return report;
        });
    }

    /**
     * Removes what the run left (pipe, table, files), as its history records:
     * {@link CheckpointEngine#cleanup}. Clears {@code runs/current} when everything was removed.
     */
    public CleanupReport cleanup() {
        requireOpen();
        return engine.cleanup(runDirectory);
    }

    /** Releases the source client; the run folder and the resources stay. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (source != null) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the source failed: {}", e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /** The body of one step: gets the step's index and the state read just before it started. */
    @FunctionalInterface
    private interface StepBody<T> {
        T run(int index, StepState state) throws InterruptedException;
    }

    private <T> T step(String kind, String description, StepBody<T> body) {
        requireOpen();
        StepState state = state();
        int index = state.steps();
        long t0 = System.nanoTime();
        history.record(EventType.STEP_STARTED, index, Map.of("kind", kind, "description", description));
        try {
            T result = body.run(index, state);
            history.record(
                    EventType.STEP_FINISHED,
                    index,
                    Map.of("kind", kind, "durationMs", (System.nanoTime() - t0) / 1_000_000));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            history.record(
                    EventType.STEP_FAILED,
                    index,
                    Map.of("kind", kind, "error", "interrupted", "errorType", "InterruptedException"));
            throw new CpcheckException("interrupted during " + description, e);
        } catch (RuntimeException e) {
            history.record(
                    EventType.STEP_FAILED,
                    index,
                    Map.of(
                            "kind",
                            kind,
                            "error",
                            String.valueOf(e.getMessage()),
                            "errorType",
                            e.getClass().getSimpleName()));
            throw e;
        }
    }

    private PipeState awaitState(int index, String pipeId, StepState state, PipeState target, Duration timeout)
            throws InterruptedException {
        boolean[] confirmed = {state.pauseConfirmed()};
        return waiter().until(
                        "state " + target.apiName(),
                        () -> engine.pipeControl().state(pipeId),
                        s -> {
                            if (s == target) {
                                return true;
                            }
                            if (s.isTerminalFailure()) {
                                throw new PipeFailedException(pipeId, s, "state " + target.apiName());
                            }
                            return false;
                        },
                        engine.runnerConfig().stateInterval(),
                        timeout,
                        poll -> {
                            history.record(
                                    EventType.STATE_POLL,
                                    index,
                                    Map.of(
                                            "pipeId",
                                            pipeId,
                                            "state",
                                            poll.value().apiName(),
                                            "attempt",
                                            poll.attempt(),
                                            "elapsedMs",
                                            poll.elapsed().toMillis()));
                            if (state.stopOutstanding() && !confirmed[0] && poll.value() == PipeState.STOPPED) {
                                confirmed[0] = true;
                                history.record(
                                        EventType.PAUSE_CONFIRMED,
                                        index,
                                        Map.of(
                                                "pipeId",
                                                pipeId,
                                                "state",
                                                poll.value().apiName()));
                            }
                        },
                        PipeState::apiName);
    }

    private void recordStatePoll(
            Integer index, StepState state, String pipeId, PipeState s, int attempt, Duration elapsed) {
        history.record(
                EventType.STATE_POLL,
                index,
                Map.of("pipeId", pipeId, "state", s.apiName(), "attempt", attempt, "elapsedMs", elapsed.toMillis()));
        if (state.stopOutstanding() && !state.pauseConfirmed() && s == PipeState.STOPPED) {
            history.record(EventType.PAUSE_CONFIRMED, index, Map.of("pipeId", pipeId, "state", s.apiName()));
        }
    }

    private void recordCount(Integer index, IngestionSnapshot s, int attempt, Duration elapsed, String purpose) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("files", s.files());
        data.put("rows", s.rows());
        if (s.lastFile() != null) {
            data.put("lastFile", s.lastFile());
        }
        data.put("attempt", attempt);
        data.put("elapsedMs", elapsed.toMillis());
        data.put("purpose", purpose);
        history.record(EventType.COUNT_POLL, index, data);
    }

    private ClockSample sampleClock(String label) {
        Instant before = clock.instant();
        Instant server = destination(runDestination).serverTime();
        Instant after = clock.instant();
        return ClockSample.estimate(label, before, server, after);
    }

    private void recordClock(ClockSample s) {
        history.record(
                EventType.CLOCK_OFFSET,
                null,
                Map.of(
                        "label",
                        s.label(),
                        "offsetMs",
                        s.offset().toNanos() / 1e6,
                        "uncertaintyMs",
                        s.uncertainty().toNanos() / 1e6,
                        "serverTime",
                        s.toServerTime(s.at()).toString()));
    }

    private Waiter waiter() {
        return Waiter.of(Sleeper.SYSTEM, System::nanoTime);
    }

    private StepState state() {
        return StepState.of(history());
    }

    private DestinationSpec destination(StepState state) {
        return state.adoptedDestination() != null ? state.adoptedDestination() : runDestination;
    }

    private ClickHouseDestination destination(DestinationSpec spec) {
        return new ClickHouseDestination(engine.sql(), spec, runId);
    }

    private synchronized SourceFixture source() {
        requireOpen();
        if (source == null) {
            source = engine.sourceProvider().create(new SourceContext(runId, engine.sourceConfig()));
        }
        return source;
    }

    private Path manifestFile() {
        return runDirectory.resolve(RunFolder.MANIFEST);
    }

    private String requirePipe(StepState state) {
        requireOpen();
        if (state.pipeId() == null) {
            throw new CpcheckException("run " + runId + " has no pipe; run `cpcheck pipe create` (or adopt one) first");
        }
        return state.pipeId();
    }

    private void requireNoPipe(StepState state) {
        requireOpen();
        if (state.pipeId() != null) {
            throw new CpcheckException("run " + runId + " already has pipe " + state.pipeId()
                    + (state.pipeAdopted() ? " (adopted)" : "; delete it first (`cpcheck pipe delete`)"));
        }
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this step run is closed");
        }
    }

    private Map<String, Object> configSummary() {
        return RunFolder.configSummary(engine, runDestination);
    }

    private void writeConfig() {
        Map<String, Object> m = configSummary();
        m.put("runId", runId);
        m.put("scenario", SCENARIO_NAME);
        m.put("options", Json.mapper().convertValue(options, Map.class));
        m.put("runner", Json.mapper().convertValue(engine.runnerConfig(), Map.class));
        RunFolder.writeConfig(runDirectory, m);
    }

    private static DestinationSpec parseTable(String qualified) {
        int dot = qualified.indexOf('.');
        return new DestinationSpec(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
        return "StepRun[" + runId + ", " + runDirectory + "]";
    }
}
