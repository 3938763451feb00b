package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitConfig;
import dev.cpcheck.clickpipes.ClickPipesRetryConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.emulator.ClickHouseEndpoint;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.engine.RetryNotice;
import dev.cpcheck.validation.ClickHouseTarget;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded stack: ClickHouse (chdb), S3 (S3Proxy) and the ClickPipes emulator. The runner
 * talks to the emulator through the same typed client it uses in the cloud.
 */
public final class LocalEnvironment implements Environment {
    private final EmbeddedStack stack;
    private final boolean ownsStack;
    private final ClickPipesClient client;

    public LocalEnvironment(EmbeddedStack stack, boolean ownsStack) {
        this(stack, ownsStack, notice -> {});
    }

    /** @param retries told about every retry of the API client as it happens */
    public LocalEnvironment(EmbeddedStack stack, boolean ownsStack, Consumer<RetryNotice> retries) {
        this.stack = stack;
        this.ownsStack = ownsStack;
        LocalStack parts = stack.emulatorStack();
        parts.s3().createBucket(EmbeddedStack.BUCKET);
        ClickPipesEndpoint api = parts.clickPipes();
        this.client = ClickPipesClient.builder()
                .baseUrl(api.apiBaseUrl())
                .organizationId(api.organizationId())
                .serviceId(api.serviceId())
                .apiKeyId(api.apiKeyId())
                .apiKeySecret(api.apiKeySecret())
                .rateLimitConfig(ClickPipesRateLimitConfig.custom()
                        .limitForPeriod(EmbeddedStack.API_LIMIT)
                        .period(Duration.ofSeconds(10))
                        .build())
                // the emulator is on this machine: retries need not wait like the cloud's (4 s first)
                .retryConfig(ClickPipesRetryConfig.custom()
                        .initialBackoff(Duration.ofMillis(250))
                        .maxBackoff(Duration.ofSeconds(4))
                        .rateLimitResetPadding(Duration.ofMillis(100))
                        .build())
                .retryListener(event -> retries.accept(new RetryNotice("clickpipes-api", event.describe())))
                .build();
    }

    public EmbeddedStack stack() {
        return stack;
    }

    @Override
    public Mode mode() {
        return Mode.LOCAL;
    }

    @Override
    public Map<String, String> sourceConfig() {
        Map<String, String> m = stack.s3Settings(EmbeddedStack.BUCKET);
        m.put("S3_PREFIX", "cpcheck");
        return m;
    }

    @Override
    public ClickHouseTarget clickHouse() {
        ClickHouseEndpoint ch = stack.emulatorStack().clickHouse();
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
        Endpoints e = stack.endpoints();
        return new Endpoints(
                Mode.LOCAL, e.clickHouseUrl(), e.database(), e.clickPipesApi(), e.s3Endpoint(), EmbeddedStack.BUCKET);
    }

    @Override
    public void close() {
        client.close();
        if (ownsStack) {
            stack.close();
        }
    }
}
