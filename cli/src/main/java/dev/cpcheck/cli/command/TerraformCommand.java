package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.Converters;
import dev.cpcheck.cli.internal.Folders;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.PipeCreationOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.steps.StepRun;
import dev.cpcheck.engine.terraform.SharedPipe;
import dev.cpcheck.engine.terraform.TerraformConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Terraform for the pipe cpcheck would create. */
@Command(
        name = "terraform",
        mixinStandardHelpOptions = true,
        description = {
            "Writes main.tf, variables.tf and terraform.tfvars.example for a clickhouse_clickpipe resource.",
            "With a step run in progress: exactly the pipe 'cpcheck pipe create' would make for it. Otherwise (or with",
            "--shared, --table, --format or --compression): a pipe over every run under S3_PREFIX writing one table,",
            "for 'cpcheck run --pipe-id'.",
            "Secrets are variables marked sensitive, never written into the files."
        })
public final class TerraformCommand implements Callable<Integer> {
    @Spec
    CommandSpec commandSpec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the files to.")
    Path out;

    @Option(
            names = "--shared",
            description = "The shared pipe for 'run --pipe-id' even when a step run is in progress.")
    boolean shared;

    @Option(
            names = "--table",
            paramLabel = "NAME",
            defaultValue = SharedPipe.DEFAULT_TABLE,
            description =
                    "Table of the shared pipe (default ${DEFAULT-VALUE}); create it with 'cpcheck table create --table NAME'.")
    String table;

    @Option(
            names = "--format",
            paramLabel = "F",
            converter = Converters.FormatConverter.class,
            defaultValue = "JSONEachRow",
            description = "File format of the shared pipe (default ${DEFAULT-VALUE}).")
    FileFormat format;

    @Option(
            names = "--compression",
            paramLabel = "C",
            converter = Converters.CompressionConverter.class,
            defaultValue = "none",
            description = "Compression of the shared pipe (default ${DEFAULT-VALUE}).")
    Compression compression;

    @Mixin
    PipeCreationOptions pipeOptions;

    @Override
    public Integer call() {
        pipeOptions.check();
        Folders.requireWritable("--out", out);
        Progress progress = output.progress();
        PipeSpec spec;
        String what;
        boolean managed;
        ParseResult parsed = commandSpec.commandLine().getParseResult();
        boolean sharedAsked = shared
                || parsed.hasMatchedOption("--table")
                || parsed.hasMatchedOption("--format")
                || parsed.hasMatchedOption("--compression");
        boolean forStepRun = !sharedAsked
                && StepRun.currentDirectory(connection.runsDirectory()).isPresent();
        if (forStepRun) {
            try (CheckpointEngine engine = pipeOptions
                            .apply(connection.engineForSteps(progress))
                            .build();
                    StepRun run = StepRun.current(engine)) {
                spec = run.pipeSpec();
                managed = engine.managedTable();
                what = "the pipe of step run " + run.runId();
            }
        } else {
            Optional<String> source = connection.source();
            if (source.isPresent() && !source.get().equals("s3")) {
                throw new ConfigException("--source " + source.get() + ": the shared pipe reads the S3 bucket only;"
                        + " for a " + source.get() + " pipe start a step run ('cpcheck fixtures upload --source "
                        + source.get() + "') and run 'cpcheck terraform' in it");
            }
            // Terraform needs the bucket and the database, not the ClickHouse host nor an API key:
            // the shared pipe is made from the settings, without connecting anywhere
            boolean local = connection.requestedMode() == Mode.LOCAL
                    || (connection.requestedMode() == Mode.AUTO
                            && connection.config().get(ConfigKey.S3_BUCKET).isEmpty());
            CpcheckConfig config = local ? connection.localStackConfig(progress) : connection.config();
            RunnerConfig.Builder runner =
                    (local ? RunnerConfig.ofDefaults() : RunnerConfig.cloudDefaults()).toBuilder();
            pipeOptions.pollingInterval().ifPresent(runner::pipePollingInterval);
            Map<String, Object> settings = runner.build().effectivePipeSettings();
            managed = pipeOptions.managedTable(config);
            try {
                spec = SharedPipe.spec(config, settings, table, format, compression);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--table: " + e.getMessage());
            }
            what = "a shared pipe over " + spec.source().url() + " into "
                    + spec.destination().qualified();
        }
        List<Path> files = TerraformConfig.of(spec).managedTable(managed).write(out);
        if (output.json) {
            System.out.println(Console.json(Map.of(
                    "files",
                    files.stream().map(Path::toString).toList(),
                    "name",
                    spec.name(),
                    "url",
                    spec.source().url(),
                    "table",
                    spec.destination().qualified())));
        } else {
            System.out.println("wrote " + what + ":");
            files.forEach(f -> System.out.println("  " + f));
            System.out.println(
                    forStepRun
                            ? "next: " + (managed ? "" : "cpcheck table create; ") + "terraform -chdir=" + out
                                    + " init && terraform -chdir="
                                    + out + " apply; then" + " cpcheck pipe create --pipe-id $(terraform -chdir="
                                    + out + " output -raw clickpipe_id)"
                            : (managed ? "next: " : "next: cpcheck table create --table " + table + "; ")
                                    + "terraform -chdir=" + out
                                    + " init && terraform -chdir=" + out + " apply;"
                                    + " then cpcheck run --pipe-id $(terraform -chdir=" + out
                                    + " output -raw clickpipe_id)");
        }
        return 0;
    }
}
