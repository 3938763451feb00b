package dev.cpcheck.s3;

import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.s3.internal.sqs.UnorderedSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code s3-unordered} source provider: Amazon S3 read by a ClickPipe in unordered mode, where
 * an SQS queue fed by the bucket's event notifications announces each new file (S3 ClickPipes docs,
 * "Unordered mode"). Registered in {@code META-INF/services/dev.cpcheck.core.spi.SourceProvider}.
 *
 * <pre>{@code
 * // on the embedded stack: a queue per run, events older than 5 s dropped, every event sent twice
 * CheckpointEngine engine = Cpcheck.local()
 *         .sourceProvider(S3UnorderedSourceProvider.builder()
 *                 .messageRetention(Duration.ofSeconds(5))
 *                 .duplicateEvents(true)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Settings: those of the {@code s3} source ({@link S3Settings#fromConfig}) and
 * <ul>
 *   <li>{@code SQS_QUEUE_URL}: in the cloud, the queue the bucket's notifications feed (required
 *       there; the run checks that the notification covers its prefix);</li>
 *   <li>{@code SQS_SKIP_INITIAL_LOAD}: the pipe's {@code skipInitialLoad};</li>
 *   <li>embedded stack only: {@code SQS_MESSAGE_RETENTION} (default 4 days, as SQS),
 *       {@code SQS_VISIBILITY_TIMEOUT} (default 30 s), {@code SQS_DUPLICATE_EVENTS} (every event sent
 *       twice), {@code SQS_REDELIVER_AFTER} (every event sent again after this delay).</li>
 * </ul>
 * Values set on the {@link Builder} win over the settings.
 */
public final class S3UnorderedSourceProvider implements SourceProvider {
    /** Provider id. */
    public static final String ID = "s3-unordered";

    private final Map<String, String> overrides;

    /** The provider with the settings of the environment (what {@link java.util.ServiceLoader} makes). */
    public S3UnorderedSourceProvider() {
        this(Map.of());
    }

    private S3UnorderedSourceProvider(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * An {@link S3UnorderedFixture} for the context's run.
     *
     * @throws IllegalArgumentException if a setting is missing or invalid (the message says which)
     */
    @Override
    public SourceFixture create(SourceContext context) {
        Map<String, String> config = new LinkedHashMap<>(context.config());
        config.putAll(overrides);
        UnorderedSettings settings = UnorderedSettings.fromConfig(config);
        return new S3UnorderedFixture(S3Fixture.open(S3Settings.fromConfig(config), context.runId()), settings);
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of(S3Settings.AWS_SECRET_ACCESS_KEY, UnorderedSettings.CONTROL_TOKEN);
    }

    @Override
    public Set<String> settingPrefixes() {
        return Set.of("SQS_");
    }

    @Override
    public String description() {
        return "Amazon S3 in unordered mode: an SQS queue fed by the bucket's event notifications announces each"
                + " file (SQS_QUEUE_URL; the embedded stack makes one per run)";
    }

    /** A provider with settings of its own, e.g. for a test. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {}

        /** The pipe skips its initial load: only files the queue announces are ingested. */
        public Builder skipInitialLoad(boolean skip) {
            values.put(UnorderedSettings.SQS_SKIP_INITIAL_LOAD, Boolean.toString(skip));
            return this;
        }

        /** Embedded stack: how long the run's queue keeps a message (SQS allows 60 s to 14 days). */
        public Builder messageRetention(Duration retention) {
            values.put(
                    UnorderedSettings.SQS_MESSAGE_RETENTION,
                    Objects.requireNonNull(retention).toString());
            return this;
        }

        /** Embedded stack: the run's queue's visibility timeout. */
        public Builder visibilityTimeout(Duration timeout) {
            values.put(
                    UnorderedSettings.SQS_VISIBILITY_TIMEOUT,
                    Objects.requireNonNull(timeout).toString());
            return this;
        }

        /** Embedded stack: S3 sends every event twice (notifications are delivered at least once). */
        public Builder duplicateEvents(boolean duplicate) {
            values.put(UnorderedSettings.SQS_DUPLICATE_EVENTS, Boolean.toString(duplicate));
            return this;
        }

        /** Embedded stack: every event is sent again this long after the first time. */
        public Builder redeliverAfter(Duration delay) {
            values.put(
                    UnorderedSettings.SQS_REDELIVER_AFTER,
                    Objects.requireNonNull(delay).toString());
            return this;
        }

        /** In the cloud: the queue the bucket's notifications feed. */
        public Builder queueUrl(String url) {
            values.put(UnorderedSettings.SQS_QUEUE_URL, Objects.requireNonNull(url));
            return this;
        }

        public S3UnorderedSourceProvider build() {
            return new S3UnorderedSourceProvider(values);
        }
    }
}
