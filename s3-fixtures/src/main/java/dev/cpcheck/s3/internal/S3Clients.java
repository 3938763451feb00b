package dev.cpcheck.s3.internal;

import dev.cpcheck.s3.S3Settings;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/** Builds the SDK client for {@link S3Settings}. */
public final class S3Clients {
    /** Requests beyond the upload bound: listing, the run marker, multipart create/complete/abort. */
    private static final int EXTRA_CONNECTIONS = 8;

    static final String FALLBACK_REGION = "us-east-1";

    private S3Clients() {}

    /**
     * The timers of the call and attempt timeouts, shared by every client of this JVM. A request
     * that finishes cancels its two timers; the SDK's own executor keeps a cancelled timer queued
     * until its delay ends (minutes), so a 100,000-file upload held tens of thousands of them, each
     * with its request. Cancelled timers leave this one's queue at once. Daemon threads, never shut
     * down: a client's close does not shut down an executor it was given.
     */
    private static final class Timeouts {
        static final ScheduledExecutorService EXECUTOR = create();

        private static ScheduledExecutorService create() {
            AtomicInteger n = new AtomicInteger();
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
                Thread t = new Thread(r, "cpcheck-s3-timeouts-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    /**
     * An async client: Netty HTTP with {@code concurrency + 8} connections, the SDK's standard
     * retry strategy with {@link S3Settings#maxAttempts()} attempts and no retry circuit breaker
     * (a burst of throttling must not turn into dropped files), attempt and call timeouts,
     * checksums only where a request asks for one, and path-style addressing for a custom
     * endpoint.
     */
    public static S3AsyncClient create(S3Settings settings) {
        Duration io = settings.attemptTimeout().compareTo(Duration.ofSeconds(60)) < 0
                ? settings.attemptTimeout()
                : Duration.ofSeconds(60);
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .maxConcurrency(settings.concurrency() + EXTRA_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(10))
                .connectionAcquisitionTimeout(settings.callTimeout())
                .readTimeout(io)
                .writeTimeout(io);
        S3AsyncClientBuilder b = S3AsyncClient.builder()
                .region(Region.of(region(settings)))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .circuitBreakerEnabled(false)
                                .build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout())
                        .scheduledExecutorService(Timeouts.EXECUTOR));
        // Checksums are chosen per request (SHA-256 of single puts, CRC32 of parts) rather than
        // added to every call: less work per request, and fewer S3-compatible stores trip on
        // trailing checksums they do not support.
        b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(e -> b.endpointOverride(e).forcePathStyle(true));
        return b.build();
    }

    /**
     * The region: configured, else (for AWS) from the profile/environment, else
     * {@code us-east-1}. S3-compatible stores without a configured region sign for
     * {@code us-east-1}, which they accept by convention.
     */
    public static String region(S3Settings settings) {
        if (settings.region().isPresent()) {
            return settings.region().get();
        }
        if (settings.endpoint().isPresent()) {
            return FALLBACK_REGION;
        }
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            settings.profile().ifPresent(chain::profileName);
            return chain.build().getRegion().id();
        } catch (SdkClientException e) {
            return FALLBACK_REGION;
        }
    }

    /** The key pair when one is set, else the default chain (with the profile, when one is set). */
    public static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        settings.profile().ifPresent(chain::profileName);
        return chain.build();
    }
}
