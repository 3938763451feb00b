package dev.cpcheck.emulator.internal.nemesis;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A resume jumps the checkpoint past every file written while stopped: they are never ingested (loss). */
final class SkipPausedFiles implements Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(SkipPausedFiles.class);

    @Override
    public String id() {
        return "skip-paused-files";
    }

    @Override
    public boolean breaksCheckpointOnResume() {
        return true;
    }

    @Override
    public void onResume(ResumeContext context) throws InterruptedException {
        List<String> waiting = context.keysAboveCheckpoint();
        if (waiting.isEmpty()) {
            return;
        }
        String last = waiting.get(waiting.size() - 1);
        String from = context.checkpointKey();
        context.moveCheckpoint(last);
        LOG.warn(
                "ClickPipe {} fault {}: checkpoint moved from {} to {}, skipping {} files",
                context.pipeId(),
                id(),
                from,
                last,
                waiting.size());
    }
}
