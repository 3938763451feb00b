package dev.cpcheck.emulator.internal.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.emulator.ChdbLibraryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution order, messages and the npm download path, with a fake npm and a tiny tarball. */
class ChdbLibraryResolverTest {
    private static final String VERSION = "1.2.3-test";
    private static final byte[] LIBRARY = "not really a shared library".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path home;
    private Path tarball;
    private Path calls;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        tarball = tmp.resolve("chdb.tgz");
        calls = tmp.resolve("npm-calls.log");
        try (TarArchiveOutputStream tar =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tarball)))) {
            add(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
            add(tar, "package/libchdb.so", LIBRARY);
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws Exception {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private String integrity(Path file) throws Exception {
        return "sha512-"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }

    /** A fake npm: "view" prints the integrity, "pack" copies the tarball (after a pause) into --pack-destination. */
    private Path fakeNpm(String integrity, int packExit) throws Exception {
        Path npm = tmp.resolve("npm");
        String script = "#!/bin/sh\n"
                + "echo \"$1\" >> '" + calls + "'\n"
                + "if [ \"$1\" = view ]; then echo '\"" + integrity + "\"'; exit 0; fi\n"
                + "if [ \"$1\" = pack ]; then\n"
                + "  if [ " + packExit + " -ne 0 ]; then echo 'npm error 404 Not Found' >&2; exit " + packExit
                + "; fi\n"
                + "  while [ $# -gt 0 ]; do if [ \"$1\" = --pack-destination ]; then dest=\"$2\"; fi; shift; done\n"
                + "  sleep 0.3\n"
                + "  cp '" + tarball + "' \"$dest/chdb-lib-test.tgz\"\n"
                + "  echo '[{\"filename\":\"chdb-lib-test.tgz\"}]'\n"
                + "  exit 0\n"
                + "fi\n"
                + "exit 1\n";
        Files.writeString(npm, script);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return npm;
    }

    private ChdbLibraryResolver resolver(Map<String, String> env, Properties props, Path npm) {
        return new ChdbLibraryResolver(
                VERSION,
                env,
                props,
                home,
                ChdbPlatform.LINUX_X64_GNU,
                new NpmPackageDownloader(Optional.ofNullable(npm), Duration.ofMillis(100)));
    }

    private List<String> npmCalls() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void environmentVariableWins() throws Exception {
        Path lib = Files.write(tmp.resolve("my-libchdb.so"), LIBRARY);
        assertThat(resolver(Map.of("CPCHECK_CHDB_LIB", lib.toString()), new Properties(), null)
                        .resolve())
                .isEqualTo(lib.toAbsolutePath());
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndADirectoryMeansItsLibchdb() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("package"));
        Files.write(dir.resolve("libchdb.so"), LIBRARY);
        Properties props = new Properties();
        props.setProperty("cpcheck.chdb.lib", dir.toString());
        assertThat(resolver(Map.of("CPCHECK_CHDB_LIB", "/nope"), props, null).resolve())
                .isEqualTo(dir.resolve("libchdb.so").toAbsolutePath());
    }

    @Test
    void aConfiguredPathThatDoesNotExistIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> resolver(Map.of("CPCHECK_CHDB_LIB", "/no/such/libchdb.so"), new Properties(), null)
                        .resolve())
                .isInstanceOf(ChdbLibraryUnavailableException.class)
                .hasMessageContaining("environment variable CPCHECK_CHDB_LIB")
                .hasMessageContaining("/no/such");
    }

    @Test
    void cacheFollowsXdgCacheHome() throws Exception {
        Path xdg = tmp.resolve("xdg");
        ChdbLibraryResolver r = resolver(Map.of("XDG_CACHE_HOME", xdg.toString()), new Properties(), null);
        assertThat(r.cacheDirectory()).isEqualTo(xdg.resolve("cpcheck/chdb/" + VERSION));
        assertThat(resolver(Map.of(), new Properties(), null).cacheDirectory())
                .isEqualTo(home.resolve(".cache/cpcheck/chdb/" + VERSION));
        Files.createDirectories(r.cacheDirectory());
        Files.write(r.cacheDirectory().resolve("libchdb.so"), LIBRARY);
        assertThat(r.resolve()).isEqualTo(r.cacheDirectory().resolve("libchdb.so"));
    }

    @Test
    void withoutNpmAndWithoutLibraryTheErrorSaysWhatToDo() {
        assertThatThrownBy(() -> resolver(Map.of(), new Properties(), null).resolve())
                .isInstanceOf(ChdbLibraryUnavailableException.class)
                .hasMessageContaining("npm is not on the PATH")
                .hasMessageContaining("install Node.js with npm")
                .hasMessageContaining("CPCHECK_CHDB_LIB=")
                .hasMessageContaining("@chdb/lib-linux-x64-gnu@" + VERSION);
    }

    @Test
    void downloadsVerifiesAndExtractsIntoTheCache() throws Exception {
        ChdbLibraryResolver r = resolver(Map.of(), new Properties(), fakeNpm(integrity(tarball), 0));
        Path lib = r.resolve();
        assertThat(lib).isEqualTo(r.cacheDirectory().resolve("libchdb.so"));
        assertThat(Files.readAllBytes(lib)).isEqualTo(LIBRARY);
        assertThat(Files.isExecutable(lib)).isTrue();
        assertThat(Files.readString(r.cacheDirectory().resolve("package.properties")))
                .contains("package=@chdb/lib-linux-x64-gnu@" + VERSION);
        try (Stream<Path> files = Files.list(r.cacheDirectory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("libchdb.so", "package.properties", ".lock");
        }
        assertThat(npmCalls()).containsExactly("view", "pack");
        assertThat(r.resolve()).isEqualTo(lib);
        assertThat(npmCalls()).as("cached: npm not called again").hasSize(2);
    }

    @Test
    void aTarballThatDoesNotMatchTheRegistryIntegrityIsDiscarded() throws Exception {
        String wrong = "sha512-" + Base64.getEncoder().encodeToString(new byte[64]);
        ChdbLibraryResolver r = resolver(Map.of(), new Properties(), fakeNpm(wrong, 0));
        assertThatThrownBy(r::resolve)
                .isInstanceOf(ChdbLibraryUnavailableException.class)
                .hasMessageContaining("does not match the registry's integrity");
        assertThat(r.cacheDirectory().resolve("libchdb.so")).doesNotExist();
        try (Stream<Path> files = Files.list(r.cacheDirectory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".lock");
        }
    }

    @Test
    void npmFailureIsReportedWithItsOutput() throws Exception {
        ChdbLibraryResolver r = resolver(Map.of(), new Properties(), fakeNpm(integrity(tarball), 1));
        assertThatThrownBy(r::resolve)
                .isInstanceOf(ChdbLibraryUnavailableException.class)
                .hasMessageContaining("npm pack @chdb/lib-linux-x64-gnu@" + VERSION)
                .hasMessageContaining("404 Not Found");
    }

    @Test
    void concurrentResolutionsDownloadOnce() throws Exception {
        Path npm = fakeNpm(integrity(tarball), 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> resolver(Map.of(), new Properties(), npm).resolve());
            }
            List<Path> results = new ArrayList<>();
            for (Future<Path> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            assertThat(results).hasSize(4).allMatch(p -> p.equals(results.get(0)));
            assertThat(npmCalls()).containsExactly("view", "pack");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void platformPackagesByOsAndArch() {
        assertThat(ChdbPlatform.detect("Linux", "amd64", false).npmPackage()).isEqualTo("@chdb/lib-linux-x64-gnu");
        assertThat(ChdbPlatform.detect("Linux", "aarch64", false).npmPackage()).isEqualTo("@chdb/lib-linux-arm64-gnu");
        assertThat(ChdbPlatform.detect("Mac OS X", "aarch64", false).npmPackage())
                .isEqualTo("@chdb/lib-darwin-arm64");
        assertThat(ChdbPlatform.detect("Mac OS X", "x86_64", false).npmPackage())
                .isEqualTo("@chdb/lib-darwin-x64");
        assertThatThrownBy(() -> ChdbPlatform.detect("Linux", "amd64", true))
                .isInstanceOf(ChdbLibraryUnavailableException.class)
                .hasMessageContaining("musl");
        assertThatThrownBy(() -> ChdbPlatform.detect("Windows 11", "amd64", false))
                .isInstanceOf(ChdbLibraryUnavailableException.class)
                .hasMessageContaining("Windows 11");
    }

    @Test
    void theBuildPinsAVersion() {
        assertThat(ChdbLibraryResolver.defaultVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
