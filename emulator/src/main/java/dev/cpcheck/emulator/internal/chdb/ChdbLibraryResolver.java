package dev.cpcheck.emulator.internal.chdb;

import dev.cpcheck.emulator.ChdbLibrary;
import dev.cpcheck.emulator.ChdbLibraryUnavailableException;
import dev.cpcheck.localstack.ChdbLibraryLocation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code libchdb.so}: configured path, then cache, then {@code npm pack} download. All
 * inputs (environment, properties, home, npm command, platform) are injected so that the order and
 * the failure messages can be tested without touching the real cache.
 */
public final class ChdbLibraryResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ChdbLibraryResolver.class);

    /** Library file name inside the npm package and in the cache. */
    public static final String LIBRARY_FILE = ChdbLibraryLocation.LIBRARY_FILE;

    // One download at a time inside this JVM; the file lock covers other JVMs (it is per process,
    // so it cannot serialize threads of one JVM by itself).
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final String version;
    private final Map<String, String> environment;
    private final Properties properties;
    private final Path userHome;
    private final ChdbPlatform platform;
    private final NpmPackageDownloader downloader;

    public ChdbLibraryResolver(
            String version,
            Map<String, String> environment,
            Properties properties,
            Path userHome,
            ChdbPlatform platform,
            NpmPackageDownloader downloader) {
        this.version = Objects.requireNonNull(version, "version");
        this.environment = Map.copyOf(environment);
        this.properties = properties;
        this.userHome = userHome;
        this.platform = platform;
        this.downloader = downloader;
    }

    /** A resolver reading this process's environment, properties and PATH. */
    public static ChdbLibraryResolver fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new ChdbLibraryResolver(
                defaultVersion(),
                env,
                System.getProperties(),
                Path.of(System.getProperty("user.home")),
                null,
                NpmPackageDownloader.fromPath(env));
    }

    /** The chdb version pinned by the build ({@code chdb.version} in the parent POM). */
    public static String defaultVersion() {
        return ChdbLibraryLocation.version();
    }

    public String version() {
        return version;
    }

    /** {@code $XDG_CACHE_HOME/cpcheck/chdb/<version>} or {@code ~/.cache/cpcheck/chdb/<version>}. */
    public Path cacheDirectory() {
        return ChdbLibraryLocation.cacheDirectory(environment, userHome, version);
    }

    /** The library if it is configured or already cached; never downloads. */
    public Optional<Path> findExisting() {
        Optional<Path> configured = configuredPath();
        if (configured.isPresent()) {
            return configured;
        }
        Path cached = cacheDirectory().resolve(LIBRARY_FILE);
        return Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /** The library, downloading it into the cache when it is neither configured nor cached. */
    public Path resolve() {
        Optional<Path> existing = findExisting();
        if (existing.isPresent()) {
            return existing.get();
        }
        ChdbPlatform target = platform != null ? platform : ChdbPlatform.current();
        String spec = target.npmPackage() + "@" + version;
        Path cacheDir = cacheDirectory();
        Path library = cacheDir.resolve(LIBRARY_FILE);
        if (!downloader.npmAvailable()) {
            throw new ChdbLibraryUnavailableException("The embedded ClickHouse needs the chdb library " + spec
                    + " (" + LIBRARY_FILE + ", about 180 MB to download) and it is not on this machine: "
                    + ChdbLibrary.PATH_VARIABLE + " is not set, " + library + " does not exist, and npm is not on"
                    + " the PATH to download it. Either install Node.js with npm (https://nodejs.org/) and run"
                    + " again, or fetch it yourself with `npm pack " + spec + "`, unpack it and set "
                    + ChdbLibrary.PATH_VARIABLE + "=/path/to/package/" + LIBRARY_FILE
                    + ", or use an existing ClickHouse server instead of the embedded one.");
        }
        JVM_LOCK.lock();
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel lockChannel =
                    FileChannel.open(cacheDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                LOG.debug("Waiting for the chdb cache lock {}", cacheDir.resolve(".lock"));
                FileLock lock = lockChannel.lock();
                try {
                    // another JVM may have finished the download while we waited
                    if (Files.isRegularFile(library)) {
                        return library;
                    }
                    downloader.downloadLibrary(spec, cacheDir, LIBRARY_FILE);
                    return library;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new ChdbLibraryUnavailableException(
                    "Could not download " + spec + " into " + cacheDir + ": "
                            + e.getMessage() + ". Set " + ChdbLibrary.PATH_VARIABLE + " to an existing " + LIBRARY_FILE
                            + " to skip the download.",
                    e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    private Optional<Path> configuredPath() {
        try {
            return ChdbLibraryLocation.configured(environment, properties, version);
        } catch (IllegalArgumentException e) {
            throw new ChdbLibraryUnavailableException(e.getMessage());
        }
    }
}
