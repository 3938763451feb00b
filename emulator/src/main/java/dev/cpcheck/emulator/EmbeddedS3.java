package dev.cpcheck.emulator;

import dev.cpcheck.emulator.internal.s3.KeyIndexedListing;
import dev.cpcheck.emulator.internal.s3.NotifyingBlobStore;
import dev.cpcheck.emulator.internal.s3.SlowDownBurst;
import dev.cpcheck.emulator.internal.util.RandomCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy) inside this JVM on a free port of 127.0.0.1, with random
 * credentials per start (SigV4 and SigV2 accepted). Objects live in memory by default, or in a
 * folder when {@link Builder#dataDirectory(Path)} is set.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.builder().start()) {
 *     s3.createBucket("cpcheck-data");
 *     S3Endpoint endpoint = s3.endpoint();
 * }
 * }</pre>
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private final S3Proxy proxy;
    private final SlowDownBurst blobStore;
    private final S3Endpoint endpoint;
    private final Path dataDirectory;
    private volatile boolean credentialsRevoked;
    private boolean closed;

    private EmbeddedS3(S3Proxy proxy, SlowDownBurst blobStore, S3Endpoint endpoint, Path dataDirectory) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        // every request is authorised here, so the key can be revoked and restored while the server runs
        proxy.setBlobStoreLocator((identity, container, blob) ->
                !credentialsRevoked && endpoint.accessKey().equals(identity)
                        ? new AccessGrant(endpoint.secretKey(), blobStore)
                        : null);
    }

    /**
     * Revokes the access key: every request signed with it is refused ({@code InvalidAccessKeyId}),
     * as after a key rotation, until {@link #restoreCredentials()}.
     */
    public void revokeCredentials() {
        credentialsRevoked = true;
        LOG.info("Embedded S3 on port {}: access key revoked", port());
    }

    /** Accepts the access key again. */
    public void restoreCredentials() {
        credentialsRevoked = false;
        LOG.info("Embedded S3 on port {}: access key restored", port());
    }

    /** Whether the access key is refused now. */
    public boolean credentialsRevoked() {
        return credentialsRevoked;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** URL, region and credentials for clients. */
    public S3Endpoint endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.url().getPort();
    }

    /** The folder holding the objects, or {@code null} when they are in memory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates a bucket if it does not exist yet, directly in the store (no S3 client needed); the
     * name rules of {@link S3Endpoint#requireValidBucketName(String)} apply.
     */
    public void createBucket(String bucket) {
        S3Endpoint.requireValidBucketName(bucket);
        if (!blobStore.containerExists(bucket)) {
            blobStore.createContainer(bucket);
        }
    }

    /**
     * The next {@code writes} object puts and multipart parts are answered {@code 503 SlowDown} and
     * have no effect, as S3 throttles a client; reads and listings are not affected. 0 ends a burst.
     */
    public void slowDownNextWrites(int writes) {
        blobStore.arm(writes);
    }

    /** Stops the server; in-memory objects are gone afterwards. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("Stopping S3Proxy on port {} failed: {}", port(), e.toString());
        }
        try {
            blobStore.close();
        } catch (Exception e) {
            LOG.debug("Closing the blob store failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedS3[" + endpoint.url() + (dataDirectory == null ? ", in memory" : ", data=" + dataDirectory)
                + "]";
    }

    /** Options of an {@link EmbeddedS3}; {@link #start()} starts it. */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private String region = "us-east-1";
        private String accessKey;
        private String secretKey;
        private NotifyingBlobStore.Listener objectCreated;

        private Builder() {}

        /** Tells {@code listener} about every object created, before the request is answered. */
        public Builder objectCreatedListener(NotifyingBlobStore.Listener listener) {
            this.objectCreated = listener;
            return this;
        }

        /** Keep objects in this folder (created if missing) instead of memory. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Signing region clients should use (default {@code us-east-1}). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** Fixed credentials instead of random ones (e.g. to reopen a persistent store). */
        public Builder credentials(String accessKey, String secretKey) {
            this.accessKey = Objects.requireNonNull(accessKey);
            this.secretKey = Objects.requireNonNull(secretKey);
            return this;
        }

        public EmbeddedS3 start() {
            String ak = accessKey != null
                    ? accessKey
                    : "CPCHECK" + RandomCredentials.randomAlphanumeric(13).toUpperCase();
            String sk = secretKey != null ? secretKey : RandomCredentials.randomAlphanumeric(40);
            BlobStore store;
            Path dir = null;
            if (dataDirectory == null) {
                store = new TransientNio2BlobStore();
            } else {
                try {
                    dir = Files.createDirectories(dataDirectory.toAbsolutePath());
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not create the S3 data folder " + dataDirectory, e);
                }
                store = new FilesystemNio2BlobStore(dir.toString());
            }
            // listing pages that cost the same whatever the bucket holds (see the class)
            store = new KeyIndexedListing(store);
            if (objectCreated != null) {
                store = new NotifyingBlobStore(store, objectCreated);
            }
            SlowDownBurst faults = new SlowDownBurst(store);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(faults)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ak, sk)
                    .build();
            try {
                proxy.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!"STARTED".equals(proxy.getState())) {
                    if (System.nanoTime() > deadline) {
                        throw new EmulatorException(
                                "S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                    }
                    Thread.sleep(10);
                }
            } catch (EmulatorException e) {
                throw e;
            } catch (Exception e) {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // best effort
                }
                throw new EmulatorException("Could not start the embedded S3 (S3Proxy): " + e, e);
            }
            S3Endpoint endpoint = new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), region, ak, sk);
            LOG.info("Embedded S3 ready on {} ({})", endpoint.url(), dir == null ? "in memory" : "data in " + dir);
            return new EmbeddedS3(proxy, faults, endpoint, dir);
        }
    }
}
