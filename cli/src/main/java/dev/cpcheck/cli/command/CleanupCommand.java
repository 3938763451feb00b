package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.CleanupReport;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.engine.steps.StepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Removes what a run left behind. */
@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes the pipe, drops the table and deletes the S3 prefix a run created, as its history",
            "records (adopted pipes and tables that existed before are left alone). Idempotent.",
            "Default: the current step run."
        })
public final class CleanupCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--run",
            paramLabel = "DIR",
            description = "The run folder to clean up (e.g. of a run with --keep).")
    Path runDir;

    @Override
    public Integer call() {
        Progress progress = output.progress();
        if (runDir != null) {
            if (!Files.isRegularFile(runDir.resolve(RunFolder.HISTORY))) {
                throw new CpcheckException(runDir + " is not a run folder (no " + RunFolder.HISTORY + ")");
            }
            if (RunFolder.ranOnTemporaryStack(runDir)) {
                print(new CleanupReport(
                        runDir.getFileName().toString(),
                        List.of("the run used a temporary embedded stack, which stopped with it: nothing is left"),
                        List.of()));
                return 0;
            }
        }
        try (CheckpointEngine engine =
                connection.engineForSteps(progress).listener(progress).build()) {
            CleanupReport report;
            if (runDir != null) {
                report = engine.cleanup(runDir);
            } else {
                try (StepRun run = StepRun.current(engine)) {
                    report = run.cleanup();
                }
            }
            print(report);
            return report.exitCode().code();
        }
    }

    private void print(CleanupReport report) {
        if (output.json) {
            System.out.println(Console.json(report));
        } else {
            System.out.println("cleanup of run " + report.runId() + ":");
            report.actions().forEach(a -> System.out.println("  " + a));
            report.failed().forEach(f -> System.out.println("  FAILED " + f));
        }
        System.out.flush();
    }
}
