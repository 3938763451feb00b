package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitConfig;
import dev.cpcheck.clickpipes.ClickPipesRetryConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.engine.RetryNotice;
import dev.cpcheck.localstack.StackDescription;
import dev.cpcheck.validation.ClickHouseTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

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
        this(stack, ownsStack, notice -> {});
    }

    /** @param retries told about every retry of the API client as it happens */
    public LocalEnvironment(EmbeddedStack stack, boolean ownsStack, Consumer<RetryNotice> retries) {
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
                // a serviceIdle step idles the emulator's service: a start then wakes it, as in the cloud
                .wakeIdleService(true)
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
        // sources that need more of the stack than S3 ask it through its control API (s3-unordered: a queue)
        m.put(CONTROL_URL, stack.description().controlUrl());
        m.put(CONTROL_TOKEN, stack.description().controlToken());
        return m;
    }

    /** The S3 settings, plus those of every server the provider needs, started now if they are not running. */
    @Override
    public Map<String, String> sourceConfig(SourceProvider provider) {
        Map<String, String> m = sourceConfig();
        m.putAll(stack.startServers(provider.localServers()));
        return m;
    }

    @Override
    public Hazards hazards(ClickPipesPipeControl pipes) {
        return new Hazards() {
            @Override
            public String revokeSourceCredentials(PipeSpec pipe, String pipeId) {
                return stack.revokeSourceCredentials();
            }

            @Override
            public String restoreSourceCredentials(PipeSpec pipe, String pipeId) {
                return stack.restoreSourceCredentials();
            }

            @Override
            public String idleService() {
                stack.apiFaults(Map.of("serviceState", "idle"));
                return "the emulator's service is idle: the next start gets 424 and wakes it (awake)";
            }
        };
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
