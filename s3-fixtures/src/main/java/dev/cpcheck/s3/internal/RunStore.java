package dev.cpcheck.s3.internal;

import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.s3.Fixtures;
import dev.cpcheck.s3.ForeignPrefixException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The run marker, listing and guarded deletion of a run prefix. Every SDK failure becomes an
 * {@link InfrastructureException} for component {@code s3}, with no secret in its message.
 */
public final class RunStore {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);
    /** DeleteObjects takes at most 1000 keys. */
    static final int DELETE_BATCH = 1000;

    private final S3AsyncClient client;
    private final String bucket;

    public RunStore(S3AsyncClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /** Writes the run marker {@code <run prefix>.cpcheck-run} holding the run id. Idempotent. */
    public void writeMarker(String runPrefix, String runId) {
        String key = Fixtures.markerKey(runPrefix);
        byte[] body = (runId + "\n").getBytes(StandardCharsets.UTF_8);
        call(
                "write the run marker s3://" + bucket + "/" + key,
                client.putObject(
                        b -> b.bucket(bucket)
                                .key(key)
                                .contentType("text/plain; charset=utf-8")
                                .contentLength((long) body.length),
                        AsyncRequestBody.fromBytes(body)));
    }

    /** The run id the marker of a prefix names, if the marker exists. */
    public Optional<String> readMarker(String runPrefix) {
        String key = Fixtures.markerKey(runPrefix);
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObject(
                            b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                    .join();
            return Optional.of(bytes.asUtf8String().trim());
        } catch (CompletionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof NoSuchKeyException || cause instanceof S3Exception s && s.statusCode() == 404) {
                return Optional.empty();
            }
            throw new InfrastructureException(
                    "s3",
                    "cannot read the run marker s3://" + bucket + "/" + key + ": " + Failures.describe(cause),
                    cause);
        }
    }

    /** Every key under a prefix, in lexicographic order (S3 lists in UTF-8 binary order). */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = call(
                    "list s3://" + bucket + "/" + prefix,
                    client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(t)));
            for (S3Object o : page.contents()) {
                keys.add(o.key());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        keys.sort(null);
        return keys;
    }

    /**
     * Deletes everything under a run prefix, page by page (each listing page of up to 1000 keys is
     * one DeleteObjects call, so memory does not grow with the number of files), the marker last so
     * an interrupted cleanup can be repeated, and aborts unfinished multipart uploads there.
     * Returns the number of objects deleted, marker excluded. A prefix without any object is
     * already clean: 0.
     *
     * @throws ForeignPrefixException if the prefix is not {@code .../<run id>/}, or holds objects
     *                                but no marker naming that run id; nothing is deleted then
     */
    public int deleteRun(String runPrefix) {
        String runId = Fixtures.runIdOf(runPrefix)
                .orElseThrow(() -> new ForeignPrefixException(
                        runPrefix,
                        "refusing to delete under '" + runPrefix + "': not a run prefix (it must end with /<run id>/, "
                                + "a run id looks like 20261123-213000-3fa9c1)"));
        String markerKey = Fixtures.markerKey(runPrefix);
        Optional<String> marker = readMarker(runPrefix);
        if (marker.isEmpty()) {
            ListObjectsV2Response first = call(
                    "list s3://" + bucket + "/" + runPrefix,
                    client.listObjectsV2(b -> b.bucket(bucket).prefix(runPrefix).maxKeys(1)));
            if (first.contents().isEmpty()) {
                abortUploads(runPrefix);
                return 0;
            }
            throw new ForeignPrefixException(
                    runPrefix,
                    "refusing to delete under s3://" + bucket + "/" + runPrefix
                            + ": it holds objects but no run marker " + Fixtures.MARKER_NAME
                            + ", so cpcheck did not write this prefix; delete it yourself if it is really yours");
        }
        if (!marker.get().equals(runId)) {
            throw new ForeignPrefixException(
                    runPrefix,
                    "refusing to delete under s3://" + bucket + "/" + runPrefix + ": its run marker names run '"
                            + marker.get() + "', not " + runId);
        }
        abortUploads(runPrefix);
        int deleted = 0;
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = call(
                    "list s3://" + bucket + "/" + runPrefix,
                    client.listObjectsV2(b -> b.bucket(bucket)
                            .prefix(runPrefix)
                            .maxKeys(DELETE_BATCH)
                            .continuationToken(t)));
            List<String> keys = page.contents().stream()
                    .map(S3Object::key)
                    .filter(k -> !k.equals(markerKey))
                    .toList();
            if (!keys.isEmpty()) {
                deleteBatch(keys);
                deleted += keys.size();
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        // again: an upload whose create request was still in flight during the first pass
        abortUploads(runPrefix);
        deleteBatch(List.of(markerKey));
        LOG.info("deleted {} objects and the run marker under s3://{}/{}", deleted, bucket, runPrefix);
        return deleted;
    }

    private void deleteBatch(List<String> keys) {
        List<ObjectIdentifier> ids = keys.stream()
                .map(k -> ObjectIdentifier.builder().key(k).build())
                .toList();
        DeleteObjectsResponse r = call(
                "delete " + keys.size() + " objects in s3://" + bucket,
                client.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(ids).quiet(true).build())));
        if (r.hasErrors() && !r.errors().isEmpty()) {
            // a key deleted concurrently is fine: S3 reports no error for missing keys
            var e = r.errors().get(0);
            throw new InfrastructureException(
                    "s3",
                    "could not delete " + r.errors().size() + " of " + keys.size() + " objects in s3://" + bucket
                            + ", e.g. " + e.key() + ": " + e.code() + " " + e.message());
        }
    }

    /**
     * Aborts every unfinished multipart upload whose key is under the prefix: they are invisible
     * in listings but cost storage. All pages are read, and keys are checked here too (a store
     * that ignored the prefix must not make cleanup abort another run's uploads). A store that
     * does not implement the listing (501) is skipped with a debug line; any other failure fails
     * the cleanup, so that it is reported and can be repeated.
     *
     * @return uploads aborted
     */
    private int abortUploads(String prefix) {
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            String km = keyMarker;
            String um = uploadIdMarker;
            ListMultipartUploadsResponse page;
            try {
                page = client.listMultipartUploads(b ->
                                b.bucket(bucket).prefix(prefix).keyMarker(km).uploadIdMarker(um))
                        .join();
            } catch (CompletionException e) {
                Throwable cause = Failures.unwrap(e);
                if (cause instanceof AwsServiceException se && se.statusCode() == 501) {
                    LOG.debug("s3://{} does not list multipart uploads: {}", bucket, Failures.describe(cause));
                    return aborted;
                }
                throw new InfrastructureException(
                        "s3",
                        "cannot list unfinished uploads under s3://" + bucket + "/" + prefix + ": "
                                + Failures.describe(cause),
                        cause);
            }
            for (MultipartUpload u : page.uploads()) {
                if (!u.key().startsWith(prefix)) {
                    continue;
                }
                call(
                        "abort the unfinished upload of s3://" + bucket + "/" + u.key(),
                        client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(u.key())
                                .uploadId(u.uploadId())
                                .build()));
                aborted++;
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
        if (aborted > 0) {
            LOG.info("aborted {} unfinished multipart upload(s) under s3://{}/{}", aborted, bucket, prefix);
        }
        return aborted;
    }

    private <T> T call(String what, CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = Failures.unwrap(e);
            throw new InfrastructureException("s3", "cannot " + what + ": " + Failures.describe(cause), cause);
        }
    }
}
