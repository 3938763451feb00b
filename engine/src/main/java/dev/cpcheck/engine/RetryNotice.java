package dev.cpcheck.engine;

/**
 * A retry as it happens: a part of the run (the ClickPipes API, ClickHouse) failed in a way that
 * may heal and the engine tries again, instead of waiting in silence. Give a listener to
 * {@link CheckpointEngine.Builder#retryListener}; the CLI prints each one.
 *
 * @param part        {@code clickpipes-api} or {@code clickhouse}
 * @param description one line without secrets, e.g. {@code GET /v1/...: attempt 1 of 8 failed
 *                    (HTTP 503 SERVICE_UNAVAILABLE); retrying in 1.0 s}
 */
public record RetryNotice(String part, String description) {}
