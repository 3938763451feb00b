package dev.cpcheck.engine.terraform;

import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.engine.CheckpointEngine;
import java.util.Map;
import java.util.Objects;

/**
 * A pipe made outside cpcheck (with Terraform) that runs adopt with {@code --pipe-id}: it reads every
 * run's files under the configured prefix ({@code <S3_PREFIX>/**.<ext>}), so each adopting run,
 * which writes under {@code <S3_PREFIX>/<run id>/}, is covered, and it writes one fixed table that
 * the runs share (each run's rows carry its run id).
 *
 * <pre>{@code
 * PipeSpec spec = SharedPipe.spec(config, RunnerConfig.cloudDefaults().effectivePipeSettings(),
 *         "cpcheck_terraform", FileFormat.JSON_EACH_ROW, Compression.NONE);
 * TerraformConfig.of(spec).write(Path.of("tf"));
 * }</pre>
 *
 * <p>It needs only the bucket settings and the database: no ClickHouse host and no API key, which
 * Terraform does not need either.
 */
public final class SharedPipe {
    /** Default name of the shared destination table. */
    public static final String DEFAULT_TABLE = "cpcheck_terraform";

    private SharedPipe() {}

    /** The spec of a shared pipe for this engine's source and ClickHouse database. */
    public static PipeSpec spec(CheckpointEngine engine, String table, FileFormat format, Compression compression) {
        return spec(
                engine.sourceProvider(),
                engine.sourceConfig(),
                engine.endpoints().database(),
                engine.runnerConfig().effectivePipeSettings(),
                table,
                format,
                compression);
    }

    /**
     * The spec of a shared pipe from the settings alone: the S3 source of {@code config}
     * ({@code S3_BUCKET}, {@code S3_PREFIX}, {@code S3_ENDPOINT}, the access key or role) and its
     * {@code CLICKHOUSE_DATABASE}.
     */
    public static PipeSpec spec(
            CpcheckConfig config,
            Map<String, Object> pipeSettings,
            String table,
            FileFormat format,
            Compression compression) {
        return spec(
                ProviderRegistry.sourceProviders().get("s3"),
                config.asMap(),
                config.get(ConfigKey.CLICKHOUSE_DATABASE).orElse("default"),
                pipeSettings,
                table,
                format,
                compression);
    }

    private static PipeSpec spec(
            SourceProvider provider,
            Map<String, String> sourceConfig,
            String database,
            Map<String, Object> pipeSettings,
            String table,
            FileFormat format,
            Compression compression) {
        Objects.requireNonNull(table, "table");
        String runId = RunIds.newRunId();
        try (SourceFixture source = provider.create(new SourceContext(runId, sourceConfig))) {
            SourceSpec run = source.pipeSource(format.clickHouseName(), compression.id(), true);
            String marker = "/" + runId + "/";
            int at = run.url().indexOf(marker);
            if (at < 0) {
                throw new IllegalStateException("the source URL " + run.url() + " does not contain the run prefix");
            }
            // <prefix>/<run id>/*.json becomes <prefix>/**.json: every run's files, at any depth
            String rest = run.url().substring(at + marker.length());
            String url = run.url().substring(0, at + 1) + (rest.startsWith("*") ? "*" + rest : "**/" + rest);
            SourceSpec shared = new SourceSpec(run.type(), url, run.format(), run.compression(), true, run.auth());
            DestinationSpec destination = new DestinationSpec(database, table);
            return new PipeSpec(
                    "cpcheck-" + table.replace('_', '-'), shared, destination, RowSchema.fieldMappings(), pipeSettings);
        }
    }
}
