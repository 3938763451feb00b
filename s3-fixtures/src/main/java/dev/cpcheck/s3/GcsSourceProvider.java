package dev.cpcheck.s3;

import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.spi.ForwardingSourceFixture;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.SourceSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code gcs} source provider: Google Cloud Storage through its S3-compatible XML API, with an
 * HMAC key (ClickPipes takes it as {@code IAM_USER} with {@code accessKey}; GCS ClickPipe docs,
 * "HMAC keys"). Fixtures are written with the {@code s3} provider's classes (HMAC keys sign like AWS
 * keys) and described to the ClickPipe as source type {@code gcs} with the URL form the object
 * storage FAQ gives, {@code https://storage.googleapis.com/<bucket>/<glob>} (the {@code gs://} form
 * of the OpenAPI docs page's example is, per the FAQ, not supported).
 *
 * <p>Settings: {@code GCS_BUCKET} (required), {@code GCS_PREFIX} (default {@code cpcheck}),
 * {@code GCS_ENDPOINT} (default {@value #DEFAULT_ENDPOINT}), {@code GCS_REGION} (default
 * {@code auto}), {@code GCS_HMAC_ACCESS_ID} + {@code GCS_HMAC_SECRET} (required). A setting that is
 * absent falls back to its {@code S3_*}/{@code AWS_*} counterpart, which is what the embedded stack
 * hands every provider: so the same provider runs offline against the embedded S3 server (which
 * proves cpcheck's path and the checks, not GCS itself).
 *
 * <p>Select it with {@code --source gcs}, {@code sourceProvider: gcs} in a YAML scenario,
 * {@code @CheckpointTest(sourceProvider = "gcs")} or {@code CheckpointEngine.Builder.sourceProvider("gcs")}.
 */
public final class GcsSourceProvider implements SourceProvider {
    /** Provider id. */
    public static final String ID = "gcs";
    /** GCS's XML API endpoint. */
    public static final String DEFAULT_ENDPOINT = "https://storage.googleapis.com";

    static final String BUCKET = "GCS_BUCKET";
    static final String PREFIX = "GCS_PREFIX";
    static final String ENDPOINT = "GCS_ENDPOINT";
    static final String REGION = "GCS_REGION";
    static final String ACCESS_ID = "GCS_HMAC_ACCESS_ID";
    static final String SECRET = "GCS_HMAC_SECRET";

    /** Created by {@link java.util.ServiceLoader}. */
    public GcsSourceProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Google Cloud Storage through its S3-compatible XML API (HMAC keys), pipe source type gcs";
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of(SECRET);
    }

    @Override
    public List<String> missingSettings(Map<String, String> config) {
        List<String> missing = new ArrayList<>();
        if (setting(config, BUCKET, S3Settings.S3_BUCKET).isEmpty()) {
            missing.add(BUCKET);
        }
        if (setting(config, ACCESS_ID, S3Settings.AWS_ACCESS_KEY_ID).isEmpty()) {
            missing.add(ACCESS_ID);
        }
        if (setting(config, SECRET, S3Settings.AWS_SECRET_ACCESS_KEY).isEmpty()) {
            missing.add(SECRET);
        }
        return missing;
    }

    @Override
    public SourceFixture create(SourceContext context) {
        Map<String, String> c = context.config();
        String bucket = setting(c, BUCKET, S3Settings.S3_BUCKET)
                .orElseThrow(() ->
                        new IllegalArgumentException("missing setting " + BUCKET + ": the bucket the fixtures go to"));
        URI endpoint = URI.create(setting(c, ENDPOINT, S3Settings.S3_ENDPOINT).orElse(DEFAULT_ENDPOINT));
        S3Settings.Builder s3 = S3Settings.builder()
                .bucket(bucket)
                .prefix(setting(c, PREFIX, S3Settings.S3_PREFIX).orElse(S3Settings.DEFAULT_PREFIX))
                .endpoint(endpoint)
                .region(setting(c, REGION, S3Settings.AWS_REGION).orElse("auto"));
        Optional<String> id = setting(c, ACCESS_ID, S3Settings.AWS_ACCESS_KEY_ID);
        Optional<String> secret = setting(c, SECRET, S3Settings.AWS_SECRET_ACCESS_KEY);
        if (id.isEmpty() || secret.isEmpty()) {
            throw new IllegalArgumentException("set " + ACCESS_ID + " and " + SECRET
                    + ": ClickPipes reads GCS with an HMAC key (Cloud Storage > Settings > Interoperability)");
        }
        s3.credentials(id.get(), secret.get());
        return new GcsFixture(S3Fixture.open(s3.build(), context.runId()), endpoint);
    }

    private static Optional<String> setting(Map<String, String> config, String key, String fallbackKey) {
        String v = config.get(key);
        if (v == null || v.isBlank()) {
            v = config.get(fallbackKey);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The S3 fixture, described to the pipe as a GCS source. */
    private static final class GcsFixture extends ForwardingSourceFixture {
        private final S3Fixture files;
        private final URI endpoint;

        GcsFixture(S3Fixture files, URI endpoint) {
            super(files);
            this.files = files;
            this.endpoint = endpoint;
        }

        @Override
        public String providerId() {
            return ID;
        }

        @Override
        public SourceSpec pipeSource(String format, String compression, boolean continuous) {
            SourceSpec s3 = files.pipeSource(format, compression, continuous);
            FileFormat f = FileFormat.fromId(format);
            Compression z = Compression.fromId(compression == null ? "none" : compression);
            String base = endpoint.toString().replaceAll("/+$", "");
            String url = base + "/" + files.bucket() + "/" + Fixtures.keyGlob(files.prefix(), f, z);
            return new SourceSpec("gcs", url, s3.format(), s3.compression(), continuous, s3.auth());
        }
    }
}
