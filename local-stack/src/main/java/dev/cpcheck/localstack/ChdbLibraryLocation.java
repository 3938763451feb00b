package dev.cpcheck.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the ClickHouse library ({@code libchdb.so}) of the embedded stack is, without downloading
 * it: the path configured with {@value #PATH_PROPERTY} or {@value #PATH_VARIABLE}, else the cache
 * {@code <cpcheck cache>/chdb/<version>/libchdb.so}. The stack process downloads it there on
 * first use; this class lets the launching side say so beforehand.
 */
public final class ChdbLibraryLocation {
    /** Environment variable naming an existing {@code libchdb.so}. */
    public static final String PATH_VARIABLE = "CPCHECK_CHDB_LIB";

    /** System property naming an existing {@code libchdb.so}; wins over {@value #PATH_VARIABLE}. */
    public static final String PATH_PROPERTY = "cpcheck.chdb.lib";

    /** Library file name inside the npm package and in the cache. */
    public static final String LIBRARY_FILE = "libchdb.so";

    private ChdbLibraryLocation() {}

    /** The chdb version this build of cpcheck runs (the npm package version, e.g. {@code 26.7.3-stable.1}). */
    public static String version() {
        try (InputStream in = ChdbLibraryLocation.class.getResourceAsStream("chdb.properties")) {
            if (in == null) {
                throw new IllegalStateException("chdb.properties is missing from the cpcheck-local-stack jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("chdb.version", "").trim();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("chdb.properties in the cpcheck-local-stack jar has no chdb.version");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <cpcheck cache>/chdb/<version>} for the given environment and home. */
    public static Path cacheDirectory(Map<String, String> environment, Path userHome, String version) {
        return CpcheckCache.root(environment, userHome).resolve("chdb").resolve(version);
    }

    /** The cache folder of this build's version for this process. */
    public static Path cacheDirectory() {
        return CpcheckCache.root().resolve("chdb").resolve(version());
    }

    /**
     * The configured path (property, then variable), or empty when neither is set.
     *
     * @throws IllegalArgumentException when one is set but names no library file (never silently
     *                                  skipped); the message says which and what to do
     */
    public static Optional<Path> configured(Map<String, String> environment, Properties properties, String version) {
        String value = properties.getProperty(PATH_PROPERTY);
        String source = "system property " + PATH_PROPERTY;
        if (value == null || value.isBlank()) {
            value = environment.get(PATH_VARIABLE);
            source = "environment variable " + PATH_VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value.trim());
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(LIBRARY_FILE))) {
            path = path.resolve(LIBRARY_FILE);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("The " + source + " names " + path
                    + ", which is not a file. Point it at " + LIBRARY_FILE + " (from the npm package "
                    + "@chdb/lib-<os>-<arch>@" + version + ") or unset it to let cpcheck download the library.");
        }
        return Optional.of(path.toAbsolutePath());
    }

    /** The configured or cached library of this process, never downloading. */
    public static Optional<Path> findExisting() {
        String version = version();
        Optional<Path> configured = configured(System.getenv(), System.getProperties(), version);
        if (configured.isPresent()) {
            return configured;
        }
        Path cached = cacheDirectory().resolve(LIBRARY_FILE);
        return Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }
}
