package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.Converters;
import dev.cpcheck.cli.internal.FixtureFileOptions;
import dev.cpcheck.cli.internal.Folders;
import dev.cpcheck.cli.internal.Logging;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.PipeCreationOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.cli.internal.Shutdown;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.scenario.Limits;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.ScenarioNames;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.engine.LocalStackFile;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.engine.RunPlan;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The whole scenario: fixtures, table, pipe, pauses and resumes, validation, report, cleanup. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a checkpoint scenario end to end, prints the verdict and the run folder.",
            "Resume and cleanup always happen (also on Ctrl-C), unless --keep."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    PipeCreationOptions pipeOptions;

    @Option(
            names = "--scenario",
            paramLabel = "NAME|FILE",
            defaultValue = Scenarios.SEED,
            description = "seed, random-cycles-<seed>-x<count>, scale-<files>x<rows> (e.g. scale-100000x100), or a YAML"
                    + " scenario file. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(
            names = "--cycles",
            paramLabel = "N",
            description = "Instead of --scenario: N seeded random pause/resume cycles.")
    Integer cycles;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of --cycles (default 1): the same seed gives the same schedule.")
    Long seed;

    @Option(
            names = "--guarantee",
            paramLabel = "G",
            converter = Converters.GuaranteeConverter.class,
            description = "exactly-once (default) or at-least-once (duplicates are a warning).")
    DeliveryGuarantee guarantee;

    @Mixin
    FixtureFileOptions files;

    @Option(names = "--rows-per-file", paramLabel = "N", description = "Rows in each fixture file.")
    Long rowsPerFile;

    @Option(
            names = "--emulator-fault",
            paramLabel = "MODE",
            converter = Converters.FaultModeConverter.class,
            description = "Local only: make the emulator break the checkpoint (restart-from-scratch, skip-paused-files,"
                    + " replay-last-batch, ingest-while-paused; with the s3-unordered source also"
                    + " lose-event-while-paused, replay-event-after-resume) to see cpcheck catch it.")
    EmulatorFault fault;

    @Option(
            names = "--pipe-id",
            paramLabel = "ID",
            description = "Test this existing pipe (e.g. made with Terraform): not created, not deleted.")
    String pipeId;

    @Option(names = "--keep", description = "Leave pipe, table and files in place (a paused pipe is still resumed).")
    boolean keep;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How long to wait for files to land (default 90s local, 10m cloud).")
    Duration timeout;

    @Option(
            names = "--wake-service",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Cloud: when the service is idle (424), wake it and go on (default); --no-wake-service fails instead.")
    boolean wakeService;

    @Option(
            names = "--start-stopped-service",
            description = "Cloud: when the service was stopped (424), start it and go on; off by default, since someone"
                    + " stopped it and a running service costs money.")
    boolean startStoppedService;

    @Override
    public Integer call() {
        // every value is checked before anything is printed or started
        Scenario sc = scenario();
        if (connection.source().isPresent()) {
            sc = sc.toBuilder().sourceProvider(connection.source().get()).build(); // the flag beats the file
        }
        pipeOptions.check();
        Folders.requireWritable("--runs-dir", connection.runsDirectory());
        if (timeout != null) {
            Limits.checkWait("--timeout", timeout);
        }
        Progress progress = output.progress();
        Mode mode = connection.resolveMode(progress);
        if (pipeId != null && mode == Mode.LOCAL) {
            throw new ConfigException(
                    "--pipe-id adopts a pipe of a running service; the local stack of a run starts empty."
                            + " Use --cloud (with the settings of ClickHouse Cloud, or of 'cpcheck local up': --env-file "
                            + LocalStackFile.DEFAULT + ")");
        }
        if (fault != null && mode != Mode.LOCAL) {
            throw new ConfigException(
                    "--emulator-fault works only on the embedded local stack (--local); it breaks the emulator, not ClickHouse Cloud");
        }
        RunnerConfig.Builder runner =
                (mode == Mode.CLOUD ? RunnerConfig.cloudDefaults() : RunnerConfig.ofDefaults()).toBuilder();
        if (timeout != null) {
            runner.awaitTimeout(timeout);
        }
        CheckpointEngine.Builder engineBuilder = connection.engineForRun(progress);
        if (sc.sourceProvider() != null) {
            engineBuilder.sourceProvider(sc.sourceProvider());
        }
        CheckpointEngine.Builder builder = pipeOptions
                .apply(engineBuilder)
                .runnerConfig(runner.build())
                .keepResources(keep)
                .wakeIdleService(wakeService)
                .wakeStoppedService(startStoppedService)
                .listener(progress);
        if (pipeId != null) {
            builder.adoptPipeId(pipeId);
        }
        if (fault != null) {
            builder.faultMode(fault);
        }
        if (mode == Mode.LOCAL) {
            progress.phase("starting the embedded stack"
                    + (sc.sourceProvider() != null
                                    && sc.sourceProvider().equals("azure")
                                    && !EmbeddedStack.azureServerInstalled()
                            ? " (first use of the azure source: installing Azurite through npm, about 360 MB)"
                            : "")
                    + (!EmbeddedStack.clickHouseLibraryCached()
                            ? " (first use: downloading ClickHouse " + EmbeddedStack.clickHouseLibraryVersion()
                                    + " through npm, about 180 MB)"
                            : ""));
        } else {
            progress.phase("connecting to ClickHouse Cloud");
        }
        progress.totalSteps(sc.steps().size());
        RunReport report;
        try (Shutdown.Guard guard = Shutdown.guard(
                        keep
                                ? "resuming the pipe if the run paused it; the pipe, table and files are kept (--keep)"
                                : "resuming the pipe and cleaning up");
                CheckpointEngine engine = builder.build()) {
            engine.checkAccess(); // a wrong key or URL is reported before any run folder exists
            RunPlan plan = engine.plan(sc);
            guard.runFolder(plan.runDirectory());
            progress.phase("run " + plan.runId() + ": scenario " + sc.name() + " on "
                    + engine.endpoints().mode().id() + " with source "
                    + engine.sourceProvider(sc).id() + (fault == null ? "" : " with emulator fault " + fault.id()));
            try (Logging.Handle log = Logging.toFile(plan.runDirectory().resolve(RunFolder.LOG), output.debug)) {
                report = plan.execute();
            }
        }
        progress.done();
        Console.report(report, output.json, System.out);
        return report.exitCode().code();
    }

    /** The scenario from --scenario / --cycles, with the command-line overrides. */
    Scenario scenario() {
        Scenario base;
        if (cycles != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--scenario")) {
                throw new ConfigException("--cycles replaces --scenario; give one of them");
            }
            Limits.checkCycles("--cycles", cycles);
            base = Scenarios.randomCycles(seed == null ? 1L : seed, cycles);
        } else if (seed != null) {
            throw new ConfigException("--seed goes with --cycles N");
        } else {
            base = ScenarioNames.resolve(scenario);
        }
        Scenario.Builder b = base.toBuilder();
        if (guarantee != null) {
            b.guarantee(guarantee);
        }
        files.applyTo(b);
        if (rowsPerFile != null) {
            Limits.checkRowsPerFile("--rows-per-file", rowsPerFile, base.payloadBytes());
            b.rowsPerFile(rowsPerFile);
        }
        return b.build();
    }
}
