package dev.cpcheck.engine.steps;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.history.RunState;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.runner.RunRecorder;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a step run's folder says of the run at its start, and what reopening it checks. */
final class StepRunFolder {
    private StepRunFolder() {}

    /** A step run as its folder describes it. */
    record Opened(String runId, FixtureSettings fixtures, DestinationSpec destination) {}

    /**
     * Reads a step run's folder.
     *
     * @throws CpcheckException when the folder is not a step run, or was started in another mode
     */
    static Opened read(CheckpointEngine engine, Path runDirectory) {
        Path historyFile = runDirectory.resolve(RunFolder.HISTORY);
        if (!Files.isRegularFile(historyFile)) {
            throw new CpcheckException(runDirectory + " is not a step run folder (no " + RunFolder.HISTORY
                    + "); run `cpcheck fixtures upload` first to start one");
        }
        RunState state = RunState.of(RunHistory.read(historyFile));
        if (state.runId().isEmpty() || state.options().isEmpty()) {
            throw new CpcheckException(runDirectory + " is not a step run (it was made by a full run); "
                    + "run `cpcheck fixtures upload` to start a step run");
        }
        String runId = state.runId().get();
        if (state.mode().isPresent() && !state.mode().get().equals(engine.mode().id())) {
            throw new CpcheckException(
                    "step run " + runId + " was started in " + state.mode().get() + " mode, but this is "
                            + engine.mode().id() + " mode; use the same mode, or clean it up");
        }
        FixtureSettings fixtures;
        try {
            fixtures = Json.mapper().convertValue(state.options(), FixtureSettings.class);
        } catch (IllegalArgumentException e) {
            throw new CpcheckException(historyFile + ": cannot read the run's options: " + e.getMessage(), e);
        }
        DestinationSpec destination =
                RunRecorder.destinationOf(state, engine.endpoints().database());
        return new Opened(runId, fixtures, destination);
    }

    /** What {@code run-started} of a step run records after the run id (secrets masked). */
    static Map<String, Object> startedEvent(
            CheckpointEngine engine, FixtureSettings fixtures, DestinationSpec destination) {
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("mode", engine.mode().id());
        started.put("kind", StepRun.SCENARIO_NAME);
        started.put("destination", RunRecorder.tableId(destination));
        started.put("options", Json.mapper().convertValue(fixtures, Map.class));
        started.put("runner", Json.mapper().convertValue(engine.runnerConfig(), Map.class));
        started.put("config", RunFolder.configSummary(engine, destination));
        return started;
    }

    /** Writes {@code config.json} of a step run (secrets masked). */
    static void writeConfig(
            CheckpointEngine engine,
            Path runDirectory,
            String runId,
            FixtureSettings fixtures,
            DestinationSpec destination) {
        Map<String, Object> config = RunFolder.configSummary(engine, destination);
        config.put("runId", runId);
        config.put("scenario", StepRun.SCENARIO_NAME);
        config.put("options", Json.mapper().convertValue(fixtures, Map.class));
        config.put("runner", Json.mapper().convertValue(engine.runnerConfig(), Map.class));
        RunFolder.writeConfig(runDirectory, config);
    }
}
