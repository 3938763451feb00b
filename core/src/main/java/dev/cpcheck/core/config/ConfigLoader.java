package dev.cpcheck.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loads a {@link CpcheckConfig} with the precedence flags &gt; environment &gt; {@code .env} file
 * &gt; defaults. Environment and env-file entries that are not {@link ConfigKey}s are kept as
 * extras only when they start with one of the {@link #extraPrefixes} (source providers declare
 * theirs), so the whole process environment never lands in a report.
 *
 * <pre>{@code
 * CpcheckConfig config = ConfigLoader.builder()
 *     .flag(ConfigKey.S3_BUCKET, "my-bucket")
 *     .environment(System.getenv())
 *     .envFile(Path.of(".env"), false)    // optional: a missing default .env is fine
 *     .load()
 *     .validate();
 * }</pre>
 */
public final class ConfigLoader {
    private final Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    private final Map<String, String> extraFlags = new LinkedHashMap<>();
    private Map<String, String> environment = Map.of();
    private Path envFile;
    private boolean envFileRequired;
    private final Set<String> extraPrefixes = new HashSet<>();
    private final Set<String> secretKeys = new HashSet<>();

    private ConfigLoader() {}

    public static ConfigLoader builder() {
        return new ConfigLoader();
    }

    /** A value given on the command line (highest precedence); null or blank is ignored. */
    public ConfigLoader flag(ConfigKey key, String value) {
        if (value != null && !value.isBlank()) {
            flags.put(key, value);
        }
        return this;
    }

    /** An extra (non-{@link ConfigKey}) value given on the command line. */
    public ConfigLoader extraFlag(String key, String value) {
        extraFlags.put(key, value);
        return this;
    }

    /** The process environment (usually {@code System.getenv()}). */
    public ConfigLoader environment(Map<String, String> environment) {
        this.environment = environment == null ? Map.of() : environment;
        return this;
    }

    /**
     * An env file. When {@code required} is false a missing file is skipped (the default
     * {@code ./.env}); an explicitly given file must exist and be readable.
     */
    public ConfigLoader envFile(Path file, boolean required) {
        this.envFile = file;
        this.envFileRequired = required;
        return this;
    }

    /** Keeps environment/env-file entries with this name prefix as extras (e.g. {@code R2_}). */
    public ConfigLoader extraPrefix(String prefix) {
        extraPrefixes.add(prefix);
        return this;
    }

    /** Marks extra keys as secret. */
    public ConfigLoader secretKeys(Set<String> keys) {
        secretKeys.addAll(keys);
        return this;
    }

    /**
     * Loads the configuration.
     *
     * @throws ConfigException when the env file is required but missing or unreadable, or has a bad line
     */
    public CpcheckConfig load() {
        Map<String, String> fileValues = Map.of();
        if (envFile != null && (envFileRequired || Files.exists(envFile))) {
            fileValues = EnvFile.read(envFile);
        }
        Map<ConfigKey, CpcheckConfig.Value> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            String v;
            if ((v = flags.get(key)) != null) {
                values.put(key, new CpcheckConfig.Value(v.trim(), ConfigSource.FLAG));
            } else if ((v = nonBlank(environment.get(key.name()))) != null) {
                values.put(key, new CpcheckConfig.Value(v.trim(), ConfigSource.ENVIRONMENT));
            } else if ((v = nonBlank(fileValues.get(key.name()))) != null) {
                values.put(key, new CpcheckConfig.Value(v.trim(), ConfigSource.ENV_FILE));
            } else if (key.defaultValue().isPresent()) {
                values.put(key, new CpcheckConfig.Value(key.defaultValue().get(), ConfigSource.DEFAULT));
            }
        }
        Map<String, String> extras = new LinkedHashMap<>();
        putExtras(extras, fileValues);
        putExtras(extras, environment);
        extras.putAll(extraFlags);
        return new CpcheckConfig(values, extras, secretKeys);
    }

    private void putExtras(Map<String, String> extras, Map<String, String> source) {
        source.forEach((k, v) -> {
            if (ConfigKey.byName(k).isEmpty()
                    && extraPrefixes.stream().anyMatch(k::startsWith)
                    && nonBlank(v) != null) {
                extras.put(k, v);
            }
        });
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
