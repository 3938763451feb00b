package dev.cpcheck.emulator.internal.nemesis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unordered mode: a resume drops the first event that reached the queue while the pipe was paused,
 * so that file is never ingested (loss). A pipe in key order has no events: nothing happens.
 */
final class LoseEventWhilePaused implements Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(LoseEventWhilePaused.class);

    @Override
    public String id() {
        return "lose-event-while-paused";
    }

    @Override
    public boolean breaksCheckpointOnResume() {
        return true;
    }

    @Override
    public void onResume(ResumeContext context) {
        if (!context.unordered() || context.stoppedAt() == null) {
            return;
        }
        context.dropFirstEventSentSince(context.stoppedAt());
        LOG.warn(
                "ClickPipe {} fault {}: the first event sent since the stop at {} will be dropped",
                context.pipeId(),
                id(),
                context.stoppedAt());
    }
}
