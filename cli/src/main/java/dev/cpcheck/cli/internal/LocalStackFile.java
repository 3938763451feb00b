package dev.cpcheck.cli.internal;

import dev.cpcheck.core.config.EnvFile;
import dev.cpcheck.emulator.ClickHouseEndpoint;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.engine.internal.LocalEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings file {@code cpcheck local up} writes while its stack runs: the stack's endpoints and
 * credentials as cloud settings ({@code CLICKHOUSE_API_URL}, {@code S3_ENDPOINT},
 * {@code CLICKHOUSE_HOST}, ...), so step commands and {@code --cloud --env-file} runs reach it
 * through the same code path as ClickHouse Cloud. Readable by the owner only.
 */
public final class LocalStackFile {
    /** Default location, relative to the working folder. */
    public static final String DEFAULT = ".cpcheck/local-stack.env";

    private static final String PID_LINE = "# pid ";

    private LocalStackFile() {}

    /** Where the file is: {@code CPCHECK_LOCAL_STACK_FILE} or {@value #DEFAULT}. */
    public static Path path() {
        String p = System.getenv("CPCHECK_LOCAL_STACK_FILE");
        return Path.of(p == null || p.isBlank() ? DEFAULT : p);
    }

    /** The settings that point cpcheck at a running stack. */
    public static Map<String, String> settings(LocalStack stack, String bucket) {
        ClickHouseEndpoint ch = stack.clickHouse();
        ClickPipesEndpoint api = stack.clickPipes();
        URI chUrl = ch.httpUrl();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CLICKHOUSE_API_URL", api.apiBaseUrl().toString());
        m.put("CLICKHOUSE_ORG_ID", api.organizationId());
        m.put("CLICKHOUSE_SERVICE_ID", api.serviceId());
        m.put("CLICKHOUSE_API_KEY_ID", api.apiKeyId());
        m.put("CLICKHOUSE_API_KEY_SECRET", api.apiKeySecret());
        m.put("CLICKHOUSE_HOST", chUrl.getHost());
        m.put("CLICKHOUSE_PORT", String.valueOf(chUrl.getPort()));
        m.put("CLICKHOUSE_SECURE", String.valueOf("https".equalsIgnoreCase(chUrl.getScheme())));
        m.put("CLICKHOUSE_USER", ch.user());
        m.put("CLICKHOUSE_PASSWORD", ch.password() == null ? "" : ch.password());
        m.put("CLICKHOUSE_DATABASE", ch.database());
        m.putAll(LocalEnvironment.s3Settings(stack.s3(), bucket));
        return m;
    }

    /** Writes the file (owner-only permissions where the file system has them). */
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
    public static boolean isRunning() {
        Path file = path();
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
}
