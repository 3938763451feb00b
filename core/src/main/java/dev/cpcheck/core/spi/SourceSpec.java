package dev.cpcheck.core.spi;

import java.util.Objects;

/**
 * What a pipe reads: the object-storage source of a ClickPipe.
 *
 * @param type               ClickPipes source type: {@code s3}, {@code gcs}, {@code azureblobstorage}, ...
 * @param url                URL glob covering exactly the run's files; for Azure Blob Storage, which
 *                           the API addresses by container and path instead, a descriptive
 *                           {@code <blob endpoint>/<container>/<path>}
 * @param format             ClickHouse format name, e.g. {@code JSONEachRow}
 * @param compression        ClickPipes compression id, e.g. {@code none}, {@code gzip}
 * @param continuous         continuous mode rather than one-shot
 * @param auth               how the pipe authenticates to the bucket
 * @param azureContainerName Azure Blob Storage only: the container ({@code azureContainerName})
 * @param path               Azure Blob Storage only: the glob inside the container ({@code path})
 * @param startAfter         skip keys up to and including this one during the initial load
 *                           ({@code startAfter}); {@code null} for none
 * @param skipInitialLoad    unordered mode only: ingest only the files the queue announces, none that
 *                           were in the bucket before ({@code skipInitialLoad}); {@code null} for
 *                           the service's default
 * @param queueUrl           unordered mode: the SQS queue that announces new files ({@code queueUrl}),
 *                           or {@code null} for continuous mode in key order
 */
public record SourceSpec(
        String type,
        String url,
        String format,
        String compression,
        boolean continuous,
        SourceAuth auth,
        String azureContainerName,
        String path,
        String startAfter,
        Boolean skipInitialLoad,
        String queueUrl) {
    /** ClickPipes source type of Azure Blob Storage. */
    public static final String AZURE_BLOB_STORAGE = "azureblobstorage";

    public SourceSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        compression = compression == null ? "none" : compression;
        auth = auth == null ? new SourceAuth.Public() : auth;
        if (type.equals(AZURE_BLOB_STORAGE) && (azureContainerName == null || path == null)) {
            throw new IllegalArgumentException("an azureblobstorage source needs azureContainerName and path");
        }
        queueUrl = queueUrl == null || queueUrl.isBlank() ? null : queueUrl;
    }

    /** A source addressed by its URL (every type but Azure Blob Storage), read in key order. */
    public SourceSpec(String type, String url, String format, String compression, boolean continuous, SourceAuth auth) {
        this(type, url, format, compression, continuous, auth, null, null, null, null, null);
    }

    /** An Azure Blob Storage source: container and path, with a descriptive URL. */
    public static SourceSpec azure(
            String url,
            String container,
            String path,
            String format,
            String compression,
            boolean continuous,
            SourceAuth auth) {
        return new SourceSpec(
                AZURE_BLOB_STORAGE, url, format, compression, continuous, auth, container, path, null, null, null);
    }

    /** Whether the API addresses this source by container and path rather than URL. */
    public boolean azure() {
        return type.equals(AZURE_BLOB_STORAGE);
    }

    /**
     * The same source with the initial-load options of the pipe ({@code startAfter},
     * {@code skipInitialLoad}); a {@code null} {@code skip} keeps the one this source has.
     */
    public SourceSpec withInitialLoad(String startAfterKey, Boolean skip) {
        return new SourceSpec(
                type,
                url,
                format,
                compression,
                continuous,
                auth,
                azureContainerName,
                path,
                startAfterKey,
                skip == null ? skipInitialLoad : skip,
                queueUrl);
    }

    /** The same source read in unordered mode from the queue {@code url}. */
    public SourceSpec withQueue(String url, boolean skipInitial) {
        return new SourceSpec(
                type,
                this.url,
                format,
                compression,
                continuous,
                auth,
                azureContainerName,
                path,
                startAfter,
                skipInitial ? Boolean.TRUE : skipInitialLoad,
                url);
    }

    /** Whether the pipe reads a queue of events (unordered mode) rather than listing keys in order. */
    public boolean unordered() {
        return queueUrl != null;
    }

    /** Whether the pipe skips its initial load ({@code skipInitialLoad} set to true). */
    public boolean skipsInitialLoad() {
        return Boolean.TRUE.equals(skipInitialLoad);
    }
}
