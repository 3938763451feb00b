package dev.cpcheck.emulator.internal.pipe;

/** What moves a pipe from one {@link dev.cpcheck.core.spi.PipeState} to another ({@link PipeLifecycle}). */
public enum PipeEvent {
    /** The provisioning delay after a create or a start has passed. */
    PROVISIONED,
    /** The {@code stop} command. */
    STOP,
    /** A stopping pipe has no batch in flight any more. */
    DRAINED,
    /** The {@code start} command. */
    START,
    /** An ingestion attempt failed and will be retried. */
    ATTEMPT_FAILED,
    /** An ingestion attempt succeeded. */
    ATTEMPT_SUCCEEDED,
    /** Ingestion failed as many times as the pipe tries. */
    FAILED,
    /** The worker met an error that is not ClickHouse's nor the source's. */
    INTERNAL_ERROR,
    /** A one-shot pipe ingested every matching file. */
    SOURCE_EXHAUSTED
}
