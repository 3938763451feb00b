package dev.cpcheck.junit5;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.ScenarioNames;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.engine.Endpoints;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios for a test class: a thin wrapper around the class's {@link CheckpointEngine},
 * injected by {@link CpcheckExtension} into test methods, constructors and lifecycle methods.
 *
 * <pre>{@code
 * @Test
 * void pausedFilesArriveAfterResume(CheckpointRunner cpcheck) {
 *     RunReport report = cpcheck.run(Scenarios.seed());
 *     CheckpointAssertions.assertExactlyOnce(report);
 *
 *     // the checker's self-test: a broken checkpoint must be caught
 *     RunReport broken = cpcheck.run(Scenarios.seed(), EmulatorFault.SKIP_PAUSED_FILES);
 *     CheckpointAssertions.assertFails(broken, "completeness");
 * }
 * }</pre>
 *
 * <p>Runs of one runner never overlap: the emulator's fault mode is shared by every pipe of the
 * stack, so {@code run} is synchronized and parallel tests of a class take turns.
 */
public final class CheckpointRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRunner.class);

    private final CheckpointEngine engine;
    private final EmbeddedStack stack;
    private final CpcheckConfig config;
    private final EmulatorFault defaultFaultMode;
    private final String sourceProviderId;

    CheckpointRunner(
            CheckpointEngine engine,
            EmbeddedStack stack,
            CpcheckConfig config,
            EmulatorFault defaultFaultMode,
            String sourceProviderId) {
        this.engine = engine;
        this.stack = stack;
        this.config = config;
        this.defaultFaultMode = defaultFaultMode;
        this.sourceProviderId = sourceProviderId;
    }

    /**
     * Runs a scenario with the class's fault mode (none unless {@link CheckpointTest#faultMode()}
     * says otherwise) and returns its report. The run folder is {@link RunReport#runDirectory()}.
     */
    public synchronized RunReport run(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        long t0 = System.nanoTime();
        RunReport report = engine.run(scenario);
        LOG.info(
                "cpcheck scenario {}: {} in {} ms, run folder {}",
                scenario.name(),
                report.verdict(),
                (System.nanoTime() - t0) / 1_000_000,
                report.runDirectory());
        return report;
    }

    /**
     * Runs a scenario with the emulator breaking the checkpoint in the given way, then restores the
     * class's fault mode. Only {@link EmulatorFault#NONE} is allowed on ClickHouse Cloud.
     *
     * @throws IllegalStateException for a fault mode other than NONE outside the local stack
     */
    public synchronized RunReport run(Scenario scenario, EmulatorFault faultMode) {
        Objects.requireNonNull(faultMode, "faultMode");
        if (stack == null) {
            if (faultMode != EmulatorFault.NONE) {
                throw new IllegalStateException("fault mode " + faultMode.id() + " exists only on the local emulator;"
                        + " this test class runs on ClickHouse Cloud (use @CheckpointTest(mode = Mode.LOCAL))");
            }
            return run(scenario);
        }
        stack.faultMode(faultMode);
        try {
            return run(scenario);
        } finally {
            stack.faultMode(defaultFaultMode);
        }
    }

    /**
     * Runs a scenario by name: {@code seed}, {@code random-cycles-<seed>-x<count>},
     * {@code scale-<files>x<rows>}, or a YAML
     * scenario file (path or class path resource), as for {@link RunScenario}.
     *
     * @throws ConfigException for an unknown name or a bad scenario file
     */
    public RunReport run(String scenarioName) {
        return run(ScenarioNames.resolve(scenarioName));
    }

    /** The engine runs go through: endpoints, SQL on the destination ClickHouse, pipes and tables. */
    public CheckpointEngine engine() {
        return engine;
    }

    /** {@link Mode#LOCAL} or {@link Mode#CLOUD}. */
    public Mode mode() {
        return engine.mode();
    }

    /** Where ClickHouse, the ClickPipes API and the bucket are (no secrets). */
    public Endpoints endpoints() {
        return engine.endpoints();
    }

    /** The embedded stack, in local mode. */
    public Optional<EmbeddedStack> embeddedStack() {
        return Optional.ofNullable(stack);
    }

    /** The fault mode every run of the class starts from. */
    public EmulatorFault defaultFaultMode() {
        return defaultFaultMode;
    }

    /** Folder that receives the run folders. */
    public Path runsDirectory() {
        return engine.runsDirectory();
    }

    /**
     * A builder for another engine on the same stack (or cloud settings), runs folder, fault mode
     * and source provider, e.g. to add a {@link dev.cpcheck.core.spi.Check} or choose another
     * {@link dev.cpcheck.core.spi.SourceProvider}. The caller closes the engine it builds; closing
     * it leaves the shared stack running. Building a local engine sets the emulator's fault mode
     * to the builder's.
     */
    public CheckpointEngine.Builder engineBuilder() {
        CheckpointEngine.Builder b = stack != null
                ? Cpcheck.local().embeddedStack(stack).faultMode(defaultFaultMode)
                : Cpcheck.cloud(config);
        return b.runsDirectory(engine.runsDirectory()).sourceProvider(sourceProviderId);
    }

    @Override
    public String toString() {
        return "CheckpointRunner[" + engine.endpoints() + ", faultMode=" + defaultFaultMode + "]";
    }
}
