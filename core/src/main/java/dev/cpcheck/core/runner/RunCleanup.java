package dev.cpcheck.core.runner;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.ResourceIntent;
import dev.cpcheck.core.runner.RunRecorder.PipeCommand;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Healing and cleanup of a run, as its history records what it made: resume a pipe the run
 * paused, then remove the pipe, the table and the files it created.
 */
final class RunCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(RunCleanup.class);

    private final RunSession s;

    RunCleanup(RunSession session) {
        this.s = session;
    }

    Optional<ResourceRemoval> resumeIfPaused() {
        String pipeId = s.state().pipeId().orElse(null);
        if (pipeId == null || !s.pausedByRun) {
            return Optional.empty();
        }
        try {
            s.recorder.pipeCommandSent(null, PipeCommand.START, pipeId, true);
            s.pipes.resume(pipeId);
            s.pausedByRun = false;
            return Optional.of(new ResourceRemoval("resume pipe", pipeId, true, "resumed"));
        } catch (RuntimeException e) {
            LOG.error("run {}: could not resume pipe {}; it may still be paused: {}", s.runId, pipeId, e.getMessage());
            return Optional.of(new ResourceRemoval("resume pipe", pipeId, false, String.valueOf(e.getMessage())));
        }
    }

    /**
     * Pipe first (it writes into the table and reads the files), then the table, then the files;
     * before that, what the run announced and never confirmed is looked for under its name.
     */
    List<ResourceRemoval> removeLeftovers(String by) {
        List<ResourceRemoval> done = new ArrayList<>(settleIntents(by));
        List<CreatedResource> leftovers = s.state().openResources();
        for (String kind : List.of(CreatedResource.PIPE, CreatedResource.TABLE, CreatedResource.SOURCE_PREFIX)) {
            for (CreatedResource r : leftovers) {
                if (r.kind().equals(kind)) {
                    done.add(remove(r, by));
                }
            }
        }
        return done;
    }

    /**
     * Each {@code resource-intent} without its {@code resource-created}: the create request may
     * have taken effect although its answer never came. A pipe is looked up by its name, the run's
     * own table (named after the run) and prefix are taken as existing (dropping and deleting them
     * is harmless when they do not); what is found becomes the run's and is removed below with the rest.
     */
    private List<ResourceRemoval> settleIntents(String by) {
        List<ResourceRemoval> settled = new ArrayList<>();
        for (ResourceIntent intent : s.state().unconfirmedIntents()) {
            try {
                switch (intent.kind()) {
                    case CreatedResource.PIPE -> {
                        List<PipeInfo> found = s.pipes.findByName(intent.name());
                        if (found.isEmpty()) {
                            s.recorder.intentFoundNothing(null, intent.kind(), intent.name(), by);
                            settled.add(new ResourceRemoval(
                                    intent.kind(), intent.name(), true, "never created (no pipe of that name)"));
                        }
                        for (PipeInfo p : found) {
                            LOG.info("run {}: found pipe {} by its name {}", s.runId, p.id(), intent.name());
                            s.recorder.resourceFoundByName(null, CreatedResource.PIPE, p.id(), intent.name());
                        }
                    }
                    case CreatedResource.TABLE -> {
                        DestinationSpec table = RunRecorder.parseTableId(intent.name());
                        if (table != null && table.table().equals(RunIds.tableName(s.runId))) {
                            s.recorder.resourceFoundByName(null, intent.kind(), intent.name(), intent.name());
                        } else {
                            // a table of another name may have existed before the run: never dropped
                            s.recorder.intentFoundNothing(null, intent.kind(), intent.name(), by);
                            settled.add(new ResourceRemoval(
                                    intent.kind(), intent.name(), true, "left alone (it may predate the run)"));
                        }
                    }
                    case CreatedResource.SOURCE_PREFIX ->
                        s.recorder.resourceFoundByName(null, intent.kind(), intent.name(), intent.name());
                    default -> LOG.warn("run {}: unknown resource kind {} in the history", s.runId, intent.kind());
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "run {}: could not look for {} {}: {}", s.runId, intent.kind(), intent.name(), e.getMessage());
                settled.add(new ResourceRemoval(intent.kind(), intent.name(), false, String.valueOf(e.getMessage())));
            }
        }
        return settled;
    }

    private ResourceRemoval remove(CreatedResource r, String by) {
        try {
            String outcome = removeNow(r);
            s.recorder.resourceRemoved(null, r.kind(), r.id(), by, Map.of());
            return new ResourceRemoval(r.kind(), r.id(), true, outcome);
        } catch (RuntimeException e) {
            s.recorder.resourceRemovalFailed(null, r.kind(), r.id(), by, e.getMessage());
            LOG.error(
                    "run {}: cleanup of {} {} failed: {} (run `cpcheck cleanup --run {}` to retry)",
                    s.runId,
                    r.kind(),
                    r.id(),
                    e.getMessage(),
                    s.runDirectory);
            return new ResourceRemoval(r.kind(), r.id(), false, String.valueOf(e.getMessage()));
        }
    }

    private String removeNow(CreatedResource r) {
        switch (r.kind()) {
            case CreatedResource.PIPE -> {
                s.pipes.delete(r.id());
                return "deleted";
            }
            case CreatedResource.TABLE -> {
                DestinationSpec spec = RunRecorder.parseTableId(r.id());
                if (spec == null) {
                    throw new CpcheckException("the history names table '" + r.id() + "', which is not db.table");
                }
                s.destinations.apply(spec).drop();
                return "dropped";
            }
            case CreatedResource.SOURCE_PREFIX -> {
                String expected = s.sourcePrefixId();
                if (!expected.equals(r.id())) {
                    throw new CpcheckException("the run wrote to " + r.id() + " but the current settings point at "
                            + expected + "; run cleanup with the run's S3_BUCKET and S3_PREFIX");
                }
                return s.source().deleteAll() + " objects deleted";
            }
            default -> throw new CpcheckException("unknown resource kind " + r.kind());
        }
    }
}
