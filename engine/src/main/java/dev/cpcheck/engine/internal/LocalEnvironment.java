package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.localstack.StackDescription;
import dev.cpcheck.validation.ClickHouseTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded stack: ClickHouse (chdb), S3 (S3Proxy) and the ClickPipes emulator. The runner
 * talks to the emulator through the same typed client it uses in the cloud.
 */
public final class LocalEnvironment implements Environment {
    /** The stack's control API, for source providers that need the stack to make something (a queue). */
    public static final String CONTROL_URL = "CPCHECK_STACK_CONTROL_URL";
    /** Its bearer token: a secret, masked like the others. */
    public static final String CONTROL_TOKEN = "CPCHECK_STACK_CONTROL_TOKEN";

    private final EmbeddedStack stack;
    private final boolean ownsStack;
    private final ClickPipesClient client;

    public LocalEnvironment(EmbeddedStack stack, boolean ownsStack) {
        this.stack = stack;
        this.ownsStack = ownsStack;
        // the stack creates EmbeddedStack.BUCKET when it starts
        StackDescription api = stack.description();
        this.client = ClickPipesClient.builder()
                .baseUrl(URI.create(api.apiBaseUrl()))
                .organizationId(api.organizationId())
                .serviceId(api.serviceId())
                .apiKeyId(api.apiKeyId())
                .apiKeySecret(api.apiKeySecret())
                .rateLimitConfig(ClickPipesRateLimitConfig.custom()
                        .limitForPeriod(EmbeddedStack.API_LIMIT)
                        .period(Duration.ofSeconds(10))
                        .build())
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
        // sources that need more of the stack than S3 ask it through its control API (s3-unordered: a queue)
        m.put(CONTROL_URL, stack.description().controlUrl());
        m.put(CONTROL_TOKEN, stack.description().controlToken());
        return m;
    }

    @Override
    public ClickHouseTarget clickHouse() {
        StackDescription ch = stack.description();
        return ClickHouseTarget.of(
                ch.clickHouseUrl(), ch.clickHouseUser(), ch.clickHousePassword(), ch.clickHouseDatabase());
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
