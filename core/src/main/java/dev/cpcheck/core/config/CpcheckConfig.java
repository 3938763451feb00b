package dev.cpcheck.core.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolved configuration: a value and its {@link ConfigSource} per {@link ConfigKey}, plus extra
 * settings for source providers. Immutable. {@link #toString()} and JSON serialisation mask
 * secrets, so a config can be logged or written to {@code config.json} safely.
 *
 * <pre>{@code
 * CpcheckConfig config = ConfigLoader.builder()
 *     .environment(System.getenv())
 *     .envFile(Path.of(".env"), false)
 *     .load();
 * Mode mode = config.resolveMode(Mode.AUTO);
 * }</pre>
 */
public final class CpcheckConfig {
    /** Keys the cloud mode cannot run without. */
    public static final List<ConfigKey> CLOUD_REQUIRED = List.of(
            ConfigKey.CLICKHOUSE_ORG_ID,
            ConfigKey.CLICKHOUSE_SERVICE_ID,
            ConfigKey.CLICKHOUSE_API_KEY_ID,
            ConfigKey.CLICKHOUSE_API_KEY_SECRET,
            ConfigKey.CLICKHOUSE_HOST,
            ConfigKey.S3_BUCKET);

    /**
     * The longest S3_PREFIX: S3 keys are at most 1,024 bytes (AWS S3 docs, "Naming Amazon S3
     * objects") and a key adds {@code /<run id>/} (24 characters) and a file name (a key template of
     * at most 64 characters plus the id and suffix) to the prefix. ClickPipes documents no limit of
     * its own on the pipe URL; this is the bound the keys set.
     */
    public static final int MAX_PREFIX_LENGTH = 900;

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|PASSWORD|TOKEN|PRIVATE).*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/-]*");

    /** A value and where it came from. */
    public record Value(String value, ConfigSource source) {}

    private final Map<ConfigKey, Value> values;
    private final Map<String, String> extras;
    private final Set<String> extraSecretKeys;

    CpcheckConfig(Map<ConfigKey, Value> values, Map<String, String> extras, Set<String> extraSecretKeys) {
        this.values =
                Collections.unmodifiableMap(new EnumMap<>(values.isEmpty() ? new EnumMap<>(ConfigKey.class) : values));
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        this.extraSecretKeys = Set.copyOf(extraSecretKeys);
    }

    /** A config with only the defaults. */
    public static CpcheckConfig defaults() {
        return ConfigLoader.builder().load();
    }

    public Optional<String> get(ConfigKey key) {
        Value v = values.get(key);
        return v == null || v.value().isBlank() ? Optional.empty() : Optional.of(v.value());
    }

    /** Where the value came from, empty when unset. */
    public Optional<ConfigSource> sourceOf(ConfigKey key) {
        return get(key).map(x -> values.get(key).source());
    }

    /**
     * A value that must be set.
     *
     * @throws ConfigException saying how to set it
     */
    public String require(ConfigKey key) {
        return get(key).orElseThrow(() ->
                new ConfigException("missing " + key.name() + " (" + key.description() + "): " + key.howToSet()));
    }

    /** Extra settings (not a {@link ConfigKey}), e.g. for a custom source provider. */
    public Map<String, String> extras() {
        return extras;
    }

    /** Every setting by name, secrets included: hand it to code, never show it. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            get(k).ifPresent(v -> m.put(k.name(), v));
        }
        m.putAll(extras);
        return m;
    }

    /** Whether a key's value must be hidden. */
    public boolean isSecret(String key) {
        return ConfigKey.byName(key).map(ConfigKey::secret).orElse(false)
                || extraSecretKeys.contains(key)
                || SECRET_NAME.matcher(key).matches();
    }

    /** Every setting by name, secrets shown as {@code ****}: safe for logs and config.json. */
    @JsonValue
    public Map<String, String> toMaskedMap() {
        Map<String, String> m = new LinkedHashMap<>();
        asMap().forEach((k, v) -> m.put(k, isSecret(k) ? "****" : v));
        return m;
    }

    /** A copy that also masks these keys (e.g. a source provider's {@code sensitiveKeys()}). */
    public CpcheckConfig withSecretKeys(Set<String> keys) {
        Set<String> all = new java.util.HashSet<>(extraSecretKeys);
        all.addAll(keys);
        return new CpcheckConfig(values, extras, all);
    }

    /** Cloud keys that are not set, in a stable order. */
    public List<ConfigKey> missingForCloud() {
        List<ConfigKey> missing = new ArrayList<>();
        for (ConfigKey k : CLOUD_REQUIRED) {
            if (get(k).isEmpty()) {
                missing.add(k);
            }
        }
        return missing;
    }

    public boolean cloudComplete() {
        return missingForCloud().isEmpty();
    }

    /**
     * Resolves {@link Mode#AUTO}: cloud when the cloud settings are complete, else local.
     *
     * @throws ConfigException when {@link Mode#CLOUD} is asked for and settings are missing
     */
    public Mode resolveMode(Mode requested) {
        if (requested == Mode.CLOUD) {
            requireCloud();
            return Mode.CLOUD;
        }
        if (requested == Mode.LOCAL) {
            return Mode.LOCAL;
        }
        return cloudComplete() ? Mode.CLOUD : Mode.LOCAL;
    }

    /** @throws ConfigException listing every missing cloud setting and how to set them */
    public void requireCloud() {
        List<ConfigKey> missing = missingForCloud();
        if (!missing.isEmpty()) {
            throw new ConfigException("cloud mode needs "
                    + String.join(", ", missing.stream().map(Enum::name).toList())
                    + ": set them in the environment or the .env file (see .env.template), or run with --local");
        }
    }

    /**
     * Checks the form of every value that is set.
     *
     * @throws ConfigException naming the setting, what is wrong and how to fix it
     */
    public CpcheckConfig validate() {
        get(ConfigKey.CLICKHOUSE_PORT).ifPresent(p -> {
            int port;
            try {
                port = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw invalid(ConfigKey.CLICKHOUSE_PORT, "'" + p + "' is not a port number (1-65535)");
            }
        });
        get(ConfigKey.CLICKHOUSE_API_URL).ifPresent(u -> requireHttpUrl(ConfigKey.CLICKHOUSE_API_URL, u));
        get(ConfigKey.S3_ENDPOINT).ifPresent(u -> requireHttpUrl(ConfigKey.S3_ENDPOINT, u));
        get(ConfigKey.AWS_REGION).ifPresent(r -> {
            if (!REGION.matcher(r).matches()) {
                throw invalid(ConfigKey.AWS_REGION, "'" + r + "' is not an AWS region name like us-east-1");
            }
        });
        get(ConfigKey.S3_BUCKET).ifPresent(b -> {
            if (!BUCKET.matcher(b).matches()) {
                throw invalid(
                        ConfigKey.S3_BUCKET,
                        "'" + b + "' is not a valid bucket name (3-63 lower-case letters, digits, '.', '-')");
            }
        });
        get(ConfigKey.S3_PREFIX).ifPresent(p -> {
            if (!PREFIX.matcher(p).matches() || p.startsWith("/") || p.contains("//")) {
                throw invalid(
                        ConfigKey.S3_PREFIX,
                        "'" + p + "' is not a simple key prefix (letters, digits, '/', '-', '_', '.'; no leading '/')");
            }
            if (p.length() > MAX_PREFIX_LENGTH) {
                throw invalid(
                        ConfigKey.S3_PREFIX,
                        "is " + p.length() + " characters long; at most " + MAX_PREFIX_LENGTH + ": every key is"
                                + " <S3_PREFIX>/<run id>/<file name> and S3 keys are at most 1,024 bytes (AWS S3 docs,"
                                + " \"Naming Amazon S3 objects\"), so a pipe URL over a longer prefix could match no file");
            }
        });
        get(ConfigKey.CLICKHOUSE_DATABASE).ifPresent(d -> {
            if (!d.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invalid(ConfigKey.CLICKHOUSE_DATABASE, "'" + d + "' is not a plain identifier");
            }
        });
        for (ConfigKey flag : List.of(ConfigKey.CLICKHOUSE_SECURE, ConfigKey.CLICKPIPE_MANAGED_TABLE)) {
            get(flag).ifPresent(v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw invalid(flag, "'" + v + "' is not true or false");
                }
            });
        }
        get(ConfigKey.CLICKHOUSE_HOST).ifPresent(h -> {
            if (h.contains("/") || h.contains(" ")) {
                throw invalid(
                        ConfigKey.CLICKHOUSE_HOST,
                        "'" + h
                                + "' should be a host name only, like abc123.us-east-1.aws.clickhouse.cloud (no scheme or path)");
            }
        });
        return this;
    }

    private static void requireHttpUrl(ConfigKey key, String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid(key, "'" + url + "' is not an http(s) URL like https://host[:port]");
            }
        } catch (URISyntaxException e) {
            throw invalid(key, "'" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static ConfigException invalid(ConfigKey key, String what) {
        return new ConfigException(key.name() + " " + what + "; " + key.howToSet());
    }

    @Override
    public String toString() {
        return "CpcheckConfig" + toMaskedMap();
    }
}
