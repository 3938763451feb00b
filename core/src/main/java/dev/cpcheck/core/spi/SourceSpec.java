package dev.cpcheck.core.spi;

import java.util.Objects;

/**
 * What a pipe reads: the object-storage source of a ClickPipe.
 *
 * @param type        ClickPipes source type: {@code s3}, {@code gcs}, {@code cloudflarer2}, ...
 * @param url         URL glob covering exactly the run's files
 * @param format      ClickHouse format name, e.g. {@code JSONEachRow}
 * @param compression ClickPipes compression id, e.g. {@code none}, {@code gzip}
 * @param continuous      continuous mode rather than one-shot
 * @param auth            how the pipe authenticates to the bucket
 * @param queueUrl        unordered mode: the SQS queue that announces new files ({@code queueUrl}),
 *                        or {@code null} for continuous mode in key order
 * @param skipInitialLoad unordered mode: ingest only the files the queue announces, none that were
 *                        in the bucket before ({@code skipInitialLoad})
 */
public record SourceSpec(
        String type,
        String url,
        String format,
        String compression,
        boolean continuous,
        SourceAuth auth,
        String queueUrl,
        boolean skipInitialLoad) {
    public SourceSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        compression = compression == null ? "none" : compression;
        auth = auth == null ? new SourceAuth.Public() : auth;
        queueUrl = queueUrl == null || queueUrl.isBlank() ? null : queueUrl;
        if (skipInitialLoad && queueUrl == null) {
            throw new IllegalArgumentException("skipInitialLoad needs a queueUrl (unordered mode)");
        }
    }

    /** A source read in key order (no queue). */
    public SourceSpec(String type, String url, String format, String compression, boolean continuous, SourceAuth auth) {
        this(type, url, format, compression, continuous, auth, null, false);
    }

    /** The same source read in unordered mode from {@code queueUrl}. */
    public SourceSpec withQueue(String url, boolean skipInitial) {
        return new SourceSpec(type, this.url, format, compression, continuous, auth, url, skipInitial);
    }

    /** Whether the pipe reads a queue of events (unordered mode) rather than listing keys in order. */
    public boolean unordered() {
        return queueUrl != null;
    }
}
