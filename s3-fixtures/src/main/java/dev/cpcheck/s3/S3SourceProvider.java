package dev.cpcheck.s3;

import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code s3} source provider: Amazon S3 and S3-compatible stores through the AWS SDK v2.
 * Registered in {@code META-INF/services/dev.cpcheck.core.spi.SourceProvider}.
 *
 * <pre>{@code
 * SourceProvider s3 = ProviderRegistry.sourceProviders().get("s3");
 * try (SourceFixture source = s3.create(new SourceContext(runId, Map.of(
 *         "S3_BUCKET", "my-bucket", "AWS_REGION", "eu-west-1")))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Settings (see {@link S3Settings#fromConfig}): {@code S3_BUCKET} (required), {@code S3_PREFIX}
 * (default {@code cpcheck}), {@code S3_ENDPOINT}, {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID} +
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, {@code S3_ROLE_ARN}.
 */
public final class S3SourceProvider implements SourceProvider {
    /** Provider id. */
    public static final String ID = "s3";

    @Override
    public String id() {
        return ID;
    }

    /**
     * An {@link S3Fixture} for the context's run.
     *
     * @throws IllegalArgumentException if a setting is missing or invalid (the message says which)
     */
    @Override
    public SourceFixture create(SourceContext context) {
        return S3Fixture.open(S3Settings.fromConfig(context.config()), context.runId());
    }

    @Override
    public List<String> missingSettings(Map<String, String> config) {
        String bucket = config.get(S3Settings.S3_BUCKET);
        return bucket == null || bucket.isBlank() ? List.of(S3Settings.S3_BUCKET) : List.of();
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of(S3Settings.AWS_SECRET_ACCESS_KEY);
    }

    @Override
    public String description() {
        return "Amazon S3 and S3-compatible stores (AWS SDK v2), fixtures under <S3_PREFIX>/<run id>/";
    }
}
