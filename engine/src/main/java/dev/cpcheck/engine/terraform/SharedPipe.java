package dev.cpcheck.engine.terraform;

import dev.cpcheck.core.port.DestinationSpec;
import dev.cpcheck.core.port.PipeSpec;
import dev.cpcheck.core.port.SourceFixture;
import dev.cpcheck.core.port.SourceSpec;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.engine.CheckpointEngine;
import java.util.Objects;

/**
 * A pipe made outside cpcheck (with Terraform) that runs adopt with {@code --pipe-id}: it reads every
 * run's files under the configured prefix ({@code <S3_PREFIX>/**.<ext>}), so each adopting run,
 * which writes under {@code <S3_PREFIX>/<run id>/}, is covered, and it writes one fixed table that
 * the runs share (each run's rows carry its run id).
 *
 * <pre>{@code
 * PipeSpec spec = SharedPipe.spec(engine, "cpcheck_terraform", FileFormat.JSON_EACH_ROW, Compression.NONE);
 * TerraformConfig.of(spec).write(Path.of("tf"));
 * }</pre>
 */
public final class SharedPipe {
    /** Default name of the shared destination table. */
    public static final String DEFAULT_TABLE = "cpcheck_terraform";

    private SharedPipe() {}

    /** The spec of a shared pipe for this engine's source and ClickHouse database. */
    public static PipeSpec spec(CheckpointEngine engine, String table, FileFormat format, Compression compression) {
        Objects.requireNonNull(table, "table");
        String runId = RunIds.newRunId();
        try (SourceFixture source = engine.sourceProvider().create(new SourceContext(runId, engine.sourceConfig()))) {
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
            DestinationSpec destination = new DestinationSpec(engine.endpoints().database(), table);
            return new PipeSpec(
                    "cpcheck-" + table.replace('_', '-'),
                    shared,
                    destination,
                    RowSchema.fieldMappings(),
                    engine.runnerConfig().effectivePipeSettings());
        }
    }
}
