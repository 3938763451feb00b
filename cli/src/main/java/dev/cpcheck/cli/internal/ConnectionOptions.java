package dev.cpcheck.cli.internal;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.ConfigLoader;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.LocalStackFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a command works and with which settings: {@code --local}/{@code --cloud}, the env file,
 * the runs folder and a flag for every non-secret setting. Precedence: flags &gt; environment &gt;
 * env file &gt; defaults. Secrets have no flags: they do not belong in shell history.
 */
public final class ConnectionOptions {
    @ArgGroup(exclusive = true)
    ModeFlags modeFlags;

    static final class ModeFlags {
        @Option(names = "--local", description = "Use the embedded local stack (ClickHouse, S3, ClickPipes emulator).")
        boolean local;

        @Option(names = "--cloud", description = "Use ClickHouse Cloud, a real bucket and the ClickPipes API.")
        boolean cloud;
    }

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            description = "Settings file (KEY=VALUE lines). Default: ./.env when it exists.")
    Path envFile;

    @Option(
            names = "--runs-dir",
            paramLabel = "DIR",
            defaultValue = "runs",
            description = "Folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(
            names = "--source",
            paramLabel = "ID",
            completionCandidates = SourceIds.class,
            description = "Source the fixtures go to and the pipe reads: ${COMPLETION-CANDIDATES} (default s3, or the"
                    + " scenario's sourceProvider). Step commands after 'fixtures upload' use the run's.")
    String source;

    @Option(names = "--aws-access-key-id", paramLabel = "ID", description = "AWS_ACCESS_KEY_ID")
    String awsAccessKeyId;

    @Option(names = "--aws-region", paramLabel = "REGION", description = "AWS_REGION")
    String awsRegion;

    @Option(names = "--aws-profile", paramLabel = "NAME", description = "AWS_PROFILE")
    String awsProfile;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "S3_BUCKET")
    String s3Bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = "S3_PREFIX")
    String s3Prefix;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3_ENDPOINT (S3-compatible stores)")
    String s3Endpoint;

    @Option(names = "--s3-role-arn", paramLabel = "ARN", description = "S3_ROLE_ARN (the pipe reads with this role)")
    String s3RoleArn;

    @Option(names = "--org-id", paramLabel = "ID", description = "CLICKHOUSE_ORG_ID")
    String orgId;

    @Option(names = "--service-id", paramLabel = "ID", description = "CLICKHOUSE_SERVICE_ID")
    String serviceId;

    @Option(names = "--api-key-id", paramLabel = "ID", description = "CLICKHOUSE_API_KEY_ID")
    String apiKeyId;

    @Option(names = "--api-url", paramLabel = "URL", description = "CLICKHOUSE_API_URL")
    String apiUrl;

    @Option(names = "--clickhouse-host", paramLabel = "HOST", description = "CLICKHOUSE_HOST")
    String clickhouseHost;

    @Option(names = "--clickhouse-port", paramLabel = "PORT", description = "CLICKHOUSE_PORT")
    String clickhousePort;

    @Option(names = "--clickhouse-user", paramLabel = "USER", description = "CLICKHOUSE_USER")
    String clickhouseUser;

    @Option(names = "--clickhouse-database", paramLabel = "DB", description = "CLICKHOUSE_DATABASE")
    String clickhouseDatabase;

    @Option(names = "--clickhouse-secure", paramLabel = "true|false", description = "CLICKHOUSE_SECURE")
    String clickhouseSecure;

    private CpcheckConfig loaded;
    private Mode resolved;

    /** The source provider ids on the class path, for {@code --help}. */
    public static final class SourceIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CheckpointEngine.sourceProviderIds().iterator();
        }
    }

    /**
     * The source provider asked for with {@code --source}, if any.
     *
     * @throws ConfigException for an id no provider on the class path has, naming those there are
     */
    public java.util.Optional<String> source() {
        if (source == null) {
            return java.util.Optional.empty();
        }
        List<String> known = CheckpointEngine.sourceProviderIds();
        if (!known.contains(source)) {
            throw new ConfigException(
                    "--source " + source + " is not a known source; available: " + String.join(", ", known));
        }
        return java.util.Optional.of(source);
    }

    /** The folder run folders go to. */
    public Path runsDirectory() {
        return runsDir;
    }

    /** The mode asked for on the command line. */
    public Mode requestedMode() {
        if (modeFlags == null) {
            return Mode.AUTO;
        }
        return modeFlags.cloud ? Mode.CLOUD : modeFlags.local ? Mode.LOCAL : Mode.AUTO;
    }

    Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> m = new EnumMap<>(ConfigKey.class);
        put(m, ConfigKey.AWS_ACCESS_KEY_ID, awsAccessKeyId);
        put(m, ConfigKey.AWS_REGION, awsRegion);
        put(m, ConfigKey.AWS_PROFILE, awsProfile);
        put(m, ConfigKey.S3_BUCKET, s3Bucket);
        put(m, ConfigKey.S3_PREFIX, s3Prefix);
        put(m, ConfigKey.S3_ENDPOINT, s3Endpoint);
        put(m, ConfigKey.S3_ROLE_ARN, s3RoleArn);
        put(m, ConfigKey.CLICKHOUSE_ORG_ID, orgId);
        put(m, ConfigKey.CLICKHOUSE_SERVICE_ID, serviceId);
        put(m, ConfigKey.CLICKHOUSE_API_KEY_ID, apiKeyId);
        put(m, ConfigKey.CLICKHOUSE_API_URL, apiUrl);
        put(m, ConfigKey.CLICKHOUSE_HOST, clickhouseHost);
        put(m, ConfigKey.CLICKHOUSE_PORT, clickhousePort);
        put(m, ConfigKey.CLICKHOUSE_USER, clickhouseUser);
        put(m, ConfigKey.CLICKHOUSE_DATABASE, clickhouseDatabase);
        put(m, ConfigKey.CLICKHOUSE_SECURE, clickhouseSecure);
        return m;
    }

    private static void put(Map<ConfigKey, String> m, ConfigKey key, String value) {
        if (value != null) {
            if (value.isBlank()) {
                throw new ConfigException(key.flag().orElse(key.name()) + " must not be empty");
            }
            m.put(key, value);
        }
    }

    /**
     * The settings: flags, environment, env file, defaults; checked for form. Secret values are
     * registered so nothing the CLI prints shows them.
     *
     * @throws ConfigException naming the setting that is wrong
     */
    public CpcheckConfig config() {
        if (loaded == null) {
            loaded = load(envFile, envFile != null);
        }
        return loaded;
    }

    private CpcheckConfig load(Path file, boolean required) {
        ConfigLoader loader = ConfigLoader.builder().environment(System.getenv());
        flags().forEach(loader::flag);
        Path f = file != null ? file : Path.of(".env");
        if (required && Files.isDirectory(f)) {
            throw new ConfigException("--env-file " + f + " is a folder, not a settings file");
        }
        loader.envFile(f, required);
        // settings of every source provider (AZURE_..., GCS_...) are kept, their secrets masked
        Set<String> sourceSecrets = new HashSet<>();
        for (SourceProvider p : ProviderRegistry.sourceProviders().all()) {
            p.settingPrefixes().forEach(loader::extraPrefix);
            sourceSecrets.addAll(p.sensitiveKeys());
        }
        loader.secretKeys(sourceSecrets);
        CpcheckConfig config = loader.load().validate();
        config.extras().forEach((k, v) -> {
            if (config.isSecret(k)) {
                Secrets.register(v);
            }
        });
        for (ConfigKey k : ConfigKey.values()) {
            if (k.secret()) {
                config.get(k).ifPresent(Secrets::register);
            }
        }
        return config;
    }

    /**
     * The mode this command runs in: AUTO becomes cloud when the cloud settings are complete, else
     * local with a one-line note naming what is missing.
     */
    public Mode resolveMode(Progress out) {
        if (resolved != null) {
            return resolved;
        }
        CpcheckConfig config = config();
        Mode requested = requestedMode();
        Mode mode = config.resolveMode(requested);
        if (requested == Mode.AUTO && mode == Mode.LOCAL) {
            boolean anyCloud = config.missingForCloud().size() < CpcheckConfig.CLOUD_REQUIRED.size();
            out.note(
                    anyCloud
                            ? "cloud settings incomplete (missing "
                                    + String.join(
                                            ", ",
                                            config.missingForCloud().stream()
                                                    .map(Enum::name)
                                                    .toList())
                                    + "): running on the embedded local stack; --cloud to insist"
                            : "no cloud settings: running on the embedded local stack (--cloud for ClickHouse Cloud)");
        }
        resolved = mode;
        return mode;
    }

    /** An engine builder for a full run in the resolved mode; retries are shown as they happen. */
    public CheckpointEngine.Builder engineForRun(Progress out) {
        java.util.Optional<String> id = source();
        Mode mode = resolveMode(out);
        CheckpointEngine.Builder b =
                Cpcheck.of(config(), mode).runsDirectory(runsDir).retryListener(out::retry);
        id.ifPresent(b::sourceProvider);
        return b;
    }

    /**
     * An engine builder for commands that act on state that outlives the process (step commands):
     * in the cloud as for a run; locally it attaches to the stack {@code cpcheck local up} keeps
     * running, whose endpoints it reads from the engine's {@link LocalStackFile}.
     *
     * @throws ConfigException when local and no stack is running
     */
    public CheckpointEngine.Builder engineForSteps(Progress out) {
        java.util.Optional<String> id = source();
        Mode mode = resolveMode(out);
        CheckpointEngine.Builder b = mode == Mode.CLOUD
                ? Cpcheck.cloud(config()).runsDirectory(runsDir)
                : Cpcheck.attached(localStackConfig(out)).runsDirectory(runsDir);
        b.retryListener(out::retry);
        id.ifPresent(b::sourceProvider);
        return b;
    }

    /**
     * The settings of the stack {@code cpcheck local up} keeps running ({@link LocalStackFile}),
     * ahead of the environment; flags still win.
     *
     * @throws ConfigException when no stack is running
     */
    public CpcheckConfig localStackConfig(Progress out) {
        Path file = LocalStackFile.path();
        if (envFile != null && LocalStackFile.isRunning(file)) {
            throw new ConfigException("--env-file does not go with --local for step commands: they use the settings of"
                    + " 'cpcheck local up' (" + file + "); for other settings use --cloud --env-file FILE");
        }
        CpcheckConfig stack = LocalStackFile.attach(file, flags(), System.getenv());
        stack.extras().forEach((k, v) -> {
            if (stack.isSecret(k)) {
                Secrets.register(v);
            }
        });
        for (ConfigKey k : ConfigKey.values()) {
            if (k.secret()) {
                stack.get(k).ifPresent(Secrets::register);
            }
        }
        out.note("using the local stack of 'cpcheck local up' (" + file + ")");
        return stack;
    }
}
