package dev.cpcheck.cli;

import dev.cpcheck.cli.command.AnalyzeCommand;
import dev.cpcheck.cli.command.CleanupCommand;
import dev.cpcheck.cli.command.DoctorCommand;
import dev.cpcheck.cli.command.FixturesCommand;
import dev.cpcheck.cli.command.LocalCommand;
import dev.cpcheck.cli.command.PipeCommand;
import dev.cpcheck.cli.command.QueryCommand;
import dev.cpcheck.cli.command.RunCommand;
import dev.cpcheck.cli.command.TableCommand;
import dev.cpcheck.cli.command.TerraformCommand;
import dev.cpcheck.cli.command.ValidateCommand;
import dev.cpcheck.cli.internal.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: only dispatches to subcommands. */
@Command(
        name = "cpcheck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Proves whether a ClickHouse Cloud ClickPipe reading from S3 keeps its ingestion checkpoint across",
            "pause (stop) and resume (start): every file exactly once, nothing while paused, nothing lost.",
            "",
            "Without --cloud or --local, runs in the cloud when the cloud settings are complete, else on the",
            "embedded local stack."
        },
        subcommands = {
            RunCommand.class,
            DoctorCommand.class,
            FixturesCommand.class,
            TableCommand.class,
            PipeCommand.class,
            TerraformCommand.class,
            QueryCommand.class,
            ValidateCommand.class,
            CleanupCommand.class,
            AnalyzeCommand.class,
            LocalCommand.class
        },
        footer = {"", "Exit codes: 0 PASS, 1 FAIL, 2 usage/config error, 3 INCONCLUSIVE, 4 infrastructure error."})
public final class CpcheckCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--debug", description = "Debug logging, and stack traces with errors.")
    boolean debug;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; try 'cpcheck run' or 'cpcheck --help'");
    }
}
