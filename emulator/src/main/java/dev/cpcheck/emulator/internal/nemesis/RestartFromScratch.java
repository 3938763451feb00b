package dev.cpcheck.emulator.internal.nemesis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A resume forgets the checkpoint: every file of the source is ingested again (duplicates). */
final class RestartFromScratch implements Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(RestartFromScratch.class);

    @Override
    public String id() {
        return "restart-from-scratch";
    }

    @Override
    public boolean breaksCheckpointOnResume() {
        return true;
    }

    @Override
    public void onResume(ResumeContext context) {
        String forgotten = context.checkpointKey();
        context.moveCheckpoint(null);
        LOG.warn("ClickPipe {} fault {}: checkpoint {} forgotten", context.pipeId(), id(), forgotten);
    }
}
