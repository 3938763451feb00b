package dev.cpcheck.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where fixtures go and how they are uploaded: bucket, base prefix, endpoint, credentials and
 * upload tuning. Immutable; validated at {@link Builder#build()}.
 *
 * <pre>{@code
 * // AWS: default credential chain (env, profile, instance role), region from AWS_REGION or the profile
 * S3Settings aws = S3Settings.builder().bucket("my-bucket").region("eu-west-1").build();
 *
 * // An S3-compatible store (path-style), with a key pair
 * S3Settings local = S3Settings.builder()
 *     .bucket("fixtures")
 *     .endpoint(URI.create("http://127.0.0.1:9000"))
 *     .credentials("access", "secret")
 *     .concurrency(64)
 *     .build();
 *
 * // From cpcheck's settings (S3_BUCKET, S3_PREFIX, S3_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID, ...)
 * S3Settings fromEnv = S3Settings.fromConfig(System.getenv());
 * }</pre>
 *
 * <p>Credentials: an explicit key pair wins, then a named profile, then the SDK's default chain.
 * The role ARN is not used for uploads; it is what the pipe assumes to read the bucket.
 */
public final class S3Settings {
    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String S3_PREFIX = "S3_PREFIX";
    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String S3_ROLE_ARN = "S3_ROLE_ARN";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_PROFILE = "AWS_PROFILE";

    /** Default base prefix. */
    public static final String DEFAULT_PREFIX = "cpcheck";
    /**
     * Default number of S3 requests in flight: 32. Chosen from {@code UploadBenchmark} with 20 ms
     * added to every request (a cross-region PutObject): 2,000 small files went up at 535 files/s
     * against 21 files/s for one request at a time (25.5x); the gain follows the requests in flight
     * while latency dominates, and 32 stays well inside S3's request rates per prefix (3,500 PUT/s,
     * S3 docs "Optimizing performance") and the connections (32 + 8) a client keeps open.
     */
    public static final int DEFAULT_CONCURRENCY = 32;
    /** Default part size, which is also the multipart threshold. */
    public static final int DEFAULT_PART_SIZE = 8 << 20;
    /** Smallest part S3 accepts (except for the last part). */
    public static final int MIN_PART_SIZE = 5 << 20;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

    private final String bucket;
    private final String prefix;
    private final URI endpoint;
    private final String region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String profile;
    private final String roleArn;
    private final int concurrency;
    private final int partSize;
    private final long bufferBytes;
    private final int maxAttempts;
    private final Duration attemptTimeout;
    private final Duration callTimeout;
    private final UploadOrder uploadOrder;

    private S3Settings(Builder b) {
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.profile = b.profile;
        this.roleArn = b.roleArn;
        this.concurrency = b.concurrency;
        this.partSize = b.partSize;
        this.bufferBytes = b.bufferBytes;
        this.maxAttempts = b.maxAttempts;
        this.attemptTimeout = b.attemptTimeout;
        this.callTimeout = b.callTimeout;
        this.uploadOrder = b.uploadOrder;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bucket = bucket;
        b.prefix = prefix;
        b.endpoint = endpoint;
        b.region = region;
        b.accessKeyId = accessKeyId;
        b.secretAccessKey = secretAccessKey;
        b.profile = profile;
        b.roleArn = roleArn;
        b.concurrency = concurrency;
        b.partSize = partSize;
        b.bufferBytes = bufferBytes;
        b.maxAttempts = maxAttempts;
        b.attemptTimeout = attemptTimeout;
        b.callTimeout = callTimeout;
        b.uploadOrder = uploadOrder;
        return b;
    }

    /**
     * Settings from cpcheck's configuration keys: {@code S3_BUCKET} (required), {@code S3_PREFIX},
     * {@code S3_ENDPOINT}, {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID} +
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, {@code S3_ROLE_ARN}. Blank values count
     * as unset; upload tuning keeps its defaults.
     *
     * @throws IllegalArgumentException saying which setting is missing or wrong
     */
    public static S3Settings fromConfig(Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        Builder b = builder();
        String bucket = value(config, S3_BUCKET)
                .orElseThrow(() -> new IllegalArgumentException(
                        "missing setting " + S3_BUCKET + ": set it in the environment, in .env, or with --s3-bucket"));
        b.bucket(bucket);
        value(config, S3_PREFIX).ifPresent(b::prefix);
        value(config, S3_ENDPOINT).ifPresent(e -> b.endpoint(parseEndpoint(e)));
        value(config, AWS_REGION).ifPresent(b::region);
        Optional<String> keyId = value(config, AWS_ACCESS_KEY_ID);
        Optional<String> secret = value(config, AWS_SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException("set both " + AWS_ACCESS_KEY_ID + " and " + AWS_SECRET_ACCESS_KEY
                    + ", or neither (to use " + AWS_PROFILE + " or the default AWS credential chain)");
        }
        if (keyId.isPresent()) {
            b.credentials(keyId.get(), secret.get());
        }
        value(config, AWS_PROFILE).ifPresent(b::profile);
        value(config, S3_ROLE_ARN).ifPresent(b::roleArn);
        return b.build();
    }

    private static Optional<String> value(Map<String, String> config, String key) {
        String v = config.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static URI parseEndpoint(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    S3_ENDPOINT + " '" + value + "' is not a URL like http://127.0.0.1:9000", e);
        }
    }

    /** Bucket the fixtures go to. */
    public String bucket() {
        return bucket;
    }

    /** Base prefix, without leading or trailing '/'; runs write under {@code <prefix>/<run id>/}. */
    public String prefix() {
        return prefix;
    }

    /** Endpoint of an S3-compatible store (addressed path-style); empty for AWS. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Region; empty means: from the AWS profile/environment, else {@code us-east-1}. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    /** The secret of the key pair. Never printed by {@link #toString()}. */
    public Optional<String> secretAccessKey() {
        return Optional.ofNullable(secretAccessKey);
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /** IAM role the pipe assumes to read the bucket (ClickPipes {@code IAM_ROLE}). */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    /** S3 requests in flight at most. */
    public int concurrency() {
        return concurrency;
    }

    /** Part size of multipart uploads; files larger than one part use multipart upload. */
    public int partSize() {
        return partSize;
    }

    /** Upper bound of file bytes held in memory by one write, across all files in progress. */
    public long bufferBytes() {
        return bufferBytes;
    }

    /** Attempts per request, including the first (SDK standard retry strategy). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Time limit of one attempt of a request. */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /** Time limit of a request including its retries. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Order in which {@link S3Fixture#write(dev.cpcheck.core.spi.FileBatch)} makes files visible. */
    public UploadOrder uploadOrder() {
        return uploadOrder;
    }

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "****")
                + ", profile=" + profile + ", roleArn=" + roleArn + ", concurrency=" + concurrency
                + ", partSize=" + partSize + ", bufferBytes=" + bufferBytes + ", maxAttempts=" + maxAttempts
                + ", attemptTimeout=" + attemptTimeout + ", callTimeout=" + callTimeout
                + ", uploadOrder=" + uploadOrder + "]";
    }

    /** Builder of {@link S3Settings}; only the bucket is required. */
    public static final class Builder {
        private String bucket;
        private String prefix = DEFAULT_PREFIX;
        private URI endpoint;
        private String region;
        private String accessKeyId;
        private String secretAccessKey;
        private String profile;
        private String roleArn;
        private int concurrency = DEFAULT_CONCURRENCY;
        private int partSize = DEFAULT_PART_SIZE;
        private long bufferBytes = 64L << 20;
        private int maxAttempts = 5;
        private Duration attemptTimeout = Duration.ofMinutes(2);
        private Duration callTimeout = Duration.ofMinutes(10);
        private UploadOrder uploadOrder = UploadOrder.KEY_ORDER;

        private Builder() {}

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** Base prefix; default {@value S3Settings#DEFAULT_PREFIX}. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Endpoint of an S3-compatible store, e.g. {@code http://127.0.0.1:9000}; null for AWS. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** An access key pair, used for uploads and given to the pipe (IAM_USER). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        /** A named AWS profile for uploads (the pipe cannot use it: give it keys or a role). */
        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /** S3 requests in flight at most; default {@value S3Settings#DEFAULT_CONCURRENCY}. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Part size and multipart threshold, at least 5 MiB; default 8 MiB. */
        public Builder partSize(int partSize) {
            this.partSize = partSize;
            return this;
        }

        /** Memory bound for file bytes in progress, at least one part; default 64 MiB. */
        public Builder bufferBytes(long bufferBytes) {
            this.bufferBytes = bufferBytes;
            return this;
        }

        /** Attempts per request including the first; default 5. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Time limit of one attempt; default 2 minutes. */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /** Time limit of a request with its retries; default 10 minutes. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /** Default {@link UploadOrder#KEY_ORDER}. */
        public Builder uploadOrder(UploadOrder uploadOrder) {
            this.uploadOrder = uploadOrder;
            return this;
        }

        /**
         * @throws IllegalArgumentException saying what to fix
         */
        public S3Settings build() {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("bucket '" + bucket + "' is not a valid bucket name "
                        + "(3-63 lower-case letters, digits, '.', '-'); set " + S3_BUCKET);
            }
            prefix = Fixtures.normalizeBasePrefix(prefix);
            if (endpoint != null) {
                String scheme = endpoint.getScheme();
                if (scheme == null
                        || !(scheme.equals("http") || scheme.equals("https"))
                        || endpoint.getHost() == null
                        || endpoint.getRawQuery() != null
                        || endpoint.getRawFragment() != null) {
                    throw new IllegalArgumentException(
                            "endpoint '" + endpoint + "' must look like http(s)://host:port; set " + S3_ENDPOINT);
                }
                String path = endpoint.getRawPath();
                if (path != null && path.endsWith("/")) {
                    endpoint = URI.create(
                            endpoint.toString().substring(0, endpoint.toString().length() - 1));
                }
            }
            region = blankToNull(region);
            accessKeyId = blankToNull(accessKeyId);
            secretAccessKey = blankToNull(secretAccessKey);
            profile = blankToNull(profile);
            roleArn = blankToNull(roleArn);
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new IllegalArgumentException("give both the access key id and the secret access key, or neither");
            }
            if (concurrency < 1 || concurrency > 1024) {
                throw new IllegalArgumentException("concurrency must be 1..1024, was " + concurrency);
            }
            if (partSize < MIN_PART_SIZE) {
                throw new IllegalArgumentException("part size must be at least 5 MiB (" + MIN_PART_SIZE
                        + " bytes, the S3 minimum), was " + partSize);
            }
            if (bufferBytes < partSize || bufferBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "buffer bytes must be between the part size (" + partSize + ") and 2 GiB, was " + bufferBytes);
            }
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("max attempts must be 1..20, was " + maxAttempts);
            }
            Objects.requireNonNull(attemptTimeout, "attemptTimeout");
            Objects.requireNonNull(callTimeout, "callTimeout");
            Objects.requireNonNull(uploadOrder, "uploadOrder");
            if (attemptTimeout.isNegative() || attemptTimeout.isZero() || callTimeout.compareTo(attemptTimeout) < 0) {
                throw new IllegalArgumentException("timeouts must be positive and the call timeout (" + callTimeout
                        + ") at least the attempt timeout (" + attemptTimeout + ")");
            }
            return new S3Settings(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
