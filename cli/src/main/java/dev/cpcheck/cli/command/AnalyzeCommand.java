package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.Converters;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Re-judges a stored run from the evidence it kept, or validates its table again. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Re-judges a stored run folder from the evidence it kept (results.json, history.jsonl with the",
            "counts it polled, manifest.json), offline, or with --recheck validates its table again if it is",
            "still there; rewrites results.json, junit.xml and report.html and prints the verdict.",
            "A folder without history.jsonl or manifest.json is an error (exit 2)."
        })
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "RUN_DIR",
            description = "A run folder, e.g. runs/20261130-101500-3fa9c1-seed.")
    Path runDir;

    @Option(
            names = "--guarantee",
            paramLabel = "G",
            converter = Converters.GuaranteeConverter.class,
            description = "Judge under exactly-once or at-least-once (default: the run's own).")
    DeliveryGuarantee guarantee;

    @Option(
            names = "--recheck",
            description = "Validate the run's table again (it must still exist: a run with --keep, an adopted"
                    + " pipe's table), with the stored manifest and history; connects like the step commands.")
    boolean recheck;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Progress progress = output.progress();
        RunReport report;
        if (recheck) {
            try (CheckpointEngine engine = connection.engineForSteps(progress).build()) {
                report = RunFolder.recheck(runDir, engine, guarantee);
            }
        } else {
            report = RunFolder.analyze(runDir, guarantee);
        }
        progress.done();
        Console.report(report, output.json, System.out);
        return report.exitCode().code();
    }
}
