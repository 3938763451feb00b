package dev.cpcheck.engine;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.RunState;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.runner.ResourceRemoval;
import dev.cpcheck.core.runner.RunRecorder;
import dev.cpcheck.core.runner.StepExecutor;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.engine.internal.EngineParts;
import dev.cpcheck.engine.steps.internal.SharedHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what a stored run left behind, as its history records, through the same executor that
 * ran it; appends what it did to the history. What the run announced ({@code resource-intent})
 * and never confirmed is looked for under its name first: a run cut off while a create request
 * was in flight may have left a pipe whose id it never learnt.
 */
final class RunCleaner {
    private RunCleaner() {}

    static CleanupReport cleanup(EngineParts parts, Path runDirectory) {
        Path historyFile = runDirectory.resolve(RunFolder.HISTORY);
        if (!Files.isRegularFile(historyFile)) {
            throw new CpcheckException(
                    runDirectory + " has no " + RunFolder.HISTORY + "; give the path of a run folder under runs/");
        }
        SharedHistory history = new SharedHistory(historyFile, Clock.systemUTC(), parts.listeners());
        RunState state = RunState.of(history.snapshot());
        String runId =
                state.runId().orElseThrow(() -> new CpcheckException(historyFile + " does not say which run it is"));
        if (state.openResources().isEmpty() && state.unconfirmedIntents().isEmpty()) {
            return new CleanupReport(runId, List.of("nothing left to clean up"), List.of());
        }
        DestinationSpec runTable = RunRecorder.destinationOf(state, parts.database());
        Path manifestFile = runDirectory.resolve(RunFolder.MANIFEST);
        Manifest manifest = Files.isRegularFile(manifestFile)
                ? Manifest.read(manifestFile)
                : Manifest.start(runId, parts.sourceProvider().id(), "", "", "", "", null);
        // the run's files are removed through the provider that wrote them
        String providerId = RunFolder.sourceProviderOf(runDirectory)
                .orElse(manifest.source() == null || manifest.source().isBlank() ? null : manifest.source());
        List<String> actions = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (StepExecutor run = parts.executor(
                        runId,
                        runDirectory,
                        fixtures(state),
                        runTable,
                        history,
                        manifest,
                        parts.sourceProvider(providerId))
                .build()) {
            for (ResourceRemoval r : run.removeLeftovers("cleanup")) {
                (r.ok() ? actions : failed).add(r.kind() + " " + r.id() + ": " + r.outcome());
            }
        }
        return new CleanupReport(runId, actions, failed);
    }

    /** The run's fixture settings when it recorded them (a cleanup writes no files: defaults do). */
    private static FixtureSettings fixtures(RunState state) {
        if (state.options().isEmpty()) {
            return FixtureSettings.defaults();
        }
        try {
            return Json.mapper().convertValue(state.options(), FixtureSettings.class);
        } catch (IllegalArgumentException e) {
            return FixtureSettings.defaults();
        }
    }
}
