package dev.cpcheck.core.history;

import java.util.Map;

/**
 * Where a run's events go: {@link HistoryWriter} for a run in one process, or a history file that
 * several processes append to in turn (a run driven step by step). {@link dev.cpcheck.core.runner.RunRecorder} writes
 * through it with typed methods.
 */
public interface HistorySink {

    /**
     * Appends an event now.
     *
     * @param type event type, see {@link EventType}
     * @param step scenario step index, or {@code null}
     * @param data event data; JSON-serialisable, without secrets
     * @return the event as written
     */
    HistoryEvent record(String type, Integer step, Map<String, ?> data);

    /** Every event recorded so far, this process's and (for a shared file) the others'. */
    RunHistory snapshot();
}
