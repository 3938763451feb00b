package dev.cpcheck.emulator;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3-compatible endpoint with path-style addressing and static credentials, such as
 * {@link EmbeddedS3}. Object URLs are path-style ({@code http://127.0.0.1:PORT/bucket/key}), the
 * form ClickHouse's {@code s3()} function and a ClickPipe's {@code url} take.
 *
 * <pre>{@code
 * S3Endpoint s3 = stack.s3();
 * s3.createBucket("cpcheck-data");
 * try (S3Client client = s3.newClient()) { ... }
 * String pipeUrl = s3.objectUrl("cpcheck-data", "run-1/**.json");
 * }</pre>
 *
 * @param url       endpoint, e.g. {@code http://127.0.0.1:9000}
 * @param region    signing region
 * @param accessKey access key id
 * @param secretKey secret access key
 */
public record S3Endpoint(URI url, String region, String accessKey, String secretKey) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Endpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        region = region == null || region.isBlank() ? "us-east-1" : region;
        String u = url.toString();
        if (u.endsWith("/")) {
            url = URI.create(u.substring(0, u.length() - 1));
        }
    }

    /** A new client for this endpoint (path-style, static credentials); close it after use. */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(url)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build();
    }

    /**
     * Creates a bucket if it does not exist yet.
     *
     * @throws IllegalArgumentException when the name is not a valid bucket name (ClickHouse rejects
     *                                  names shorter than 3 characters, for example)
     */
    public void createBucket(String bucket) {
        requireValidBucketName(bucket);
        try (S3Client client = newClient()) {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // idempotent
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw new EmulatorException(
                        "Could not create bucket " + bucket + " at " + url + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code <url>/<bucket>}. */
    public String bucketUrl(String bucket) {
        return url + "/" + bucket;
    }

    /** {@code <url>/<bucket>/<key>}; {@code key} may be a glob such as {@code prefix/**.json}. */
    public String objectUrl(String bucket, String key) {
        return url + "/" + bucket + "/" + (key.startsWith("/") ? key.substring(1) : key);
    }

    /** Checks S3's bucket naming rules (3 to 63 lowercase letters, digits, dots and hyphens). */
    public static void requireValidBucketName(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("Invalid bucket name '" + bucket + "': use 3 to 63 lowercase letters,"
                    + " digits, dots and hyphens, starting and ending with a letter or digit (ClickHouse rejects"
                    + " shorter names)");
        }
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Endpoint[url=" + url + ", region=" + region + ", accessKey=" + accessKey + ", secretKey=****]";
    }
}
