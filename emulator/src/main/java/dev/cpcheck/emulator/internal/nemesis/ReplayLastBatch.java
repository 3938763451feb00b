package dev.cpcheck.emulator.internal.nemesis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A resume ingests the last batch before the stop once more (duplicates of that batch). */
final class ReplayLastBatch implements Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayLastBatch.class);

    @Override
    public String id() {
        return "replay-last-batch";
    }

    @Override
    public boolean breaksCheckpointOnResume() {
        return true;
    }

    @Override
    public void onResume(ResumeContext context) {
        if (context.lastBatch().isEmpty()) {
            return;
        }
        context.queueReplay(context.lastBatch());
        LOG.warn(
                "ClickPipe {} fault {}: the last batch ({} files) is queued again",
                context.pipeId(),
                id(),
                context.lastBatch().size());
    }
}
