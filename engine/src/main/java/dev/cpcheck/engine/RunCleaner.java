package dev.cpcheck.engine;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryWriter;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.port.DestinationSpec;
import dev.cpcheck.core.port.SourceFixture;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.validation.ClickHouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes what a stored run left behind, as its history records; appends what it did. */
final class RunCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(RunCleaner.class);

    private final CheckpointEngine engine;

    RunCleaner(CheckpointEngine engine) {
        this.engine = engine;
    }

    CleanupReport cleanup(Path runDirectory) {
        Path historyFile = runDirectory.resolve(RunFolder.HISTORY);
        if (!Files.isRegularFile(historyFile)) {
            throw new CpcheckException(
                    runDirectory + " has no " + RunFolder.HISTORY + "; give the path of a run folder under runs/");
        }
        RunHistory history = RunHistory.read(historyFile);
        String runId =
                history.runId().orElseThrow(() -> new CpcheckException(historyFile + " does not say which run it is"));
        List<String> actions = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<CreatedResource> leftovers = history.leftoverResources();
        if (leftovers.isEmpty()) {
            actions.add("nothing left to clean up");
            return new CleanupReport(runId, actions, failed);
        }
        // Pipe first (it writes into the table and reads the files), then table, then files.
        List<CreatedResource> ordered = new ArrayList<>();
        for (String kind : List.of(CreatedResource.PIPE, CreatedResource.TABLE, CreatedResource.SOURCE_PREFIX)) {
            leftovers.stream().filter(r -> r.kind().equals(kind)).forEach(ordered::add);
        }
        try (HistoryWriter writer = HistoryWriter.open(historyFile)) {
            for (CreatedResource r : ordered) {
                try {
                    String outcome = remove(runId, r);
                    writer.record(
                            EventType.RESOURCE_CLEANUP,
                            null,
                            Map.of("kind", r.kind(), "id", r.id(), "ok", true, "by", "cleanup"));
                    actions.add(r.kind() + " " + r.id() + ": " + outcome);
                } catch (RuntimeException e) {
                    writer.record(
                            EventType.RESOURCE_CLEANUP,
                            null,
                            Map.of(
                                    "kind",
                                    r.kind(),
                                    "id",
                                    r.id(),
                                    "ok",
                                    false,
                                    "error",
                                    String.valueOf(e.getMessage()),
                                    "by",
                                    "cleanup"));
                    failed.add(r.kind() + " " + r.id() + ": " + e.getMessage());
                    LOG.warn("cleanup of {} {} failed: {}", r.kind(), r.id(), e.getMessage());
                }
            }
        }
        return new CleanupReport(runId, actions, failed);
    }

    private String remove(String runId, CreatedResource r) {
        switch (r.kind()) {
            case CreatedResource.PIPE -> {
                engine.pipeControl().delete(r.id());
                return "deleted";
            }
            case CreatedResource.TABLE -> {
                int dot = r.id().indexOf('.');
                DestinationSpec spec = new DestinationSpec(r.id().substring(0, dot), r.id().substring(dot + 1));
                new ClickHouseTable(engine.sql(), spec).drop();
                return "dropped";
            }
            case CreatedResource.SOURCE_PREFIX -> {
                try (SourceFixture source =
                        engine.sourceProvider().create(new SourceContext(runId, engine.sourceConfig()))) {
                    String expected = source.bucket() + "/" + source.prefix();
                    if (!expected.equals(r.id())) {
                        throw new CpcheckException("the run wrote to " + r.id() + " but the current settings point at "
                                + expected + "; run cleanup with the run's S3_BUCKET and S3_PREFIX");
                    }
                    int n = source.deleteAll();
                    return n + " objects deleted";
                }
            }
            default -> throw new CpcheckException("unknown resource kind " + r.kind());
        }
    }
}
