package dev.cpcheck.core.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

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
 * @param digest           the file's {@link RowDigest content digest} as it lands (sum of its rows'
 *                         digests, unsigned decimal), or {@code null} when not recorded (manifests
 *                         of older versions, sources that record none)
 * @param seed             seed of the {@link RowGenerator} the rows came from, or {@code null}
 * @param payloadBytes     payload length of every row, or {@code null}; with {@code seed} and the
 *                         manifest's run id it lets a check regenerate every row of the file
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
        Expectation expectation,
        String digest,
        Long seed,
        Integer payloadBytes) {

    public ManifestFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        if (fileName == null) {
            fileName = key.substring(key.lastIndexOf('/') + 1);
        }
        expectation = expectation == null ? Expectation.INGEST : expectation;
        if (digest != null) {
            RowDigest.parse(digest); // an unreadable digest is refused when read, not when judged
        }
    }

    /** A file without a recorded digest (as manifests of earlier versions have them). */
    public ManifestFile(
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
        this(
                key,
                fileName,
                fileId,
                phase,
                rows,
                bytes,
                etag,
                sha256,
                uploadStartedAt,
                uploadFinishedAt,
                outcome,
                error,
                expectation,
                null,
                null,
                null);
    }

    /** The same file with another expectation. */
    public ManifestFile withExpectation(Expectation newExpectation) {
        return new ManifestFile(
                key,
                fileName,
                fileId,
                phase,
                rows,
                bytes,
                etag,
                sha256,
                uploadStartedAt,
                uploadFinishedAt,
                outcome,
                error,
                newExpectation,
                digest,
                seed,
                payloadBytes);
    }

    /** The same file with its content recorded: the digest and what regenerates its rows. */
    public ManifestFile withContent(long fileDigest, Long generatorSeed, Integer rowPayloadBytes) {
        return new ManifestFile(
                key,
                fileName,
                fileId,
                phase,
                rows,
                bytes,
                etag,
                sha256,
                uploadStartedAt,
                uploadFinishedAt,
                outcome,
                error,
                expectation,
                RowDigest.format(fileDigest),
                generatorSeed,
                rowPayloadBytes);
    }

    /** The recorded digest as a number (wrapping 64 bits), if there is one. */
    @JsonIgnore
    public OptionalLong digestValue() {
        return digest == null ? OptionalLong.empty() : OptionalLong.of(RowDigest.parse(digest));
    }

    /** Whether a check can regenerate the file's rows (seed, payload length and phase recorded). */
    @JsonIgnore
    public boolean regenerable() {
        return seed != null && payloadBytes != null && phase != null;
    }

    /** Acknowledged and expected to be ingested: the files the pipe owes us. */
    @JsonIgnore
    public boolean isExpected() {
        return outcome == UploadOutcome.OK && expectation == Expectation.INGEST;
    }
}
