package dev.cpcheck.engine;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.ConfigLoader;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.EnvFile;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings file {@code cpcheck local up} writes while its stack runs: the stack's endpoints and
 * credentials as cloud settings ({@code CLICKHOUSE_API_URL}, {@code S3_ENDPOINT},
 * {@code CLICKHOUSE_HOST}, ...), so step commands in other processes and {@code --cloud --env-file}
 * runs reach it through the same code path as ClickHouse Cloud. Readable by the owner only.
 *
 * <pre>{@code
 * Path file = LocalStackFile.path();
 * CpcheckConfig config = LocalStackFile.attach(file, Map.of(), System.getenv());
 * try (CheckpointEngine engine = Cpcheck.attached(config).build()) { ... }
 * }</pre>
 */
public final class LocalStackFile {
    /** Default location, relative to the working folder. */
    public static final String DEFAULT = ".cpcheck/local-stack.env";
    /** Environment variable that moves the file. */
    public static final String PATH_VARIABLE = "CPCHECK_LOCAL_STACK_FILE";

    private static final String PID_LINE = "# pid ";

    private LocalStackFile() {}

    /** Where the file is: {@value #PATH_VARIABLE} or {@value #DEFAULT}. */
    public static Path path() {
        String p = System.getenv(PATH_VARIABLE);
        return Path.of(p == null || p.isBlank() ? DEFAULT : p);
    }

    /** Writes the file for the running stack (owner-only permissions where the file system has them). */
    public static void write(Path file, Map<String, String> settings) {
        StringBuilder b =
                new StringBuilder("# Written by 'cpcheck local up' while its stack runs; deleted when it stops.\n");
        b.append(PID_LINE).append(ProcessHandle.current().pid()).append('\n');
        settings.forEach((k, v) -> b.append(k).append("='").append(v).append("'\n"));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The process that wrote the file, if it says. */
    public static Optional<Long> pid(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.stream()
                    .filter(l -> l.startsWith(PID_LINE))
                    .findFirst()
                    .map(l -> Long.parseLong(l.substring(PID_LINE.length()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the file exists and the process that wrote it is alive. */
    public static boolean isRunning(Path file) {
        return Files.isRegularFile(file)
                && pid(file)
                        .flatMap(ProcessHandle::of)
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    /** Reads the settings. */
    public static Map<String, String> read(Path file) {
        return EnvFile.read(file);
    }

    /**
     * The settings that reach the stack the file describes. Its values beat the environment (a
     * shell with cloud or AWS variables must not send local step commands elsewhere, so every
     * cpcheck variable of {@code environment} is ignored); {@code flags} still win.
     *
     * @throws ConfigException when no stack is running, saying how to start one
     */
    public static CpcheckConfig attach(Path file, Map<ConfigKey, String> flags, Map<String, String> environment) {
        if (!isRunning(file)) {
            throw new ConfigException("no local stack is running (" + file
                    + "): start one with 'cpcheck local up' in another terminal, or use --cloud");
        }
        Map<String, String> others = new HashMap<>(environment);
        for (ConfigKey k : ConfigKey.values()) {
            others.remove(k.name());
        }
        // the source providers' settings (AZURE_..., GCS_...) are the stack's too: kept from the
        // file, ignored in the environment, their secrets masked
        ConfigLoader loader = ConfigLoader.builder();
        Set<String> secrets = new HashSet<>();
        for (SourceProvider p : ProviderRegistry.sourceProviders().all()) {
            for (String prefix : p.settingPrefixes()) {
                loader.extraPrefix(prefix);
                others.keySet().removeIf(k -> k.startsWith(prefix));
            }
            secrets.addAll(p.sensitiveKeys());
        }
        loader.secretKeys(secrets).environment(others);
        flags.forEach(loader::flag);
        loader.envFile(file, true);
        return loader.load().validate();
    }
}
