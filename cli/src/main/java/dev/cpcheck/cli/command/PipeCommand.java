package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.PipeCreationOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.scenario.Limits;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.TableTotals;
import dev.cpcheck.engine.steps.PipeStatus;
import dev.cpcheck.engine.steps.StepRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The ClickPipe, through the typed client. */
@Command(
        name = "pipe",
        mixinStandardHelpOptions = true,
        description = "Creates, lists, watches, pauses, resumes and deletes ClickPipes through the ClickPipes API.",
        subcommands = {
            PipeCommand.Create.class,
            PipeCommand.ListPipes.class,
            PipeCommand.Status.class,
            PipeCommand.Pause.class,
            PipeCommand.Resume.class,
            PipeCommand.Delete.class
        })
public final class PipeCommand implements Runnable {
    @Override
    public void run() {
        throw new ConfigException("missing subcommand: cpcheck pipe create|list|status|pause|resume|delete");
    }

    /** Options of every pipe subcommand. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        CheckpointEngine engine(Progress progress) {
            return connection.engineForSteps(progress).listener(progress).build();
        }

        /** Waits for a pipe that is not the current run's to reach a state, with a live line. */
        static void awaitState(CheckpointEngine engine, String id, PipeState target, Progress progress)
                throws InterruptedException {
            engine.pipes()
                    .awaitState(
                            id,
                            target,
                            state -> progress.waiting(
                                    "pipe " + id + " " + target.apiName(), "state " + state.apiName()));
            progress.done();
        }

        void print(Object json, String text) {
            Console.print(output.json, json, text);
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates the pipe of the current step run (after 'cpcheck fixtures upload' and 'cpcheck table create'):",
                "continuous, reading the run's prefix, writing its table; waits until it is Running.",
                "With --managed-table, skip 'table create': the pipe creates the table."
            })
    static final class Create extends Base {
        @Mixin
        PipeCreationOptions pipeOptions;

        @Option(
                names = "--pipe-id",
                paramLabel = "ID",
                description =
                        "Adopt this existing pipe (e.g. made with Terraform) for the run instead: never deleted by cpcheck.")
        String adopt;

        @Override
        public Integer call() {
            pipeOptions.check();
            Progress progress = output.progress();
            try (CheckpointEngine engine = pipeOptions
                            .apply(connection.engineForSteps(progress))
                            .listener(progress)
                            .build();
                    StepRun run = StepRun.current(engine)) {
                if (adopt != null) {
                    PipeInfo info = run.adoptPipe(adopt);
                    print(
                            info,
                            "run " + run.runId() + " uses pipe " + info.id() + " ("
                                    + info.state().apiName() + "), table "
                                    + run.destination().qualified());
                    return 0;
                }
                PipeInfo info = run.createPipe();
                progress.phase("created pipe " + info.id() + "; waiting for Running");
                run.awaitState(PipeState.RUNNING, engine.runnerConfig().stateTimeout());
                // an Azure pipe has no URL in the API: name the container and path as the run's source does
                String reads = info.sourceUrl() != null
                        ? info.sourceUrl()
                        : run.pipeSpec().source().url();
                print(info, "pipe " + info.id() + " (" + info.name() + ") is Running; reads " + reads);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the pipes of the service.")
    static final class ListPipes extends Base {
        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine = engine(progress)) {
                List<PipeInfo> pipes = engine.pipes().list();
                StringBuilder b = new StringBuilder();
                b.append(String.format("%-38s %-14s %s%n", "ID", "STATE", "NAME"));
                for (PipeInfo p : pipes) {
                    b.append(String.format(
                            "%-38s %-14s %s%n",
                            p.id(),
                            p.state() == PipeState.UNKNOWN ? "?" : p.state().apiName(),
                            p.name()));
                }
                b.append(pipes.size()).append(" pipe(s)");
                print(
                        pipes.stream()
                                .map(p -> Map.of(
                                        "id",
                                        p.id(),
                                        "name",
                                        String.valueOf(p.name()),
                                        "state",
                                        p.state() == PipeState.UNKNOWN
                                                ? "unknown"
                                                : p.state().apiName()))
                                .toList(),
                        b.toString());
                return 0;
            }
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "State of a pipe (default: the current run's) and the files and rows in its table.")
    static final class Status extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PIPE_ID")
        String pipeId;

        @Option(names = "--watch", description = "Keep showing the status until Ctrl-C.")
        boolean watch;

        @Option(
                names = "--interval",
                paramLabel = "DURATION",
                defaultValue = "2s",
                converter = dev.cpcheck.cli.internal.Converters.DurationConverter.class,
                description = "How often --watch refreshes (default ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(
                names = "--until-files",
                paramLabel = "N",
                description = "Current run: first wait until N of its files have landed (or --timeout passes).")
        Long untilFiles;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "5m",
                converter = dev.cpcheck.cli.internal.Converters.DurationConverter.class,
                description = "Longest wait of --until-files (default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws InterruptedException {
            if (untilFiles != null) {
                Limits.checkFiles("--until-files", untilFiles);
                Limits.checkWait("--timeout", timeout);
                if (pipeId != null) {
                    throw new ConfigException("--until-files works on the current run's pipe; leave out PIPE_ID");
                }
            }
            Limits.checkWait("--interval", interval);
            Progress progress = output.progress();
            try (CheckpointEngine engine = engine(progress)) {
                String id = pipeId == null ? null : pipeId;
                if (untilFiles != null) {
                    try (StepRun run = StepRun.current(engine)) {
                        progress.phase("waiting until " + untilFiles + " files have landed");
                        run.awaitFiles(untilFiles, timeout);
                    }
                }
                do {
                    Map<String, Object> status = id == null ? runStatus(engine) : status(engine, id);
                    print(
                            status,
                            "pipe " + status.get("id") + ": " + status.get("state")
                                    + (status.containsKey("files")
                                            ? ", " + status.get("files") + " files / " + status.get("rows")
                                                    + " rows in " + status.get("table")
                                            : ""));
                    if (watch) {
                        try {
                            Thread.sleep(interval.toMillis());
                        } catch (InterruptedException e) {
                            return 0; // Ctrl-C is how --watch ends
                        }
                    }
                } while (watch && !Thread.currentThread().isInterrupted());
                return 0;
            }
        }

        static Map<String, Object> runStatus(CheckpointEngine engine) {
            try (StepRun run = StepRun.current(engine)) {
                PipeStatus s = run.status();
                if (s.pipeId() == null) {
                    throw new ConfigException("the current run has no pipe yet; run 'cpcheck pipe create' first");
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.pipeId());
                m.put("state", s.state() == null ? "unknown" : s.state().apiName());
                m.put("pausedByRun", s.pausedByRun());
                m.put("table", run.destination().qualified());
                m.put("files", s.ingestedFiles());
                m.put("rows", s.ingestedRows());
                m.put("expectedFiles", s.expectedFiles());
                m.put("expectedRows", s.expectedRows());
                return m;
            }
        }

        static Map<String, Object> status(CheckpointEngine engine, String id) {
            PipeInfo info = engine.pipes().get(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", info.id());
            m.put("name", info.name());
            m.put("state", info.state().apiName());
            m.put("sourceUrl", info.sourceUrl());
            DestinationSpec dest = info.destination();
            if (dest != null) {
                m.put("table", dest.database() + "." + dest.table());
                try {
                    TableTotals t = engine.tables().totals(dest);
                    m.put("files", t.files());
                    m.put("rows", t.rows());
                } catch (RuntimeException e) {
                    m.put("tableError", e.getMessage());
                }
            }
            return m;
        }
    }

    /** Pause and resume: send the command, then wait for the state it leads to. */
    abstract static class StateChange extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PIPE_ID")
        String pipeId;

        abstract PipeState target();

        abstract void send(StepRun run);

        abstract void send(CheckpointEngine engine, String id);

        @Override
        public Integer call() throws InterruptedException {
            Progress progress = output.progress();
            try (CheckpointEngine engine = engine(progress)) {
                String id;
                if (pipeId == null) {
                    try (StepRun run = StepRun.current(engine)) {
                        send(run);
                        run.awaitState(target(), engine.runnerConfig().stateTimeout());
                        id = run.pipeId().orElse("");
                    }
                } else {
                    send(engine, pipeId);
                    awaitState(engine, pipeId, target(), progress);
                    id = pipeId;
                }
                print(Map.of("id", id, "state", target().apiName()), "pipe " + id + " is " + target().apiName());
                return 0;
            }
        }
    }

    @Command(
            name = "pause",
            mixinStandardHelpOptions = true,
            description = "Stops a pipe (default: the current run's) and waits until it is Stopped.")
    static final class Pause extends StateChange {
        @Override
        PipeState target() {
            return PipeState.STOPPED;
        }

        @Override
        void send(StepRun run) {
            run.pause();
        }

        @Override
        void send(CheckpointEngine engine, String id) {
            engine.pipes().pause(id);
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Starts a pipe (default: the current run's) and waits until it is Running.")
    static final class Resume extends StateChange {
        @Override
        PipeState target() {
            return PipeState.RUNNING;
        }

        @Override
        void send(StepRun run) {
            run.resume();
        }

        @Override
        void send(CheckpointEngine engine, String id) {
            engine.pipes().resume(id);
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes a pipe (default: the current run's).")
    static final class Delete extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PIPE_ID")
        String pipeId;

        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine = engine(progress)) {
                if (pipeId == null) {
                    try (StepRun run = StepRun.current(engine)) {
                        String id = run.pipeId().orElseThrow(() -> new ConfigException("the current run has no pipe"));
                        run.deletePipe();
                        print(Map.of("id", id, "deleted", true), "deleted pipe " + id);
                    }
                } else {
                    engine.pipes().delete(pipeId);
                    print(Map.of("id", pipeId, "deleted", true), "deleted pipe " + pipeId);
                }
                return 0;
            }
        }
    }
}
