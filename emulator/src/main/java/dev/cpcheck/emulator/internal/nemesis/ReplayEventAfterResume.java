package dev.cpcheck.emulator.internal.nemesis;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resume takes one file of the last batch before the pause as if its event had come again and
 * had not been checked against the files already seen: that file is ingested a second time
 * (duplicates of one file).
 */
final class ReplayEventAfterResume implements Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayEventAfterResume.class);

    @Override
    public String id() {
        return "replay-event-after-resume";
    }

    @Override
    public boolean breaksCheckpointOnResume() {
        return true;
    }

    @Override
    public void onResume(ResumeContext context) {
        List<String> last = context.lastBatch();
        if (last.isEmpty()) {
            return;
        }
        String key = last.get(0);
        context.queueReplay(List.of(key));
        LOG.warn("ClickPipe {} fault {}: the event of {} is taken again", context.pipeId(), id(), key);
    }
}
