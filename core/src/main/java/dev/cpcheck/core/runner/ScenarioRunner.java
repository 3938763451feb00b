package dev.cpcheck.core.runner;

import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.Interrupts;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistoryWriter;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.PipeControl;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.core.spi.Validator;
import java.nio.file.Path;
import java.time.Clock;
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
 * Executes a {@link Scenario} against the ports and returns the {@link RunReport}: a loop over
 * {@link StepExecutor#execute}, the one interpreter of steps, with the run's beginning (clock,
 * table), its failure handling and its cleanup around it.
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
    private final Sleeper sleeper;
    private final List<Consumer<HistoryEvent>> listeners;
    private final Map<String, Object> configSummary;
    private final Hazards hazards;
    private boolean used;

    private ScenarioRunner(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.pipes = Objects.requireNonNull(b.pipes, "pipes");
        this.hazards = b.hazards;
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.validator = Objects.requireNonNull(b.validator, "validator");
        this.config = b.config == null ? RunnerConfig.ofDefaults() : b.config;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.nanoTime = b.nanoTime == null ? System::nanoTime : b.nanoTime;
        this.runId = b.runId == null ? RunIds.newRunId(clock) : b.runId;
        this.runDirectory = Objects.requireNonNull(b.runDirectory, "runDirectory");
        this.sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
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
        synchronized (this) {
            if (used) {
                throw new IllegalStateException("a ScenarioRunner runs one scenario; build a new one for another run");
            }
            used = true;
        }
        Instant startedAt = clock.instant();
        try (HistoryWriter history = HistoryWriter.open(runDirectory.resolve("history.jsonl"), clock, nanoTime);
                StepExecutor run = executor(scenario, history)) {
            listeners.forEach(history::addListener);
            return run(scenario, run, startedAt);
        }
    }

    private StepExecutor executor(Scenario scenario, HistoryWriter history) {
        return StepExecutor.builder()
                .runId(runId)
                .runDirectory(runDirectory)
                .fixtures(scenario.fixtures())
                .config(config)
                .guarantee(scenario.guarantee())
                .hazards(hazards)
                .source(source)
                .pipes(pipes)
                .destination(destination)
                .validator(validator)
                .history(history)
                .clock(clock)
                .nanoTime(nanoTime)
                .sleeper(sleeper)
                .build();
    }

    private RunReport run(Scenario scenario, StepExecutor run, Instant startedAt) {
        RunRecorder recorder = run.recorder();
        RunStatus status = RunStatus.COMPLETED;
        String reason = null;
        ValidationResult validation = null;
        Map<String, String> cleanup = new LinkedHashMap<>();
        try {
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("scenario", Json.mapper().convertValue(scenario, Map.class));
            started.put("runner", Json.mapper().convertValue(config, Map.class));
            if (!configSummary.isEmpty()) {
                started.put("config", configSummary);
            }
            recorder.runStarted(runId, started);
            LOG.info(
                    "run {} started: scenario {} ({} steps), folder {}",
                    runId,
                    scenario.name(),
                    scenario.steps().size(),
                    runDirectory);

            boolean abandoned = false;
            try {
                run.measureClock("start");
                run.prepareTable();
            } catch (RuntimeException e) {
                Outcome o = classify(e);
                status = o.status;
                reason = o.reason;
                abandoned = true;
            }

            List<Step> steps = scenario.steps();
            for (int i = 0; i < steps.size() && !abandoned; i++) {
                Step step = steps.get(i);
                if (Thread.currentThread().isInterrupted()) {
                    // an interrupt a library kept to itself during the last step: stop before the next
                    status = RunStatus.INTERRUPTED;
                    reason = "interrupted before step " + (i + 1) + " (" + step.describe() + ")";
                    break;
                }
                try {
                    Object result = run.execute(i, step);
                    if (result instanceof ValidationResult v) {
                        validation = v;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = RunStatus.INTERRUPTED;
                    reason = "interrupted during step " + (i + 1) + " (" + step.describe() + ")";
                    abandoned = true;
                } catch (RuntimeException e) {
                    Outcome o = classify(e);
                    status = o.status;
                    reason = "step " + (i + 1) + " (" + step.describe() + "): " + o.reason;
                    LOG.warn("run {}: {}", runId, reason);
                    // Evidence first: validate what landed before giving up, when that is possible.
                    if (validation == null
                            && status != RunStatus.INTERRUPTED
                            && run.state().pipeId().isPresent()
                            && !run.manifest().files().isEmpty()
                            && steps.get(steps.size() - 1) instanceof Step.Validate last) {
                        validation = validateAfterFailure(run, steps.size() - 1, last);
                    }
                    abandoned = true;
                }
            }
        } finally {
            boolean interrupted = Thread.interrupted(); // cleanup must be able to do I/O
            try {
                cleanup(run, cleanup);
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

        if (status == RunStatus.COMPLETED && validation == null && reason == null) {
            reason = "the scenario ran no validation";
        }
        Verdict verdict = Verdict.decide(status, validation == null ? List.of() : validation.checks());
        recorder.runFinished(status, verdict, reason);
        RunReport report = run.report(
                scenario.name(),
                scenario.description(),
                scenario.guarantee(),
                startedAt,
                status,
                reason,
                validation,
                run.lastCounts(),
                cleanup);
        LOG.info("run {} finished: {} ({}){}", runId, report.verdict(), status, reason == null ? "" : ": " + reason);
        return report;
    }

    private static ValidationResult validateAfterFailure(StepExecutor run, int index, Step validate) {
        try {
            return (ValidationResult) run.execute(index, validate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            LOG.warn("run {}: validation after the failure did not run either: {}", run.runId(), e.getMessage());
            return null;
        }
    }

    /** Faults always heal: a paused pipe is resumed (even with keep-resources), then resources go. */
    private void cleanup(StepExecutor run, Map<String, String> outcome) {
        run.resumeIfPaused().ifPresent(r -> outcome.put(r.kind() + " " + r.id(), r.describe()));
        if (config.keepResources()) {
            run.recorder().note(null, "resources kept as asked");
            outcome.put("resources", "kept");
            return;
        }
        for (ResourceRemoval r : run.removeLeftovers("run")) {
            outcome.put(r.kind() + " " + r.id(), r.describe());
        }
    }

    private record Outcome(RunStatus status, String reason) {}

    private static Outcome classify(RuntimeException e) {
        if (Thread.currentThread().isInterrupted() || Interrupts.causedBy(e)) {
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
        private Hazards hazards;
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

        /** What pause-hazard steps provoke (revoked credentials, an idle service). */
        public Builder hazards(Hazards hazards) {
            this.hazards = hazards;
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
