package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.port.DestinationSpec;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.steps.StepRun;
import dev.cpcheck.validation.ClickHouseTable;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The destination table. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "The destination table (run_id, file_id, row_id, phase, event_time, payload, source_file, ingested_at).",
        subcommands = {TableCommand.Create.class, TableCommand.Drop.class})
public final class TableCommand implements Runnable {
    @Override
    public void run() {
        throw new ConfigException("missing subcommand: cpcheck table create|drop");
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Option(names = "--table", paramLabel = "NAME",
                description = "A named table (e.g. for a Terraform pipe) instead of the current step run's.")
        String table;

        DestinationSpec named(CheckpointEngine engine) {
            try {
                return new DestinationSpec(engine.clickHouse().database(), table);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--table: " + e.getMessage());
            }
        }

        void print(Object json, String text) {
            System.out.println(output.json ? Console.json(json) : text);
            System.out.flush();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates the table (idempotent).")
    static final class Create extends Base {
        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine = connection.engineForSteps(progress).listener(progress).build()) {
                if (table != null) {
                    DestinationSpec spec = named(engine);
                    boolean created = new ClickHouseTable(engine.sql(), spec).create();
                    print(Map.of("table", spec.qualified(), "created", created),
                            (created ? "created table " : "table exists: ") + spec.qualified());
                    return 0;
                }
                try (StepRun run = StepRun.current(engine)) {
                    boolean created = run.createTable();
                    print(Map.of("table", run.destination().qualified(), "created", created),
                            (created ? "created table " : "table exists: ") + run.destination().qualified());
                    return 0;
                }
            }
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drops the table.")
    static final class Drop extends Base {
        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine = connection.engineForSteps(progress).listener(progress).build()) {
                if (table != null) {
                    DestinationSpec spec = named(engine);
                    new ClickHouseTable(engine.sql(), spec).drop();
                    print(Map.of("table", spec.qualified(), "dropped", true), "dropped table " + spec.qualified());
                    return 0;
                }
                try (StepRun run = StepRun.current(engine)) {
                    run.dropTable();
                    print(Map.of("table", run.destination().qualified(), "dropped", true),
                            "dropped table " + run.destination().qualified());
                    return 0;
                }
            }
        }
    }
}
