package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.Converters;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.engine.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Re-judges a stored run offline. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Re-renders and re-judges a stored run folder offline (no ClickHouse, S3 or API needed):",
            "rewrites results.json, junit.xml and report.html and prints the verdict."
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

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.progress();
        RunReport report = RunFolder.analyze(runDir, guarantee);
        Console.report(report, output.json, System.out);
        return report.exitCode().code();
    }
}
