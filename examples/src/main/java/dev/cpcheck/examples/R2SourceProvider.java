package dev.cpcheck.examples;

import dev.cpcheck.core.spi.ForwardingSourceFixture;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.s3.S3Fixture;
import dev.cpcheck.s3.S3Settings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A custom {@link SourceProvider}: Cloudflare R2 through its S3-compatible API, id {@value #ID}. It
 * writes fixtures with the {@code s3} provider's classes and describes them to the ClickPipe in R2's
 * own terms: source type {@code cloudflarer2} (one of the spec's object storage types) and the
 * path-style URL {@code https://<account id>.r2.cloudflarestorage.com/<bucket>/<glob>}.
 *
 * <p>How it is found: it is listed in
 * {@code src/main/resources/META-INF/services/dev.cpcheck.core.spi.SourceProvider}; select it with
 * {@code @CheckpointTest(sourceProvider = "r2")} or {@code CheckpointEngine.Builder.sourceProvider("r2")}.
 * {@code CustomSourceProviderIT} runs a scenario through it.
 *
 * <p>Settings: {@code R2_BUCKET} (required), {@code R2_ENDPOINT} (the account's endpoint),
 * {@code R2_ACCESS_KEY_ID} + {@code R2_SECRET_ACCESS_KEY}. A setting that is absent falls back to
 * its {@code S3_*}/{@code AWS_*} counterpart, which is what the embedded stack hands every provider:
 * so the same provider runs offline against the embedded S3 server.
 */
public final class R2SourceProvider implements SourceProvider {
    /** Provider id. */
    public static final String ID = "r2";

    /** Created by {@link java.util.ServiceLoader}. */
    public R2SourceProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Cloudflare R2 through its S3-compatible API, pipe source type cloudflarer2";
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of("R2_SECRET_ACCESS_KEY");
    }

    @Override
    public SourceFixture create(SourceContext context) {
        Map<String, String> c = context.config();
        String bucket = setting(c, "R2_BUCKET", S3Settings.S3_BUCKET)
                .orElseThrow(() -> new IllegalArgumentException("missing setting R2_BUCKET"));
        URI endpoint = URI.create(setting(c, "R2_ENDPOINT", S3Settings.S3_ENDPOINT)
                .orElseThrow(() -> new IllegalArgumentException(
                        "missing setting R2_ENDPOINT: https://<account id>.r2.cloudflarestorage.com")));
        S3Settings.Builder s3 = S3Settings.builder()
                .bucket(bucket)
                .prefix(setting(c, "R2_PREFIX", S3Settings.S3_PREFIX).orElse(S3Settings.DEFAULT_PREFIX))
                .endpoint(endpoint)
                .region(setting(c, "R2_REGION", S3Settings.AWS_REGION).orElse("auto"));
        s3.credentials(
                setting(c, "R2_ACCESS_KEY_ID", S3Settings.AWS_ACCESS_KEY_ID)
                        .orElseThrow(() -> new IllegalArgumentException("missing setting R2_ACCESS_KEY_ID")),
                setting(c, "R2_SECRET_ACCESS_KEY", S3Settings.AWS_SECRET_ACCESS_KEY)
                        .orElseThrow(() -> new IllegalArgumentException("missing setting R2_SECRET_ACCESS_KEY")));
        return new R2Fixture(S3Fixture.open(s3.build(), context.runId()));
    }

    private static Optional<String> setting(Map<String, String> config, String key, String fallbackKey) {
        String v = config.get(key);
        if (v == null || v.isBlank()) {
            v = config.get(fallbackKey);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The S3 fixture, described to the pipe as an R2 source; everything else is the S3 fixture's. */
    private static final class R2Fixture extends ForwardingSourceFixture {
        R2Fixture(S3Fixture files) {
            super(files);
        }

        @Override
        public String providerId() {
            return ID;
        }

        @Override
        public SourceSpec pipeSource(String format, String compression, boolean continuous) {
            // path-style: endpoint/bucket/glob
            SourceSpec s3 = delegate().pipeSource(format, compression, continuous);
            return new SourceSpec("cloudflarer2", s3.url(), s3.format(), s3.compression(), continuous, s3.auth());
        }
    }
}
