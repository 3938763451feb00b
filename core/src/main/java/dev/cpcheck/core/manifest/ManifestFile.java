package dev.cpcheck.core.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One fixture file as written to the source.
 *
 * @param key              full object key
 * @param fileName         last path segment of the key: what ClickHouse's {@code _file} gives
 * @param fileId           the {@code file_id} of every row in the file
 * @param phase            phase label of every row, e.g. {@code initial}, {@code paused}
 * @param rows             rows written
 * @param bytes            size of the object as stored (after compression)
 * @param etag             ETag the store returned, when acknowledged
 * @param sha256           SHA-256 of the stored bytes (hex)
 * @param uploadStartedAt  when the upload request was started
 * @param uploadFinishedAt when the store answered (or the attempt ended)
 * @param outcome          upload outcome
 * @param error            why the upload failed, when it did
 * @param expectation      what the pipe should do with the file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestFile(
        String key,
        String fileName,
        long fileId,
        String phase,
        long rows,
        long bytes,
        String etag,
        String sha256,
        Instant uploadStartedAt,
        Instant uploadFinishedAt,
        UploadOutcome outcome,
        String error,
        Expectation expectation) {

    public ManifestFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        if (fileName == null) {
            fileName = key.substring(key.lastIndexOf('/') + 1);
        }
        expectation = expectation == null ? Expectation.INGEST : expectation;
    }

    /** Acknowledged and expected to be ingested: the files the pipe owes us. */
    @JsonIgnore
    public boolean isExpected() {
        return outcome == UploadOutcome.OK && expectation == Expectation.INGEST;
    }
}
