package dev.cpcheck.core.history;

/** Event types of the history. Values are the {@code type} strings in history.jsonl. */
public final class EventType {
    /** Data: runId, scenario, config (secrets masked). */
    public static final String RUN_STARTED = "run-started";
    /** Data: status, verdict, reason. */
    public static final String RUN_FINISHED = "run-finished";
    /** Data: kind, description. */
    public static final String STEP_STARTED = "step-started";
    /** Data: kind, durationMs. */
    public static final String STEP_FINISHED = "step-finished";
    /** Data: kind, error, errorType. */
    public static final String STEP_FAILED = "step-failed";
    /** Data: phase, count, ok, failed, indeterminate, firstKey, lastKey, rows. */
    public static final String FILES_WRITTEN = "files-written";
    /**
     * Data: kind (pipe, table, source-prefix), name (pipe name, db.table, bucket/prefix). Recorded
     * just before the request that creates the resource, so a run cut off while the request is in
     * flight still says what it may have created.
     */
    public static final String RESOURCE_INTENT = "resource-intent";
    /**
     * Data: kind (pipe, table, source-prefix), id, adopted; pipes also name, sourceUrl, state,
     * destination, and in unordered mode queueUrl, queueRetentionMs, skipInitialLoad.
     */
    public static final String RESOURCE_CREATED = "resource-created";
    /** Data: kind, id, ok, error, by (run, steps, cleanup); deleted (files). */
    public static final String RESOURCE_CLEANUP = "resource-cleanup";
    /** Data: command (stop, start), pipeId, cleanup (a start sent by the run's cleanup). Time: when it was sent. */
    public static final String PIPE_COMMAND = "pipe-command";
    /** Data: pipeId, state, attempt, elapsedMs. */
    public static final String STATE_POLL = "state-poll";
    /** Data: pipeId, state. The first poll that saw Stopped after a stop command. */
    public static final String PAUSE_CONFIRMED = "pause-confirmed";
    /** Data: files, rows, lastFile, attempt, elapsedMs, purpose. */
    public static final String COUNT_POLL = "count-poll";
    /** Data: label, offsetMs, uncertaintyMs, serverTime. */
    public static final String CLOCK_OFFSET = "clock-offset";
    /** Data: what, timeoutMs, lastObserved. */
    public static final String WAIT_TIMED_OUT = "wait-timed-out";
    /** Data: verdict, checks (id → status). */
    public static final String VALIDATION_FINISHED = "validation-finished";
    /**
     * Data: queueUrl. Unordered mode: the source's queue held no event the pipe had not taken, and
     * every file whose event it took had landed (or never would): a file written before this and
     * not in the table was lost.
     */
    public static final String EVENTS_DRAINED = "events-drained";
    /** Data: message. */
    public static final String NOTE = "note";

    private EventType() {}
}
