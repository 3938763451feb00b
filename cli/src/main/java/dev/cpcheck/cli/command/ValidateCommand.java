package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.Converters;
import dev.cpcheck.cli.internal.Logging;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.engine.steps.StepRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Validates the current step run. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the checks on the current step run's table against its manifest and history, writes",
            "results.json, junit.xml and report.html, prints the verdict (exit code as for run)."
        })
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--guarantee",
            paramLabel = "G",
            converter = Converters.GuaranteeConverter.class,
            defaultValue = "exactly-once",
            description = "exactly-once (default) or at-least-once.")
    DeliveryGuarantee guarantee;

    @Override
    public Integer call() {
        Progress progress = output.progress();
        try (CheckpointEngine engine =
                        connection.engineForSteps(progress).listener(progress).build();
                StepRun run = StepRun.current(engine);
                Logging.Handle log = Logging.toFile(run.runDirectory().resolve(RunFolder.LOG), output.debug)) {
            RunReport report = run.validate(guarantee);
            progress.done();
            Console.report(report, output.json, System.out);
            return report.exitCode().code();
        }
    }
}
