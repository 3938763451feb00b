package dev.cpcheck.core.result;

/** How the run itself went, independent of what the checks found. */
public enum RunStatus {
    /** Every step ran. */
    COMPLETED,
    /** A wait ran out of time (ingestion or a state change did not happen in time). */
    TIMED_OUT,
    /** The run was interrupted (Ctrl-C, shutdown). */
    INTERRUPTED,
    /** The pipe entered Failed or InternalError. */
    PIPE_FAILED,
    /** The cloud API, S3 or ClickHouse failed. */
    INFRASTRUCTURE_ERROR
}
