package dev.cpcheck.cli.internal;

import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.scenario.Limits;
import dev.cpcheck.engine.CheckpointEngine;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Settings of the pipe a command creates ({@code run}, {@code pipe create}, {@code terraform}): the
 * flags of the {@link ConfigKey#PIPE_CREATION} keys and the pipe's polling interval. A flag beats
 * the environment and the env file.
 */
public final class PipeCreationOptions {
    @Option(
            names = "--managed-table",
            description = "CLICKPIPE_MANAGED_TABLE: ClickPipes creates the destination table (managedTable: true,"
                    + " MergeTree ordered by file_id, row_id) instead of cpcheck creating it before the pipe.")
    Boolean managedTable;

    @Option(
            names = "--polling-interval",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "object_storage_polling_interval_ms of the created pipe, 100ms to 1h"
                    + " (default 500ms local, 5s cloud).")
    Duration pollingInterval;

    /**
     * Checks the values of the flags; commands call it before anything starts.
     *
     * @throws IllegalArgumentException naming the flag when a value is out of range
     */
    public void check() {
        if (pollingInterval != null) {
            Limits.checkPollingInterval("--polling-interval", pollingInterval);
        }
    }

    /** Applies the flags that were given to the engine builder (checked first). */
    public CheckpointEngine.Builder apply(CheckpointEngine.Builder builder) {
        check();
        if (managedTable != null) {
            builder.managedTable(managedTable);
        }
        if (pollingInterval != null) {
            builder.pipePollingInterval(pollingInterval);
        }
        return builder;
    }

    /** The polling interval asked for with {@code --polling-interval}, if any. */
    public Optional<Duration> pollingInterval() {
        return Optional.ofNullable(pollingInterval);
    }

    /** Whether ClickPipes creates the table: the flag, else the setting of {@code config}. */
    public boolean managedTable(CpcheckConfig config) {
        return managedTable != null
                ? managedTable
                : Boolean.parseBoolean(
                        config.get(ConfigKey.CLICKPIPE_MANAGED_TABLE).orElse("false"));
    }
}
