package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.engine.RetryNotice;
import dev.cpcheck.validation.ClickHouseTarget;
import java.util.Map;
import java.util.function.Consumer;

/** ClickHouse Cloud: the real ClickPipes API, the service's SQL endpoint and a real bucket. */
public final class CloudEnvironment implements Environment {
    private final CpcheckConfig config;
    private final ClickPipesClient client;
    private final ClickHouseTarget clickHouse;

    public CloudEnvironment(CpcheckConfig config, boolean wakeIdleService, boolean wakeStoppedService) {
        this(config, wakeIdleService, wakeStoppedService, notice -> {});
    }

    /** @param retries told about every retry of the API client as it happens */
    public CloudEnvironment(
            CpcheckConfig config, boolean wakeIdleService, boolean wakeStoppedService, Consumer<RetryNotice> retries) {
        config.requireCloud();
        this.config = config;
        this.client = ClickPipesClient.builder()
                .baseUrl(config.require(ConfigKey.CLICKHOUSE_API_URL))
                .organizationId(config.require(ConfigKey.CLICKHOUSE_ORG_ID))
                .serviceId(config.require(ConfigKey.CLICKHOUSE_SERVICE_ID))
                .apiKeyId(config.require(ConfigKey.CLICKHOUSE_API_KEY_ID))
                .apiKeySecret(config.require(ConfigKey.CLICKHOUSE_API_KEY_SECRET))
                .wakeIdleService(wakeIdleService)
                .wakeStoppedService(wakeStoppedService)
                .retryListener(event -> retries.accept(new RetryNotice("clickpipes-api", event.describe())))
                .build();
        this.clickHouse = clickHouseTarget(config);
    }

    /** The service's SQL endpoint from CLICKHOUSE_HOST/PORT/SECURE/USER/PASSWORD/DATABASE. */
    public static ClickHouseTarget clickHouseTarget(CpcheckConfig config) {
        boolean secure =
                Boolean.parseBoolean(config.get(ConfigKey.CLICKHOUSE_SECURE).orElse("true"));
        String url = (secure ? "https://" : "http://") + config.require(ConfigKey.CLICKHOUSE_HOST) + ":"
                + config.get(ConfigKey.CLICKHOUSE_PORT).orElse("8443");
        return ClickHouseTarget.of(
                url,
                config.get(ConfigKey.CLICKHOUSE_USER).orElse("default"),
                config.get(ConfigKey.CLICKHOUSE_PASSWORD).orElse(""),
                config.get(ConfigKey.CLICKHOUSE_DATABASE).orElse("default"));
    }

    @Override
    public Mode mode() {
        return Mode.CLOUD;
    }

    @Override
    public Map<String, String> sourceConfig() {
        return config.asMap();
    }

    /**
     * In the cloud cpcheck cannot revoke a key at the storage provider; it replaces the pipe's
     * credentials through the API with a revoked copy (same key id, wrong secret or account key),
     * and restores them the same way. The live service validates credentials on update and may
     * refuse the revoked copy: the step then fails with the API's answer. It cannot make the service
     * idle either (it idles by itself after its idle timeout).
     */
    @Override
    public Hazards hazards(ClickPipesPipeControl pipes) {
        return new Hazards() {
            @Override
            public String revokeSourceCredentials(PipeSpec pipe, String pipeId) {
                SourceAuth auth = pipe.source().auth();
                SourceAuth revoked;
                if (auth instanceof SourceAuth.AccessKey k) {
                    revoked = new SourceAuth.AccessKey(k.accessKeyId(), "revoked-by-cpcheck-" + k.accessKeyId());
                } else if (auth instanceof SourceAuth.ConnectionString c) {
                    revoked = new SourceAuth.ConnectionString(
                            c.connectionString().replaceAll("AccountKey=[^;]*", "AccountKey=cmV2b2tlZA=="));
                } else {
                    throw new CpcheckException("the pipe reads with " + auth + ": cpcheck can revoke only an access key"
                            + " or a connection string (it replaces them through the API)");
                }
                pipes.updateCredentials(pipeId, revoked);
                return "the pipe's source credentials replaced with a revoked copy through the API";
            }

            @Override
            public String restoreSourceCredentials(PipeSpec pipe, String pipeId) {
                pipes.updateCredentials(pipeId, pipe.source().auth());
                return "the pipe's source credentials restored through the API";
            }

            @Override
            public String unsupportedReason() {
                return "a ClickHouse Cloud service goes idle by itself after its idle timeout; cpcheck cannot"
                        + " idle it (run the step on the embedded local stack)";
            }
        };
    }

    @Override
    public ClickHouseTarget clickHouse() {
        return clickHouse;
    }

    @Override
    public ClickPipesClient clickPipes() {
        return client;
    }

    @Override
    public RunnerConfig runnerDefaults() {
        return RunnerConfig.cloudDefaults();
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(
                Mode.CLOUD,
                clickHouse.url(),
                clickHouse.database(),
                client.baseUrl().toString(),
                config.get(ConfigKey.S3_ENDPOINT).orElse(null),
                config.get(ConfigKey.S3_BUCKET).orElse(null));
    }

    @Override
    public void close() {
        client.close();
    }
}
