package dev.cpcheck.core.runner;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.RunState;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.PipeControl;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.Validator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link StepExecutor} works on: the run's identity and settings, the ports, the
 * recorder with the state the history leads to, the manifest, and what this process has seen
 * that the history does not say (the latest counts, whether a start succeeded after a stop).
 */
final class RunSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
    static final String MANIFEST = "manifest.json";

    final String runId;
    final Path runDirectory;
    final FixtureSettings fixtures;
    final RunnerConfig config;
    final DeliveryGuarantee guarantee;
    final PipeControl pipes;
    final Hazards hazards;
    final DestinationSpec runTable;
    final Function<DestinationSpec, Destination> destinations;
    final Validator validator;
    final RunRecorder recorder;
    final Clock clock;
    final LongSupplier nanoTime;
    final Waiter waiter;
    private final Supplier<SourceFixture> sourceFactory;
    private final boolean ownsSource;

    private SourceFixture source;
    private Manifest manifest;
    /** A stop went out and no start succeeded since: the pipe may be paused by this run. */
    boolean pausedByRun;
    /** The counts of the latest count poll of this process. */
    IngestionSnapshot lastCounts = IngestionSnapshot.EMPTY;

    RunSession(StepExecutor.Builder b) {
        this.runId = require(b.runId, "runId");
        this.runDirectory = require(b.runDirectory, "runDirectory");
        this.fixtures = require(b.fixtures, "fixtures");
        this.config = b.config == null ? RunnerConfig.ofDefaults() : b.config;
        this.guarantee = b.guarantee == null ? DeliveryGuarantee.EXACTLY_ONCE : b.guarantee;
        this.sourceFactory = require(b.sourceFactory, "source");
        this.ownsSource = b.ownsSource;
        this.pipes = require(b.pipes, "pipes");
        this.hazards = b.hazards == null ? Hazards.UNSUPPORTED : b.hazards;
        this.runTable = require(b.runTable, "destination");
        this.destinations = require(b.destinations, "destination");
        this.validator = require(b.validator, "validator");
        this.recorder = new RunRecorder(require(b.history, "history"));
        this.manifest = b.manifest;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.nanoTime = b.nanoTime == null ? System::nanoTime : b.nanoTime;
        this.waiter = Waiter.of(b.sleeper == null ? Sleeper.SYSTEM : b.sleeper, nanoTime);
        this.pausedByRun = recorder.state().stopOutstanding();
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("a step executor needs " + what);
        }
        return value;
    }

    RunState state() {
        return recorder.state();
    }

    SourceFixture source() {
        if (source == null) {
            source = sourceFactory.get();
        }
        return source;
    }

    /** The bucket and prefix the run writes under, as the history names them. */
    String sourcePrefixId() {
        SourceFixture s = source();
        return s.bucket() + "/" + s.prefix();
    }

    Manifest manifest() {
        if (manifest == null) {
            SourceFixture s = source();
            manifest = Manifest.start(
                    runId,
                    s.providerId(),
                    s.bucket(),
                    s.prefix(),
                    fixtures.format().clickHouseName(),
                    fixtures.compression().id(),
                    clock.instant());
        }
        return manifest;
    }

    /** Keeps and writes the manifest: the ground truth is on disk after every batch. */
    void manifest(Manifest m) {
        manifest = m;
        m.write(runDirectory.resolve(MANIFEST));
    }

    /** The destination table: the adopted pipe's, else the run's own. */
    DestinationSpec destinationSpec() {
        DestinationSpec adopted =
                state().pipeDestination().map(RunRecorder::parseTableId).orElse(null);
        return adopted != null ? adopted : runTable;
    }

    Destination destination() {
        return destinations.apply(destinationSpec());
    }

    PipeSpec pipeSpec() {
        String name = config.pipeName() != null ? config.pipeName() : RunIds.pipeName(runId);
        return new PipeSpec(
                name,
                source().pipeSource(
                                fixtures.format().clickHouseName(),
                                fixtures.compression().id(),
                                true),
                destinationSpec(),
                RowSchema.fieldMappings(),
                config.effectivePipeSettings());
    }

    String requirePipe() {
        return state().pipeId()
                .orElseThrow(() -> new CpcheckException(
                        "run " + runId + " has no pipe; create one first (cpcheck pipe create, or a createPipe step)"));
    }

    void requireNoPipe() {
        RunState s = state();
        s.pipeId().ifPresent(id -> {
            throw new CpcheckException("run " + runId + " already has pipe " + id
                    + (s.pipeAdopted() ? " (adopted)" : "; delete it first (`cpcheck pipe delete`)"));
        });
    }

    /** The ClickHouse server clock against the JVM clock, from the midpoint of one round trip. */
    ClockSample sampleClock(String label) {
        Instant before = clock.instant();
        Instant server = destinations.apply(runTable).serverTime();
        Instant after = clock.instant();
        return ClockSample.estimate(label, before, server, after);
    }

    ClockSample measureClock(String label) {
        ClockSample s = sampleClock(label);
        recorder.clockSampled(s);
        return s;
    }

    void countPolled(Integer index, IngestionSnapshot counts, int attempt, Duration elapsed, String purpose) {
        lastCounts = counts;
        recorder.countPolled(index, counts, attempt, elapsed, purpose);
    }

    /** Closes the source when the session opened it. */
    @Override
    public void close() {
        if (ownsSource && source != null) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the source failed: {}", e.toString());
            }
        }
    }
}
