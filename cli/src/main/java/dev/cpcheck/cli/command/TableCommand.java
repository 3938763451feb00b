package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.Tables;
import dev.cpcheck.engine.steps.StepRun;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The destination table. */
@Command(
        name = "table",
        mixinStandardHelpOptions = true,
        description = "The destination table (run_id, file_id, row_id, phase, event_time, payload, source_file).",
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

        @Option(
                names = "--table",
                paramLabel = "NAME",
                description = "A named table (e.g. for a Terraform pipe) instead of the current step run's.")
        String table;

        DestinationSpec named(CheckpointEngine engine) {
            try {
                return engine.tables().named(table);
            } catch (ConfigException e) {
                throw new ConfigException("--table: " + e.getMessage());
            }
        }

        /** Acts on a named table; returns whether it changed anything. */
        abstract boolean act(Tables tables, String name);

        /** Acts on the current step run's table; returns whether it changed anything. */
        abstract boolean act(StepRun run);

        /** The JSON field that says what happened, e.g. {@code created}. */
        abstract String outcome();

        /** The line before the table name. */
        abstract String said(boolean changed);

        @Override
        public Integer call() {
            Progress progress = output.progress();
            try (CheckpointEngine engine =
                    connection.engineForSteps(progress).listener(progress).build()) {
                String qualified;
                boolean changed;
                if (table != null) {
                    DestinationSpec spec = named(engine);
                    changed = act(engine.tables(), spec.table());
                    qualified = spec.qualified();
                } else {
                    try (StepRun run = StepRun.current(engine)) {
                        changed = act(run);
                        qualified = run.destination().qualified();
                    }
                }
                Console.print(output.json, Map.of("table", qualified, outcome(), changed), said(changed) + qualified);
                return 0;
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates the table (idempotent).")
    static final class Create extends Base {
        @Override
        boolean act(Tables tables, String name) {
            return tables.create(name);
        }

        @Override
        boolean act(StepRun run) {
            return run.createTable();
        }

        @Override
        String outcome() {
            return "created";
        }

        @Override
        String said(boolean changed) {
            return changed ? "created table " : "table exists: ";
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drops the table.")
    static final class Drop extends Base {
        @Override
        boolean act(Tables tables, String name) {
            tables.drop(name);
            return true;
        }

        @Override
        boolean act(StepRun run) {
            run.dropTable();
            return true;
        }

        @Override
        String outcome() {
            return "dropped";
        }

        @Override
        String said(boolean changed) {
            return "dropped table ";
        }
    }
}
