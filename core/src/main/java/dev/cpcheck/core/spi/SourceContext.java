package dev.cpcheck.core.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SourceProvider} gets to create a source for one run.
 *
 * @param runId  the run id; everything the source writes goes under a prefix containing it
 * @param config settings by name, e.g. {@code S3_BUCKET}, {@code S3_ENDPOINT}, {@code AWS_REGION}
 */
public record SourceContext(String runId, Map<String, String> config) {
    public SourceContext {
        Objects.requireNonNull(runId, "runId");
        config = Map.copyOf(config == null ? Map.of() : config);
    }

    public Optional<String> get(String key) {
        String v = config.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A setting that must be present. */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(
                "missing setting " + key + ": set it in the environment, in .env, or with the matching flag"));
    }
}
