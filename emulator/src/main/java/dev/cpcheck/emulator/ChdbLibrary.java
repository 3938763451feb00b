package dev.cpcheck.emulator;

import dev.cpcheck.emulator.internal.chdb.ChdbLibraryResolver;
import dev.cpcheck.emulator.internal.chdb.ChdbPlatform;
import dev.cpcheck.localstack.ChdbLibraryLocation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the chdb library ({@code libchdb.so}, the ClickHouse engine as a shared library) that
 * {@link EmbeddedClickHouse} runs, downloading it on first use.
 *
 * <p>Resolution order:
 * <ol>
 *   <li>the system property {@value #PATH_PROPERTY} or the environment variable
 *       {@value #PATH_VARIABLE}: a path to {@code libchdb.so} (a set but missing path is an error,
 *       never silently skipped);</li>
 *   <li>the cache {@code $XDG_CACHE_HOME/cpcheck/chdb/<version>/libchdb.so} (default
 *       {@code ~/.cache/cpcheck/chdb/<version>/});</li>
 *   <li>a download with {@code npm pack @chdb/lib-<os>-<arch>@<version>} into that cache: progress
 *       is logged, the tarball is checked against the registry's {@code dist.integrity} before it is
 *       extracted, the library is moved into place atomically, and a file lock keeps two JVMs that
 *       download at once from corrupting the cache.</li>
 * </ol>
 * Without npm and without the library, {@link ChdbLibraryUnavailableException} says what to
 * install or which variable to set.
 *
 * <pre>{@code
 * Path lib = ChdbLibrary.resolve();   // downloads ~180 MB once, then instant
 * }</pre>
 */
public final class ChdbLibrary {

    /** Environment variable naming an existing {@code libchdb.so}. */
    public static final String PATH_VARIABLE = ChdbLibraryLocation.PATH_VARIABLE;

    /** System property naming an existing {@code libchdb.so}; wins over {@value #PATH_VARIABLE}. */
    public static final String PATH_PROPERTY = ChdbLibraryLocation.PATH_PROPERTY;

    private ChdbLibrary() {}

    /** The chdb version this build of cpcheck runs (the npm package version). */
    public static String version() {
        return ChdbLibraryResolver.defaultVersion();
    }

    /** The npm package for this machine, e.g. {@code @chdb/lib-linux-x64-gnu@26.7.3-stable.1}. */
    public static String npmPackage() {
        return ChdbPlatform.current().npmPackage() + "@" + version();
    }

    /** The cache folder for this version (it may not exist yet). */
    public static Path cacheDirectory() {
        return ChdbLibraryResolver.fromEnvironment().cacheDirectory();
    }

    /** The library if it is configured or cached, without downloading. */
    public static Optional<Path> findWithoutDownload() {
        return ChdbLibraryResolver.fromEnvironment().findExisting();
    }

    /**
     * The library, downloaded into the cache if needed.
     *
     * @throws ChdbLibraryUnavailableException when it is neither configured, cached nor downloadable
     */
    public static Path resolve() {
        return ChdbLibraryResolver.fromEnvironment().resolve();
    }
}
