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
 * @param continuous         continuous (lexicographic) mode rather than one-shot
 * @param auth               how the pipe authenticates to the bucket
 * @param azureContainerName Azure Blob Storage only: the container ({@code azureContainerName})
 * @param path               Azure Blob Storage only: the glob inside the container ({@code path})
 * @param startAfter         skip keys up to and including this one during the initial load
 *                           ({@code startAfter}); {@code null} for none
 * @param skipInitialLoad    skip the initial load ({@code skipInitialLoad}, queue-based mode only);
 *                           {@code null} for the service's default
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
        Boolean skipInitialLoad) {
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
    }

    /** A source addressed by its URL (every type but Azure Blob Storage). */
    public SourceSpec(String type, String url, String format, String compression, boolean continuous, SourceAuth auth) {
        this(type, url, format, compression, continuous, auth, null, null, null, null);
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
                AZURE_BLOB_STORAGE, url, format, compression, continuous, auth, container, path, null, null);
    }

    /** Whether the API addresses this source by container and path rather than URL. */
    public boolean azure() {
        return type.equals(AZURE_BLOB_STORAGE);
    }

    /** The same source with the initial-load options of the pipe ({@code startAfter}, {@code skipInitialLoad}). */
    public SourceSpec withInitialLoad(String startAfterKey, Boolean skip) {
        return new SourceSpec(
                type, url, format, compression, continuous, auth, azureContainerName, path, startAfterKey, skip);
    }
}
