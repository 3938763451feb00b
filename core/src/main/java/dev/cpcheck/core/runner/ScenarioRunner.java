package dev.cpcheck.core.runner;

import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistoryWriter;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.port.Destination;
import dev.cpcheck.core.port.FileBatch;
import dev.cpcheck.core.port.IngestionSnapshot;
import dev.cpcheck.core.port.PipeControl;
import dev.cpcheck.core.port.PipeInfo;
import dev.cpcheck.core.port.PipeSpec;
import dev.cpcheck.core.port.PipeState;
import dev.cpcheck.core.port.SourceFixture;
import dev.cpcheck.core.port.SourceSpec;
import dev.cpcheck.core.port.ValidationRequest;
import dev.cpcheck.core.port.ValidationResult;
import dev.cpcheck.core.port.Validator;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.schema.RowSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link Scenario} against the ports and returns the {@link RunReport}.
 *
 * <pre>{@code
 * RunReport report = ScenarioRunner.builder()
 *     .source(sourceFixture)
 *     .pipes(pipeControl)
 *     .destination(destination)
 *     .validator(validator)
 *     .runDirectory(Path.of("runs", "my-run"))
 *     .build()
 *     .run(Scenarios.seed());
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>Every step and every observation (state poll, count poll, clock offset, resource created)
 *       is appended to {@code history.jsonl} as it happens; the manifest ({@code manifest.json}) is
 *       rewritten after every batch.</li>
 *   <li>Waits poll with a timeout; a timeout ends the scenario early with status
 *       {@link RunStatus#TIMED_OUT}, but the validation step still runs on what landed, so
 *       evidence of an anomaly is never thrown away.</li>
 *   <li>In {@code finally}: a pipe the run paused is resumed (even with keep-resources), then, unless
 *       resources are kept, the created pipe is deleted, the created table dropped and the run's
 *       files deleted. Cleanup failures are recorded, never hide the run's outcome.</li>
 *   <li>{@link #run} does not throw for failures of the run: they become the report's status and
 *       verdict. It throws only for programming errors (e.g. a null scenario).</li>
 * </ul>
 *
 * <p>A runner runs one scenario at a time; build one per run.
 */
public final class ScenarioRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final SourceFixture source;
    private final PipeControl pipes;
    private final Destination destination;
    private final Validator validator;
    private final RunnerConfig config;
    private final Path runDirectory;
    private final String runId;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Waiter waiter;
    private final List<Consumer<HistoryEvent>> listeners;
    private final Map<String, Object> configSummary;

    // State of the run in progress.
    private HistoryWriter history;
    private Manifest manifest;
    private long nextFileId = 1;
    private String pipeId;
    private boolean pipeOwned;
    private boolean tableOwned;
    private boolean filesWritten;
    private boolean pauseSent;
    private int pauses;
    private int resumes;
    private IngestionSnapshot lastSnapshot = IngestionSnapshot.EMPTY;

    private ScenarioRunner(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.pipes = Objects.requireNonNull(b.pipes, "pipes");
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.validator = Objects.requireNonNull(b.validator, "validator");
        this.config = b.config == null ? RunnerConfig.ofDefaults() : b.config;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.nanoTime = b.nanoTime == null ? System::nanoTime : b.nanoTime;
        this.runId = b.runId == null ? RunIds.newRunId(clock) : b.runId;
        this.runDirectory = Objects.requireNonNull(b.runDirectory, "runDirectory");
        this.waiter = Waiter.of(b.sleeper == null ? Sleeper.SYSTEM : b.sleeper, nanoTime);
        this.listeners = List.copyOf(b.listeners);
        this.configSummary = b.configSummary == null ? Map.of() : Map.copyOf(b.configSummary);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String runId() {
        return runId;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    /** Runs the scenario; see the class documentation for what is guaranteed. */
    public RunReport run(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        if (history != null) {
            throw new IllegalStateException("a ScenarioRunner runs one scenario; build a new one for another run");
        }
        Instant startedAt = clock.instant();
        history = HistoryWriter.open(runDirectory.resolve("history.jsonl"), clock, nanoTime);
        listeners.forEach(history::addListener);
        manifest = Manifest.start(
                runId,
                source.providerId(),
                source.bucket(),
                source.prefix(),
                scenario.format().clickHouseName(),
                scenario.compression().id(),
                startedAt);

        RunStatus status = RunStatus.COMPLETED;
        String reason = null;
        ValidationResult validation = null;
        Map<String, String> cleanup = new LinkedHashMap<>();
        try {
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("runId", runId);
            started.put("scenario", Json.mapper().convertValue(scenario, Map.class));
            started.put("runner", Json.mapper().convertValue(config, Map.class));
            if (!configSummary.isEmpty()) {
                started.put("config", configSummary);
            }
            history.record(EventType.RUN_STARTED, null, started);
            LOG.info(
                    "run {} started: scenario {} ({} steps), folder {}",
                    runId,
                    scenario.name(),
                    scenario.steps().size(),
                    runDirectory);

            boolean abandoned = false;
            try {
                measureClock("start");
                tableOwned = destination.prepare();
                history.record(
                        EventType.RESOURCE_CREATED,
                        null,
                        Map.of(
                                "kind",
                                CreatedResource.TABLE,
                                "id",
                                destination.spec().database() + "."
                                        + destination.spec().table(),
                                "adopted",
                                !tableOwned));
            } catch (RuntimeException e) {
                Outcome o = classify(e, null);
                status = o.status;
                reason = o.reason;
                abandoned = true;
            }

            List<Step> steps = scenario.steps();
            for (int i = 0; i < steps.size() && !abandoned; i++) {
                Step step = steps.get(i);
                try {
                    if (step instanceof Step.Validate) {
                        validation = runValidation(i, scenario);
                    } else {
                        runStep(i, step, scenario);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = RunStatus.INTERRUPTED;
                    reason = "interrupted during step " + (i + 1) + " (" + step.describe() + ")";
                    history.record(EventType.STEP_FAILED, i, Map.of("kind", step.kind(), "error", reason));
                    abandoned = true;
                } catch (RuntimeException e) {
                    Outcome o = classify(e, i);
                    status = o.status;
                    reason = "step " + (i + 1) + " (" + step.describe() + "): " + o.reason;
                    history.record(
                            EventType.STEP_FAILED,
                            i,
                            Map.of(
                                    "kind",
                                    step.kind(),
                                    "error",
                                    String.valueOf(e.getMessage()),
                                    "errorType",
                                    e.getClass().getSimpleName()));
                    LOG.warn("run {}: {}", runId, reason);
                    // Evidence first: validate what landed before giving up, when that is possible.
                    if (validation == null
                            && status != RunStatus.INTERRUPTED
                            && pipeId != null
                            && filesWritten
                            && scenario.steps().get(steps.size() - 1) instanceof Step.Validate) {
                        validation = validateAfterFailure(steps.size() - 1, scenario);
                    }
                    abandoned = true;
                }
            }
        } finally {
            boolean interrupted = Thread.interrupted(); // cleanup must be able to do I/O
            try {
                cleanup(cleanup);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                    if (status == RunStatus.COMPLETED) {
                        status = RunStatus.INTERRUPTED;
                        reason = "interrupted";
                    }
                }
            }
        }

        List<CheckResult> checks = validation == null ? List.of() : validation.checks();
        Verdict verdict = Verdict.decide(status, checks);
        if (status == RunStatus.COMPLETED && validation == null && reason == null) {
            reason = "the scenario ran no validation";
        }
        Instant finishedAt = clock.instant();
        Map<String, Object> finished = new LinkedHashMap<>();
        finished.put("status", status.name());
        finished.put("verdict", verdict.name());
        if (reason != null) {
            finished.put("reason", reason);
        }
        history.record(EventType.RUN_FINISHED, null, finished);
        RunHistory snapshot = history.snapshot();
        history.close();
        LOG.info("run {} finished: {} ({}){}", runId, verdict, status, reason == null ? "" : ": " + reason);

        List<ClockSample> samples = snapshot.clockSamples();
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("files", lastSnapshot.files());
        observed.put("rows", lastSnapshot.rows());
        if (validation != null) {
            observed.putAll(validation.observed());
        }
        return new RunReport(
                runId,
                scenario.name(),
                scenario.description(),
                scenario.guarantee(),
                startedAt,
                finishedAt,
                status,
                reason,
                verdict,
                checks,
                validation == null ? List.of() : validation.guidance(),
                manifest.expectedFiles().size(),
                manifest.expectedRows(),
                observed,
                snapshot.pausedWindows(),
                samples.isEmpty() ? null : samples.get(0).offset().toNanos() / 1e6,
                samples.isEmpty() ? null : snapshot.clockUncertainty().toNanos() / 1e6,
                runDirectory.toString(),
                pipeId,
                cleanup);
    }

    private void runStep(int index, Step step, Scenario scenario) throws InterruptedException {
        long t0 = nanoTime.getAsLong();
        history.record(EventType.STEP_STARTED, index, Map.of("kind", step.kind(), "description", step.describe()));
        if (step instanceof Step.WriteFiles w) {
            writeFiles(index, w, scenario);
        } else if (step instanceof Step.CreatePipe) {
            if (config.adoptPipeId() != null) {
                adoptPipe(index, config.adoptPipeId());
            } else {
                createPipe(index, scenario);
            }
        } else if (step instanceof Step.AdoptPipe a) {
            adoptPipe(index, a.pipeId());
        } else if (step instanceof Step.AwaitFiles a) {
            awaitFiles(index, a);
        } else if (step instanceof Step.Pause) {
            pause(index);
        } else if (step instanceof Step.AwaitState a) {
            awaitState(index, a.state(), a.timeout() == null ? config.stateTimeout() : a.timeout());
        } else if (step instanceof Step.Hold h) {
            hold(index, h.resolve(config.pipePollingInterval()));
        } else if (step instanceof Step.Resume) {
            resume(index);
        } else {
            throw new IllegalStateException("unhandled step " + step);
        }
        history.record(
                EventType.STEP_FINISHED,
                index,
                Map.of("kind", step.kind(), "durationMs", (nanoTime.getAsLong() - t0) / 1_000_000));
    }

    private void writeFiles(int index, Step.WriteFiles w, Scenario scenario) {
        long rows = w.rowsPerFile() == null ? scenario.rowsPerFile() : w.rowsPerFile();
        FileBatch batch = new FileBatch(
                runId,
                w.phase(),
                nextFileId,
                w.count(),
                rows,
                scenario.payloadBytes(),
                scenario.format(),
                scenario.compression(),
                w.placement(),
                scenario.seed(),
                scenario.keyTemplate());
        if (!filesWritten) {
            history.record(
                    EventType.RESOURCE_CREATED,
                    index,
                    Map.of(
                            "kind",
                            CreatedResource.SOURCE_PREFIX,
                            "id",
                            source.bucket() + "/" + source.prefix(),
                            "adopted",
                            false));
            filesWritten = true;
        }
        List<ManifestFile> written = source.write(batch);
        nextFileId += w.count();
        if (w.placement() == KeyPlacement.BELOW_CHECKPOINT) {
            written = written.stream()
                    .map(f -> f.withExpectation(Expectation.IGNORE_BELOW_CHECKPOINT))
                    .toList();
        }
        manifest = manifest.withFiles(written);
        manifest.write(runDirectory.resolve("manifest.json"));
        long ok = written.stream().filter(f -> f.outcome() == UploadOutcome.OK).count();
        long failed = written.stream()
                .filter(f -> f.outcome() == UploadOutcome.FAILED)
                .count();
        long indeterminate = written.size() - ok - failed;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", w.phase());
        data.put("count", written.size());
        data.put("ok", ok);
        data.put("failed", failed);
        data.put("indeterminate", indeterminate);
        data.put("rows", written.stream().mapToLong(ManifestFile::rows).sum());
        data.put("placement", w.placement().id());
        if (!written.isEmpty()) {
            data.put("firstKey", written.get(0).key());
            data.put("lastKey", written.get(written.size() - 1).key());
        }
        history.record(EventType.FILES_WRITTEN, index, data);
        if (ok == 0) {
            throw new InfrastructureException(
                    "source",
                    "no file of the batch was written (" + failed + " failed, " + indeterminate + " indeterminate): "
                            + written.get(0).error());
        }
        if (ok < written.size()) {
            LOG.warn(
                    "run {}: {} of {} files of phase {} were not acknowledged; the checks account for them",
                    runId,
                    written.size() - ok,
                    written.size(),
                    w.phase());
        }
    }

    private void createPipe(int index, Scenario scenario) throws InterruptedException {
        SourceSpec sourceSpec = source.pipeSource(
                scenario.format().clickHouseName(), scenario.compression().id(), true);
        String name = config.pipeName() != null ? config.pipeName() : RunIds.pipeName(runId);
        PipeSpec spec = new PipeSpec(
                name, sourceSpec, destination.spec(), RowSchema.fieldMappings(), config.effectivePipeSettings());
        PipeInfo info = pipes.create(spec);
        pipeId = info.id();
        pipeOwned = true;
        history.record(
                EventType.RESOURCE_CREATED,
                index,
                Map.of(
                        "kind",
                        CreatedResource.PIPE,
                        "id",
                        pipeId,
                        "adopted",
                        false,
                        "name",
                        name,
                        "sourceUrl",
                        sourceSpec.url()));
        awaitState(index, PipeState.RUNNING, config.stateTimeout());
    }

    private void adoptPipe(int index, String id) throws InterruptedException {
        PipeInfo info = pipes.adopt(id);
        pipeId = info.id();
        pipeOwned = false;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", CreatedResource.PIPE);
        data.put("id", pipeId);
        data.put("adopted", true);
        data.put("state", info.state().apiName());
        if (info.sourceUrl() != null) {
            data.put("sourceUrl", info.sourceUrl());
        }
        history.record(EventType.RESOURCE_CREATED, index, data);
        if (info.state() == PipeState.STOPPED) {
            throw new IllegalStateException(
                    "adopted pipe " + pipeId + " is Stopped; start it first (cpcheck pipe resume " + pipeId
                            + ") so the run begins from a running pipe");
        }
        awaitState(index, PipeState.RUNNING, config.stateTimeout());
    }

    private void awaitFiles(int index, Step.AwaitFiles a) throws InterruptedException {
        Duration timeout = a.timeout() == null ? config.awaitTimeout() : a.timeout();
        if (!a.all()) {
            int n = a.files();
            lastSnapshot = waiter.until(
                    n + " files ingested",
                    destination::snapshot,
                    s -> s.files() >= n,
                    config.probeInterval(),
                    timeout,
                    poll -> recordCount(index, poll, "await"),
                    IngestionSnapshot::describe);
            return;
        }
        long expected = manifest.expectedFiles().size();
        String lastName =
                manifest.lastExpectedFile().map(ManifestFile::fileName).orElse(null);
        long t0 = nanoTime.getAsLong();
        // Done when every file landed, or when the highest key landed: continuous mode never goes
        // back to lower keys, so waiting longer for files below it would only waste time.
        lastSnapshot = waiter.until(
                "all " + expected + " files ingested",
                destination::snapshot,
                s -> s.files() >= expected
                        || (lastName != null
                                && s.lastFile() != null
                                && s.lastFile().compareTo(lastName) >= 0),
                config.probeInterval(),
                timeout,
                poll -> recordCount(index, poll, "await"),
                IngestionSnapshot::describe);
        // Then let the count settle, so duplicates that are still arriving are seen.
        Duration settle = config.effectiveSettle();
        Duration left = timeout.minusNanos(nanoTime.getAsLong() - t0);
        Duration settleBudget = left.compareTo(settle.multipliedBy(4)) > 0 ? left : settle.multipliedBy(4);
        long[] stableSince = {nanoTime.getAsLong()};
        IngestionSnapshot[] previous = {lastSnapshot};
        try {
            lastSnapshot = waiter.until(
                    "the row count to settle",
                    destination::snapshot,
                    s -> {
                        long now = nanoTime.getAsLong();
                        if (s.rows() != previous[0].rows() || s.files() != previous[0].files()) {
                            previous[0] = s;
                            stableSince[0] = now;
                            return false;
                        }
                        return now - stableSince[0] >= settle.toNanos();
                    },
                    config.probeInterval(),
                    settleBudget,
                    poll -> recordCount(index, poll, "settle"),
                    IngestionSnapshot::describe);
        } catch (WaitTimeoutException e) {
            // Rows still arriving after all that time: go on, the checks will judge what is there.
            history.record(EventType.NOTE, index, Map.of("message", "row count did not settle: " + e.getMessage()));
            lastSnapshot = previous[0];
        }
    }

    private void pause(int index) {
        requirePipe();
        pauses++;
        measureClock("pause-" + pauses);
        history.record(EventType.PIPE_COMMAND, index, Map.of("command", "stop", "pipeId", pipeId));
        pauseSent = true;
        pipes.pause(pipeId);
    }

    private void resume(int index) {
        requirePipe();
        resumes++;
        measureClock("resume-" + resumes);
        history.record(EventType.PIPE_COMMAND, index, Map.of("command", "start", "pipeId", pipeId));
        pipes.resume(pipeId);
        pauseSent = false;
    }

    private void awaitState(int index, PipeState target, Duration timeout) throws InterruptedException {
        requirePipe();
        boolean[] confirmed = {false};
        waiter.until(
                "state " + target.apiName(),
                () -> pipes.state(pipeId),
                s -> {
                    if (s == target) {
                        return true;
                    }
                    if (s.isTerminalFailure()) {
                        throw new PipeFailedException(pipeId, s, "state " + target.apiName());
                    }
                    return false;
                },
                config.stateInterval(),
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
                    if (pauseSent && poll.value() == PipeState.STOPPED && !confirmed[0]) {
                        confirmed[0] = true;
                        history.record(
                                EventType.PAUSE_CONFIRMED,
                                index,
                                Map.of("pipeId", pipeId, "state", poll.value().apiName()));
                    }
                },
                PipeState::apiName);
    }

    private void hold(int index, Duration duration) throws InterruptedException {
        waiter.observe(destination::snapshot, config.probeInterval(), duration, poll -> {
            lastSnapshot = poll.value();
            recordCount(index, poll, "hold");
        });
    }

    private ValidationResult runValidation(int index, Scenario scenario) {
        long t0 = nanoTime.getAsLong();
        history.record(
                EventType.STEP_STARTED,
                index,
                Map.of("kind", "validate", "description", "validate the destination table"));
        measureClock("validate");
        // a table the run did not create (an adopted pipe's) may hold other runs' rows; its own may not
        ValidationResult result = validator.validate(new ValidationRequest(
                runId, destination.spec(), manifest, history.snapshot(), scenario.guarantee(), !tableOwned));
        Map<String, Object> checks = new LinkedHashMap<>();
        for (CheckResult c : result.checks()) {
            checks.put(c.checkId(), c.status().name());
        }
        history.record(EventType.VALIDATION_FINISHED, index, Map.of("checks", checks));
        history.record(
                EventType.STEP_FINISHED,
                index,
                Map.of("kind", "validate", "durationMs", (nanoTime.getAsLong() - t0) / 1_000_000));
        return result;
    }

    private ValidationResult validateAfterFailure(int index, Scenario scenario) {
        try {
            return runValidation(index, scenario);
        } catch (RuntimeException e) {
            history.record(
                    EventType.STEP_FAILED, index, Map.of("kind", "validate", "error", String.valueOf(e.getMessage())));
            LOG.warn("run {}: validation after the failure did not run either: {}", runId, e.getMessage());
            return null;
        }
    }

    private void cleanup(Map<String, String> outcome) {
        if (pipeId != null && pauseSent) {
            try {
                history.record(
                        EventType.PIPE_COMMAND, null, Map.of("command", "start", "pipeId", pipeId, "cleanup", true));
                pipes.resume(pipeId);
                pauseSent = false;
                outcome.put("resume pipe " + pipeId, "resumed");
            } catch (RuntimeException e) {
                outcome.put("resume pipe " + pipeId, "FAILED: " + e.getMessage());
                LOG.error(
                        "run {}: could not resume pipe {}; it may still be paused: {}", runId, pipeId, e.getMessage());
            }
        }
        if (config.keepResources()) {
            history.record(EventType.NOTE, null, Map.of("message", "resources kept as asked"));
            outcome.put("resources", "kept");
            return;
        }
        if (pipeId != null && pipeOwned) {
            cleanupStep(outcome, CreatedResource.PIPE, pipeId, () -> pipes.delete(pipeId));
        }
        if (tableOwned) {
            cleanupStep(
                    outcome,
                    CreatedResource.TABLE,
                    destination.spec().database() + "." + destination.spec().table(),
                    destination::drop);
        }
        if (filesWritten) {
            cleanupStep(
                    outcome, CreatedResource.SOURCE_PREFIX, source.bucket() + "/" + source.prefix(), source::deleteAll);
        }
    }

    private void cleanupStep(Map<String, String> outcome, String kind, String id, Runnable action) {
        try {
            action.run();
            history.record(EventType.RESOURCE_CLEANUP, null, Map.of("kind", kind, "id", id, "ok", true));
            outcome.put(kind + " " + id, "deleted");
        } catch (RuntimeException e) {
            history.record(
                    EventType.RESOURCE_CLEANUP,
                    null,
                    Map.of("kind", kind, "id", id, "ok", false, "error", String.valueOf(e.getMessage())));
            outcome.put(kind + " " + id, "FAILED: " + e.getMessage());
            LOG.error(
                    "run {}: cleanup of {} {} failed: {} (run `cpcheck cleanup --run {}` to retry)",
                    runId,
                    kind,
                    id,
                    e.getMessage(),
                    runDirectory);
        }
    }

    private void measureClock(String label) {
        Instant before = clock.instant();
        Instant server = destination.serverTime();
        Instant after = clock.instant();
        ClockSample s = ClockSample.estimate(label, before, server, after);
        history.record(
                EventType.CLOCK_OFFSET,
                null,
                Map.of(
                        "label",
                        label,
                        "offsetMs",
                        s.offset().toNanos() / 1e6,
                        "uncertaintyMs",
                        s.uncertainty().toNanos() / 1e6,
                        "serverTime",
                        server.toString()));
    }

    private void recordCount(int index, Waiter.Poll<IngestionSnapshot> poll, String purpose) {
        IngestionSnapshot s = poll.value();
        lastSnapshot = s;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("files", s.files());
        data.put("rows", s.rows());
        if (s.lastFile() != null) {
            data.put("lastFile", s.lastFile());
        }
        data.put("attempt", poll.attempt());
        data.put("elapsedMs", poll.elapsed().toMillis());
        data.put("purpose", purpose);
        history.record(EventType.COUNT_POLL, index, data);
    }

    private void requirePipe() {
        if (pipeId == null) {
            throw new IllegalStateException("no pipe: the scenario needs a create-pipe step first");
        }
    }

    private record Outcome(RunStatus status, String reason) {}

    private static Outcome classify(RuntimeException e, Integer step) {
        if (Thread.currentThread().isInterrupted()) {
            // a client that was interrupted mid-request reports a failure, but the cause is the interrupt
            return new Outcome(RunStatus.INTERRUPTED, "interrupted (" + e.getMessage() + ")");
        }
        if (e instanceof WaitTimeoutException) {
            return new Outcome(RunStatus.TIMED_OUT, e.getMessage());
        }
        if (e instanceof PipeFailedException) {
            return new Outcome(RunStatus.PIPE_FAILED, e.getMessage());
        }
        if (e instanceof InfrastructureException ie) {
            return new Outcome(RunStatus.INFRASTRUCTURE_ERROR, ie.component() + ": " + ie.getMessage());
        }
        return new Outcome(RunStatus.INFRASTRUCTURE_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Builds a {@link ScenarioRunner}. Source, pipes, destination, validator and run directory are required. */
    public static final class Builder {
        private SourceFixture source;
        private PipeControl pipes;
        private Destination destination;
        private Validator validator;
        private RunnerConfig config;
        private Path runDirectory;
        private String runId;
        private Clock clock;
        private LongSupplier nanoTime;
        private Sleeper sleeper;
        private final List<Consumer<HistoryEvent>> listeners = new ArrayList<>();
        private Map<String, Object> configSummary;

        private Builder() {}

        public Builder source(SourceFixture source) {
            this.source = source;
            return this;
        }

        public Builder pipes(PipeControl pipes) {
            this.pipes = pipes;
            return this;
        }

        public Builder destination(Destination destination) {
            this.destination = destination;
            return this;
        }

        public Builder validator(Validator validator) {
            this.validator = validator;
            return this;
        }

        public Builder config(RunnerConfig config) {
            this.config = config;
            return this;
        }

        /** Folder for history.jsonl and manifest.json. */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /** Run id; a new one ({@link RunIds#newRunId()}) when not set. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Sees every history event as it is recorded (e.g. a progress display). */
        public Builder listener(Consumer<HistoryEvent> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Configuration to record in the history (secrets must already be masked). */
        public Builder configSummary(Map<String, Object> summary) {
            this.configSummary = summary;
            return this;
        }

        public ScenarioRunner build() {
            return new ScenarioRunner(this);
        }
    }
}
