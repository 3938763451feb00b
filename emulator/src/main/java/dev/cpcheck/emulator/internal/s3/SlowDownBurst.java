package dev.cpcheck.emulator.internal.s3;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The embedded S3's throttling nemesis: the next N writes (object puts and multipart parts) are
 * answered {@code 503 SlowDown}, as S3 answers a client over its request rate, and have no effect.
 * Reads and listings (the pipe's side) are untouched. S3Proxy sends a blob store's
 * {@link S3Exception} as the response with its status and error code.
 */
public final class SlowDownBurst extends ForwardingBlobStore {
    private final AtomicInteger remaining = new AtomicInteger();

    public SlowDownBurst(BlobStore delegate) {
        super(delegate);
    }

    /** The next {@code writes} writes get 503 SlowDown; 0 ends a burst. */
    public void arm(int writes) {
        if (writes < 0) {
            throw new IllegalArgumentException("writes must not be negative");
        }
        remaining.set(writes);
    }

    /** Writes of the burst not answered yet. */
    public int remaining() {
        return remaining.get();
    }

    private void maybeSlowDown() {
        if (remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw (S3Exception) S3Exception.builder()
                    .statusCode(503)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("SlowDown")
                            .errorMessage("Please reduce your request rate.")
                            .build())
                    .build();
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        maybeSlowDown();
        return super.putBlob(request, content);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(
            MultipartUpload upload, UploadPartRequest request, InputStream content) {
        maybeSlowDown();
        return super.uploadMultipartPart(upload, request, content);
    }
}
