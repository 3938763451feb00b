package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.FixtureFileOptions;
import dev.cpcheck.cli.internal.Folders;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.Limits;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.steps.StepRun;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fixture files of the current step run. */
@Command(
        name = "fixtures",
        mixinStandardHelpOptions = true,
        description = {
            "Fixture files in S3 for a run driven step by step. 'upload' starts a step run when none is in",
            "progress (runs/current names it); the other step commands act on that run."
        },
        subcommands = {FixturesCommand.Upload.class, FixturesCommand.ListFiles.class, FixturesCommand.Delete.class})
public final class FixturesCommand implements Runnable {
    @Override
    public void run() {
        throw new ConfigException("missing subcommand: cpcheck fixtures upload|list|delete");
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        void print(Object json, String text) {
            Console.print(output.json, json, text);
        }
    }

    @Command(
            name = "upload",
            mixinStandardHelpOptions = true,
            description = {
                "Writes a batch of fixture files (keys after every key written so far).",
                "--format, --compression and --key-template choose the files of a new run."
            })
    static final class Upload extends Base {
        @Option(
                names = "--count",
                paramLabel = "N",
                defaultValue = "6",
                description = "Files in the batch (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--rows-per-file", paramLabel = "N", description = "Rows per file (default: the run's, 3).")
        Long rowsPerFile;

        @Option(
                names = "--phase",
                paramLabel = "LABEL",
                defaultValue = "initial",
                description = "Phase label written into every row (default ${DEFAULT-VALUE}), e.g. paused, resumed.")
        String phase;

        @Option(
                names = "--below-checkpoint",
                description = "Keys that sort before every key written so far (ClickPipes ignores them).")
        boolean belowCheckpoint;

        @Option(names = "--new", description = "Start a new step run even when one is in progress.")
        boolean newRun;

        @Mixin
        FixtureFileOptions files;

        @Override
        public Integer call() {
            Limits.checkFiles("--count", count);
            if (rowsPerFile != null) {
                Limits.checkRowsPerFile(
                        "--rows-per-file",
                        rowsPerFile,
                        FixtureSettings.defaults().payloadBytes());
            }
            if (phase.isBlank()) {
                throw new ConfigException("--phase must not be empty");
            }
            Folders.requireWritable("--runs-dir", connection.runsDirectory());
            Progress progress = output.progress();
            FixtureSettings options = files.applyTo(FixtureSettings.defaults());
            try (CheckpointEngine engine = connection
                            .engineForSteps(progress)
                            .listener(progress)
                            .build();
                    StepRun run = newRun ? StepRun.start(engine, options) : StepRun.currentOrStart(engine, options)) {
                if (!newRun && files.given() && !run.fixtures().equals(options)) {
                    throw new ConfigException(
                            "--format/--compression/--key-template apply to a new run; the current run "
                                    + run.runId() + " uses "
                                    + run.fixtures().format().clickHouseName() + "/"
                                    + run.fixtures().compression().id()
                                    + "/" + run.fixtures().keyTemplate() + " (add --new to start another)");
                }
                List<ManifestFile> files = run.uploadFiles(
                        count,
                        rowsPerFile == null ? run.fixtures().rowsPerFile() : rowsPerFile,
                        phase,
                        belowCheckpoint ? KeyPlacement.BELOW_CHECKPOINT : KeyPlacement.APPEND);
                long ok = files.stream()
                        .filter(f -> f.outcome() == UploadOutcome.OK)
                        .count();
                print(
                        Map.of(
                                "runId",
                                run.runId(),
                                "runDirectory",
                                run.runDirectory().toString(),
                                "written",
                                ok,
                                "files",
                                files.stream().map(ManifestFile::key).toList()),
                        "run " + run.runId() + ": wrote " + ok + " of " + files.size() + " files (" + phase + ") to "
                                + files.get(0)
                                        .key()
                                        .substring(0, files.get(0).key().lastIndexOf('/') + 1)
                                + "\nrun folder: " + run.runDirectory());
                return (ok == files.size() ? ExitCode.PASS : ExitCode.INFRASTRUCTURE).code();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the run's files in S3.")
    static final class ListFiles extends Base {
        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine = connection.engineForSteps(progress).build();
                    StepRun run = StepRun.current(engine)) {
                List<String> keys = run.listFiles();
                print(keys, String.join("\n", keys) + (keys.isEmpty() ? "" : "\n") + keys.size() + " object(s)");
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes the run's files from S3.")
    static final class Delete extends Base {
        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine = connection
                            .engineForSteps(progress)
                            .listener(progress)
                            .build();
                    StepRun run = StepRun.current(engine)) {
                int n = run.deleteFiles();
                print(Map.of("deleted", n), "deleted " + n + " object(s)");
                return 0;
            }
        }
    }
}
