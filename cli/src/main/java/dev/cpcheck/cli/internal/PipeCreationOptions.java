package dev.cpcheck.cli.internal;

import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.engine.CheckpointEngine;
import picocli.CommandLine.Option;

/**
 * Settings of the pipe a command creates ({@code run}, {@code pipe create}): the flags of the
 * {@link ConfigKey#PIPE_CREATION} keys. A flag beats the environment and the env file.
 */
public final class PipeCreationOptions {
    @Option(
            names = "--managed-table",
            description = "CLICKPIPE_MANAGED_TABLE: ClickPipes creates the destination table (managedTable: true,"
                    + " MergeTree ordered by file_id, row_id) instead of cpcheck creating it before the pipe.")
    Boolean managedTable;

    /** Applies the flags that were given to the engine builder. */
    public CheckpointEngine.Builder apply(CheckpointEngine.Builder builder) {
        if (managedTable != null) {
            builder.managedTable(managedTable);
        }
        return builder;
    }

    /** Whether ClickPipes creates the table: the flag, else the setting of {@code config}. */
    public boolean managedTable(CpcheckConfig config) {
        return managedTable != null
                ? managedTable
                : Boolean.parseBoolean(
                        config.get(ConfigKey.CLICKPIPE_MANAGED_TABLE).orElse("false"));
    }
}
