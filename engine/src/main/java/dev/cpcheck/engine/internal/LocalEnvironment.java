package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.emulator.ClickHouseEndpoint;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.emulator.S3Endpoint;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.validation.ClickHouseTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded stack: ClickHouse (chdb), S3 (S3Proxy) and the ClickPipes emulator. The runner
 * talks to the emulator through the same typed client it uses in the cloud.
 */
public final class LocalEnvironment implements Environment {
    /** The bucket local runs write to. */
    public static final String BUCKET = "cpcheck-local";
    /** API requests per 10 s the local emulator and client allow: faster polls than the cloud's 10. */
    public static final int LOCAL_API_LIMIT = 100;

    private final LocalStack stack;
    private final boolean ownsStack;
    private final ClickPipesClient client;

    public LocalEnvironment(LocalStack stack, boolean ownsStack) {
        this.stack = stack;
        this.ownsStack = ownsStack;
        stack.s3().createBucket(BUCKET);
        ClickPipesEndpoint api = stack.clickPipes();
        this.client = ClickPipesClient.builder()
                .baseUrl(api.apiBaseUrl())
                .organizationId(api.organizationId())
                .serviceId(api.serviceId())
                .apiKeyId(api.apiKeyId())
                .apiKeySecret(api.apiKeySecret())
                .rateLimitConfig(ClickPipesRateLimitConfig.custom()
                        .limitForPeriod(LOCAL_API_LIMIT)
                        .period(Duration.ofSeconds(10))
                        .build())
                .build();
    }

    /** Starts a stack suited to runs: the emulator allows {@link #LOCAL_API_LIMIT} requests per 10 s. */
    public static LocalStack startStack() {
        return LocalStack.builder()
                .rateLimit(LOCAL_API_LIMIT, Duration.ofSeconds(10))
                .start();
    }

    public LocalStack stack() {
        return stack;
    }

    @Override
    public Mode mode() {
        return Mode.LOCAL;
    }

    @Override
    public Map<String, String> sourceConfig() {
        Map<String, String> m = s3Settings(stack.s3(), BUCKET);
        m.put("S3_PREFIX", "cpcheck");
        return m;
    }

    /** The settings that reach a bucket of the embedded S3: bucket, endpoint, region and keys. */
    public static Map<String, String> s3Settings(S3Endpoint s3, String bucket) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("S3_BUCKET", bucket);
        m.put("S3_ENDPOINT", s3.url().toString());
        m.put("AWS_REGION", s3.region());
        m.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        m.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        return m;
    }

    @Override
    public ClickHouseTarget clickHouse() {
        ClickHouseEndpoint ch = stack.clickHouse();
        return ClickHouseTarget.of(ch.url(), ch.user(), ch.password(), ch.database());
    }

    @Override
    public ClickPipesClient clickPipes() {
        return client;
    }

    @Override
    public RunnerConfig runnerDefaults() {
        return RunnerConfig.ofDefaults();
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(
                Mode.LOCAL,
                stack.clickHouse().url(),
                stack.clickHouse().database(),
                stack.clickPipes().apiBaseUrl().toString(),
                stack.s3().url().toString(),
                BUCKET);
    }

    @Override
    public void close() {
        client.close();
        if (ownsStack) {
            stack.close();
        }
    }
}
