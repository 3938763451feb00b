package dev.cpcheck.engine;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.runner.AdoptedPipes;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.runner.ScenarioRunner;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.engine.internal.EngineParts;
import dev.cpcheck.validation.ValidationEngine;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run that has an id and a folder but has not started: callers can prepare (e.g. log into the
 * folder) before {@link #execute()}.
 */
public final class RunPlan {
    private final CheckpointEngine engine;
    private final Scenario scenario;
    private final String runId;
    private final Path runDirectory;
    private final RunnerConfig settings;

    RunPlan(CheckpointEngine engine, Scenario scenario, String runId, Path runDirectory, RunnerConfig settings) {
        this.engine = engine;
        this.scenario = scenario;
        this.runId = runId;
        this.runDirectory = runDirectory;
        this.settings = settings;
    }

    public String runId() {
        return runId;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * Runs the scenario and writes the run folder. Failures of the run (timeouts, the pipe, the
     * infrastructure) become the report's status and verdict.
     *
     * @throws ConfigException when an adopted pipe cannot be used for this run
     * @throws RuntimeException from {@link CheckpointEngine#checkAccess()}, before anything is written
     */
    public RunReport execute() {
        engine.checkAccess();
        RunFolder.create(runDirectory);
        EngineParts parts = engine.parts();
        DestinationSpec destination = RunIds.table(parts.database(), runId);
        SourceProvider provider = parts.sourceProvider(scenario.sourceProvider());
        SourceFixture source = parts.newSource(runId, provider);
        try {
            if (settings.adoptPipeId() != null) {
                // the pipe's table is the run's: known before the table is prepared and config.json written
                PipeInfo pipe = parts.pipeControl().adopt(settings.adoptPipeId());
                destination = AdoptedPipes.requireUsable(pipe, source, scenario.fixtures());
            }
            writeConfig(destination);
            try (ValidationEngine validator = parts.newValidator()) {
                ScenarioRunner.Builder runner = ScenarioRunner.builder()
                        .source(source)
                        .pipes(parts.pipeControl())
                        .hazards(parts.hazards())
                        .destination(
                                settings.adoptPipeId() == null
                                        ? parts.destination(destination, runId)
                                        : parts.adoptedDestination(destination, runId))
                        .validator(validator)
                        .config(settings)
                        .runId(runId)
                        .runDirectory(runDirectory)
                        .configSummary(configSummary(destination));
                parts.listeners().forEach(runner::listener);
                RunReport report = runner.build().run(scenario);
                RunFolder.writeReports(report, RunHistory.read(runDirectory.resolve(RunFolder.HISTORY)), runDirectory);
                return report;
            }
        } finally {
            // An interrupted run (Ctrl-C) still closes its S3 client cleanly; the flag is kept for the caller.
            boolean interrupted = Thread.interrupted();
            try {
                source.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Map<String, Object> configSummary(DestinationSpec destination) {
        return RunFolder.configSummary(engine, destination, engine.parts().sourceProvider(scenario.sourceProvider()));
    }

    private void writeConfig(DestinationSpec destination) {
        Map<String, Object> m = configSummary(destination);
        m.put("runId", runId);
        m.put("scenario", Json.mapper().convertValue(scenario, Map.class));
        m.put("runner", Json.mapper().convertValue(settings, Map.class));
        RunFolder.writeConfig(runDirectory, m);
    }
}
