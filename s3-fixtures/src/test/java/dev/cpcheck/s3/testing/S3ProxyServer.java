package dev.cpcheck.s3.testing;

import dev.cpcheck.emulator.EmbeddedS3;
import dev.cpcheck.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The emulator's embedded S3 (S3Proxy on {@code 127.0.0.1:<free port>}, SigV4) with fixed test
 * credentials and bucket {@value #BUCKET}, plus an async client to inspect the bucket. In memory by
 * default; on disk for large files. Close it to stop the server.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "cpcheck-test-key";
    public static final String SECRET_KEY = "cpcheck-test-secret-0123456789";
    public static final String BUCKET = "fixtures";

    private final EmbeddedS3 server;
    private final URI endpoint;
    private final S3AsyncClient client;

    private S3ProxyServer(EmbeddedS3 server) {
        this.server = server;
        this.endpoint = server.endpoint().url();
        server.createBucket(BUCKET);
        this.client = S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** An in-memory server with bucket {@value #BUCKET}. */
    public static S3ProxyServer start() {
        return new S3ProxyServer(
                EmbeddedS3.builder().credentials(ACCESS_KEY, SECRET_KEY).start());
    }

    /** A server storing objects under {@code dir} (for files too large for the heap). */
    public static S3ProxyServer startOnDisk(Path dir) {
        return new S3ProxyServer(EmbeddedS3.builder()
                .credentials(ACCESS_KEY, SECRET_KEY)
                .dataDirectory(dir)
                .start());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings for this server's bucket, path-style with the test key pair. */
    public S3Settings.Builder settings() {
        return S3Settings.builder().bucket(BUCKET).endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY);
    }

    public S3AsyncClient client() {
        return client;
    }

    /** All keys under a prefix. */
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = client.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix).continuationToken(t))
                    .join();
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    public byte[] get(String key) {
        return client.getObject(b -> b.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
    }

    public void put(String key, String content) {
        client.putObject(
                        b -> b.bucket(BUCKET).key(key),
                        software.amazon.awssdk.core.async.AsyncRequestBody.fromString(content))
                .join();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
