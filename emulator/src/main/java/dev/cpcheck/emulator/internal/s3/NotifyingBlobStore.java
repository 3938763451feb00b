package dev.cpcheck.emulator.internal.s3;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The S3 server's store with a listener on every way an object comes to exist: a PUT (and a POST
 * upload, which S3Proxy stores the same way), a copy and a completed multipart upload, the
 * {@code ObjectCreated} subtypes {@code Put}, {@code Copy} and {@code CompleteMultipartUpload}
 * (AWS, S3 user guide, "Supported event types"). The listener runs before the request is
 * answered, so an acknowledged write has had its event sent.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    /** Told about each object created. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param eventName e.g. {@code ObjectCreated:Put}
         */
        void objectCreated(String bucket, String key, long size, String eTag, String eventName);
    }

    private final Listener listener;

    public NotifyingBlobStore(BlobStore delegate, Listener listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        notify(request.bucket(), request.key(), response.eTag(), "ObjectCreated:Put");
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        notify(request.destinationBucket(), request.destinationKey(), null, "ObjectCreated:Copy");
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        notify(upload.containerName(), upload.blobName(), response.eTag(), "ObjectCreated:CompleteMultipartUpload");
        return response;
    }

    private void notify(String bucket, String key, String eTag, String eventName) {
        try {
            // the event carries the stored size and ETag, as S3's does
            HeadObjectResponse head = delegate().blobMetadata(bucket, key);
            long size = head == null || head.contentLength() == null ? 0 : head.contentLength();
            String tag = head != null && head.eTag() != null ? head.eTag() : eTag;
            listener.objectCreated(bucket, key, size, tag, eventName);
        } catch (RuntimeException e) {
            LOG.warn("No event for s3://{}/{}: {}", bucket, key, e.toString());
        }
    }
}
