package dev.cpcheck.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * cpcheck's cache folder: {@code $XDG_CACHE_HOME/cpcheck}, by default {@code ~/.cache/cpcheck}. It
 * holds the ClickHouse library ({@code chdb/<version>/}) and the embedded stack's server jar
 * ({@code stack/<sha-256>/}).
 */
public final class CpcheckCache {
    private CpcheckCache() {}

    /** The cache folder for this process's environment and home. */
    public static Path root() {
        return root(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The cache folder for the given environment and home (it may not exist yet). */
    public static Path root(Map<String, String> environment, Path userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
        return base.resolve("cpcheck");
    }
}
