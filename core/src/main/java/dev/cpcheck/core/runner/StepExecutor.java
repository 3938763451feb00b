package dev.cpcheck.core.runner;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.HistorySink;
import dev.cpcheck.core.history.PhaseTimes;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.history.RunState;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.PipeControl;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.core.spi.Validator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Carries out the steps of one run against the ports, recording each step and every observation
 * through a {@link RunRecorder}: the one interpreter of {@link Step}s. A scenario run
 * ({@link ScenarioRunner}) is a loop over {@link #execute}; a step command (the CLI's
 * {@code fixtures upload}, {@code pipe pause}, ...) builds an executor over the run's folder, whose
 * state it rebuilds from the history, and makes one {@link #command} call.
 *
 * <pre>{@code
 * try (StepExecutor run = StepExecutor.builder()
 *         .runId(runId).runDirectory(dir).fixtures(FixtureSettings.defaults())
 *         .history(sink).manifest(Manifest.read(dir.resolve("manifest.json")))
 *         .sourceFactory(() -> provider.create(context)).pipes(pipeControl)
 *         .destinations(runTable, tables).validator(validator)
 *         .build()) {
 *     run.command(new Step.Pause());                 // stop, recorded with a clock sample
 *     run.command(new Step.AwaitState(PipeState.STOPPED, Duration.ofMinutes(2)));
 * }
 * }</pre>
 *
 * <p>Each step records {@code step-started}, then {@code step-finished} or, when it throws,
 * {@code step-failed}; what a step does and records is in one place for both ways of running.
 * Steps that need a pipe throw {@link CpcheckException} without one; port failures surface as
 * {@link InfrastructureException}; waits throw {@link WaitTimeoutException} and
 * {@link PipeFailedException}. Not thread-safe: one step at a time.
 *
 * <p>A little over 500 lines with its builder: the run's API is here, what each step does is in
 * the package's step actions, the healing and cleanup in its own class.
 */
public final class StepExecutor implements AutoCloseable {
    private final RunSession s;
    private final StepActions actions;
    private final RunCleanup cleanup;

    private StepExecutor(Builder b) {
        this.s = new RunSession(b);
        this.actions = new StepActions(s);
        this.cleanup = new RunCleanup(s);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ what the run is

    public String runId() {
        return s.runId;
    }

    public Path runDirectory() {
        return s.runDirectory;
    }

    public FixtureSettings fixtures() {
        return s.fixtures;
    }

    public RunnerConfig config() {
        return s.config;
    }

    /** The typed recorder every event of this executor goes through. */
    public RunRecorder recorder() {
        return s.recorder;
    }

    /** The state the history leads to, kept current as events are recorded. */
    public RunState state() {
        return s.state();
    }

    /** Every event so far. */
    public RunHistory history() {
        return s.recorder.history();
    }

    /** Every file written so far (the ground truth of the checks); an empty one for a new run. */
    public Manifest manifest() {
        return s.manifest();
    }

    /** The destination table: the run's own, or the adopted pipe's. */
    public DestinationSpec destinationSpec() {
        return s.destinationSpec();
    }

    /** The run's own table (named after the run), whether or not a pipe writes elsewhere. */
    public DestinationSpec runTable() {
        return s.runTable;
    }

    /** The counts of the latest count poll of this executor (empty before the first). */
    public IngestionSnapshot lastCounts() {
        return s.lastCounts;
    }

    /** Whether a stop of this run may still be in effect (no start succeeded after it). */
    public boolean pausedByRun() {
        return s.pausedByRun;
    }

    /** The bucket and prefix the run writes under, as the history names them ({@code bucket/prefix}). */
    public String sourcePrefixId() {
        return s.sourcePrefixId();
    }

    /**
     * The pipe a create-pipe step creates: a continuous pipe reading the run's prefix, writing the
     * destination table, with the runner's pipe settings. Creates nothing. Its source may hold
     * credentials ({@code toString} masks them).
     */
    public PipeSpec pipeSpec() {
        return s.pipeSpec();
    }

    /** Keys under the run prefix in the source, in lexicographic order. Not recorded. */
    public List<String> listFiles() {
        return s.source().listKeys();
    }

    // ------------------------------------------------------------------ steps

    /** The body of a step; gets the step's index. */
    @FunctionalInterface
    private interface StepBody<T> {
        T run(int index) throws InterruptedException;
    }

    private <T> T inStep(int index, Step step, StepBody<T> body) throws InterruptedException {
        long t0 = s.nanoTime.getAsLong();
        s.recorder.stepStarted(index, step);
        try {
            T result = body.run(index);
            s.recorder.stepFinished(index, step, Duration.ofNanos(s.nanoTime.getAsLong() - t0));
            return result;
        } catch (InterruptedException | RuntimeException e) {
            s.recorder.stepFailed(index, step, e);
            throw e;
        }
    }

    /**
     * Carries out a step of a scenario as step {@code index}: create-pipe creates the pipe, or
     * adopts {@link RunnerConfig#adoptPipeId()} when set; an adopted pipe is awaited until Running;
     * validate judges under the executor's guarantee.
     *
     * @return what the step produced: the files written, the pipe, the counts, the state reached,
     *     the validation result; {@code null} for steps that produce nothing
     */
    public Object execute(int index, Step step) throws InterruptedException {
        Objects.requireNonNull(step, "step");
        return inStep(index, step, i -> perform(i, step, true));
    }

    /**
     * Carries out one step command as the run's next step: create-pipe only creates, adopt-pipe
     * records the pipe without waiting for a state, validate judges under the executor's
     * guarantee. A command that cannot be taken (no pipe yet, a pipe already there, an adopted pipe
     * or table to remove) throws {@link CpcheckException} before anything is recorded.
     *
     * @return what the step produced, as for {@link #execute}
     */
    public Object command(Step step) throws InterruptedException {
        Objects.requireNonNull(step, "step");
        switch (step.stepKind()) {
            case CREATE_PIPE, ADOPT_PIPE -> s.requireNoPipe();
            case PAUSE,
                    RESUME,
                    AWAIT_STATE,
                    AWAIT_FILES, // files land only through a pipe
                    REVOKE_SOURCE_CREDENTIALS,
                    RESTORE_SOURCE_CREDENTIALS,
                    ALTER_TABLE,
                    SERVICE_IDLE -> s.requirePipe();
            case DELETE_PIPE -> {
                String pipeId = s.requirePipe();
                if (s.state().pipeAdopted()) {
                    throw new CpcheckException(
                            "pipe " + pipeId + " was adopted; cpcheck never deletes pipes it did not create");
                }
            }
            case DROP_TABLE -> {
                String id = RunRecorder.tableId(s.destinationSpec());
                if (s.state().adoptedOnly(CreatedResource.TABLE, id)) {
                    throw new CpcheckException("table " + id + " existed before the run; cpcheck does not drop it");
                }
            }
            default -> {}
        }
        return inStep(s.state().steps(), step, i -> perform(i, step, false));
    }

    /** {@link #command} for a step whose result has this type ({@code Void} for none). */
    public <T> T command(Step step, Class<T> resultType) throws InterruptedException {
        return resultType.cast(command(step));
    }

    /** Validates as the run's next step, judged under {@code judgedUnder}. */
    public ValidationResult validate(DeliveryGuarantee judgedUnder) throws InterruptedException {
        Step step = new Step.Validate();
        return inStep(s.state().steps(), step, i -> actions.validate(i, judgedUnder));
    }

    private Object perform(int i, Step step, boolean inScenario) throws InterruptedException {
        if (step instanceof Step.WriteFiles w) {
            return actions.writeFiles(i, w);
        } else if (step instanceof Step.CreatePipe c) {
            String adopt = inScenario ? s.config.adoptPipeId() : null;
            return adopt != null ? actions.adoptPipe(i, adopt, true) : actions.createPipe(i, c);
        } else if (step instanceof Step.AdoptPipe a) {
            return actions.adoptPipe(i, a.pipeId(), inScenario);
        } else if (step instanceof Step.AwaitFiles a) {
            return actions.awaitFiles(i, a);
        } else if (step instanceof Step.Pause) {
            actions.pause(i);
            return null;
        } else if (step instanceof Step.AwaitState a) {
            return actions.awaitState(i, a.state(), a.timeout() == null ? s.config.stateTimeout() : a.timeout());
        } else if (step instanceof Step.Hold h) {
            return actions.hold(i, h.resolve(s.config.pipePollingInterval()));
        } else if (step instanceof Step.Resume) {
            actions.resume(i);
            return null;
        } else if (step instanceof Step.RevokeSourceCredentials) {
            actions.revokeSourceCredentials(i);
            return null;
        } else if (step instanceof Step.RestoreSourceCredentials) {
            return actions.restoreSourceCredentials(i);
        } else if (step instanceof Step.AlterTable a) {
            return actions.alterTable(i, a.change());
        } else if (step instanceof Step.ServiceIdle) {
            actions.serviceIdle(i);
            return null;
        } else if (step instanceof Step.Validate) {
            return actions.validate(i, s.guarantee);
        } else if (step instanceof Step.CreateTable) {
            return actions.createTable(i);
        } else if (step instanceof Step.DropTable) {
            actions.dropTable(i);
            return null;
        } else if (step instanceof Step.DeletePipe) {
            actions.deletePipe(i);
            return null;
        } else if (step instanceof Step.DeleteFiles) {
            return actions.deleteFiles(i);
        }
        throw new IllegalStateException("unhandled step " + step);
    }

    // ------------------------------------------------------------------ outside steps

    /**
     * Creates the destination table outside any step (a scenario run does so before its first
     * step): {@code resource-intent}, then {@code resource-created}, adopted when it existed.
     *
     * @return whether this call created it
     */
    public boolean prepareTable() {
        return actions.createTable(null);
    }

    /** Samples the ClickHouse server clock against the JVM clock and records it. */
    public ClockSample measureClock(String label) {
        return s.measureClock(label);
    }

    /** Samples the server clock like {@link #measureClock} without recording the sample. */
    public ClockSample sampleClock(String label) {
        return s.sampleClock(label);
    }

    /** One state poll of the run's pipe, recorded outside any step (it may confirm a pause). */
    public PipeState pollState() {
        return actions.pollState();
    }

    /** One count of what the destination holds, recorded outside any step. */
    public IngestionSnapshot pollCounts(String purpose) {
        return actions.pollCounts(purpose);
    }

    /**
     * Resumes the pipe when this run's stop may still be in effect: faults always heal, and a run
     * that dies paused would leave a paused pipe (and a bill). Records a start marked
     * {@code cleanup}.
     *
     * @return what happened, or empty when nothing had to be done
     */
    public Optional<ResourceRemoval> resumeIfPaused() {
        return cleanup.resumeIfPaused();
    }

    /**
     * Removes every resource the run created and has not removed, as the history records them:
     * the pipe first (it writes into the table and reads the files), then the table, then the
     * files. Adopted resources are never touched. Each removal is recorded; a failure is recorded
     * and the others still go ahead.
     *
     * @param by who removes: {@code run} for a scenario run's own cleanup, {@code cleanup} later
     */
    public List<ResourceRemoval> removeLeftovers(String by) {
        return cleanup.removeLeftovers(by);
    }

    /**
     * The report of the run as it stands: the verdict of {@code validation} given {@code status},
     * the manifest's expectations, paused windows and clock offsets from the history.
     *
     * @param startedAt      when the run started; {@code null} takes the history's first event
     * @param observedCounts what the destination held last (files, rows)
     * @param cleanupDone    what the run's cleanup did, resource to outcome
     */
    public RunReport report(
            String scenario,
            String description,
            DeliveryGuarantee judgedUnder,
            Instant startedAt,
            RunStatus status,
            String reason,
            ValidationResult validation,
            IngestionSnapshot observedCounts,
            Map<String, String> cleanupDone) {
        RunHistory h = history();
        List<CheckResult> checks = validation == null ? List.of() : validation.checks();
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("files", observedCounts.files());
        observed.put("rows", observedCounts.rows());
        if (validation != null) {
            observed.putAll(validation.observed());
        }
        List<ClockSample> samples = h.clockSamples();
        return new RunReport(
                s.runId,
                scenario,
                description,
                judgedUnder,
                startedAt == null ? h.startedAt().orElse(null) : startedAt,
                s.clock.instant(),
                status,
                reason,
                Verdict.decide(status, checks),
                checks,
                validation == null ? List.of() : validation.guidance(),
                manifest().expectedFiles().size(),
                manifest().expectedRows(),
                observed,
                h.pausedWindows(),
                samples.isEmpty() ? null : samples.get(0).offset().toNanos() / 1e6,
                samples.isEmpty() ? null : h.clockUncertainty().toNanos() / 1e6,
                s.runDirectory.toString(),
                lastPipeId(),
                cleanupDone,
                PhaseTimes.of(h));
    }

    /** The pipe the run used last, even when it has been deleted since. */
    private String lastPipeId() {
        List<CreatedResource> created = s.state().createdResources();
        for (int i = created.size() - 1; i >= 0; i--) {
            if (created.get(i).kind().equals(CreatedResource.PIPE)) {
                return created.get(i).id();
            }
        }
        return null;
    }

    /** Closes the source client when this executor opened it; the run's resources stay. */
    @Override
    public void close() {
        s.close();
    }

    @Override
    public String toString() {
        return "StepExecutor[" + s.runId + ", " + s.runDirectory + "]";
    }

    /** Builds a {@link StepExecutor}. Every setting without a default is required. */
    public static final class Builder {
        // read by RunSession
        String runId;
        Path runDirectory;
        FixtureSettings fixtures;
        RunnerConfig config;
        DeliveryGuarantee guarantee;
        Supplier<SourceFixture> sourceFactory;
        boolean ownsSource;
        PipeControl pipes;
        Hazards hazards;
        DestinationSpec runTable;
        Function<DestinationSpec, Destination> destinations;
        Validator validator;
        HistorySink history;
        Manifest manifest;
        Clock clock;
        LongSupplier nanoTime;
        Sleeper sleeper;

        private Builder() {}

        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** The run folder: manifest.json is rewritten there after every batch. */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        public Builder fixtures(FixtureSettings fixtures) {
            this.fixtures = fixtures;
            return this;
        }

        /** Timings and pipe settings; {@link RunnerConfig#ofDefaults()} when not set. */
        public Builder config(RunnerConfig config) {
            this.config = config;
            return this;
        }

        /** What a scenario's validate step judges against (exactly-once when not set). */
        public Builder guarantee(DeliveryGuarantee guarantee) {
            this.guarantee = guarantee;
            return this;
        }

        /** The source the run writes to; the caller closes it. */
        public Builder source(SourceFixture source) {
            Objects.requireNonNull(source, "source");
            this.sourceFactory = () -> source;
            this.ownsSource = false;
            return this;
        }

        /** Opens the source on first use; {@link #close()} closes it. */
        public Builder sourceFactory(Supplier<SourceFixture> factory) {
            this.sourceFactory = Objects.requireNonNull(factory, "factory");
            this.ownsSource = true;
            return this;
        }

        public Builder pipes(PipeControl pipes) {
            this.pipes = pipes;
            return this;
        }

        /** What pause-hazard steps provoke; {@link Hazards#UNSUPPORTED} when not set. */
        public Builder hazards(Hazards hazards) {
            this.hazards = hazards;
            return this;
        }

        /** The run's own table as the only destination. */
        public Builder destination(Destination destination) {
            Objects.requireNonNull(destination, "destination");
            return destinations(destination.spec(), spec -> {
                if (!spec.equals(destination.spec())) {
                    throw new CpcheckException("this run can only reach table "
                            + destination.spec().qualified() + ", not " + spec.qualified());
                }
                return destination;
            });
        }

        /**
         * The run's own table, and how to reach any table (an adopted pipe's, a leftover named in
         * the history).
         */
        public Builder destinations(DestinationSpec runTable, Function<DestinationSpec, Destination> tables) {
            this.runTable = Objects.requireNonNull(runTable, "runTable");
            this.destinations = Objects.requireNonNull(tables, "tables");
            return this;
        }

        public Builder validator(Validator validator) {
            this.validator = validator;
            return this;
        }

        /** Where events go; the executor's state is rebuilt from the events already there. */
        public Builder history(HistorySink history) {
            this.history = history;
            return this;
        }

        /** The files written so far; without it, an empty manifest for a new run. */
        public Builder manifest(Manifest manifest) {
            this.manifest = manifest;
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

        public StepExecutor build() {
            return new StepExecutor(this);
        }
    }
}
