package dev.cpcheck.core.spi;

import java.util.Objects;

/**
 * What a pipe reads: the object-storage source of a ClickPipe.
 *
 * @param type        ClickPipes source type: {@code s3}, {@code gcs}, {@code cloudflarer2}, ...
 * @param url         URL glob covering exactly the run's files
 * @param format      ClickHouse format name, e.g. {@code JSONEachRow}
 * @param compression ClickPipes compression id, e.g. {@code none}, {@code gzip}
 * @param continuous  continuous (lexicographic) mode rather than one-shot
 * @param auth        how the pipe authenticates to the bucket
 */
public record SourceSpec(
        String type, String url, String format, String compression, boolean continuous, SourceAuth auth) {
    public SourceSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        compression = compression == null ? "none" : compression;
        auth = auth == null ? new SourceAuth.Public() : auth;
    }
}
