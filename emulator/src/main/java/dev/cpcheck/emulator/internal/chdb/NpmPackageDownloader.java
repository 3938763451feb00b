package dev.cpcheck.emulator.internal.chdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.emulator.ChdbLibraryUnavailableException;
import dev.cpcheck.emulator.internal.util.FileUtil;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file out of an npm package with the user's own {@code npm} (so that registry,
 * proxy and auth settings in {@code .npmrc} apply): {@code npm view} for the expected integrity,
 * {@code npm pack} for the tarball, a check of the tarball against that integrity, extraction with
 * commons-compress and an atomic move into place.
 */
public final class NpmPackageDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(NpmPackageDownloader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PACK_TIMEOUT = Duration.ofMinutes(20);

    private final Optional<Path> npm;
    private final Duration progressInterval;

    public NpmPackageDownloader(Optional<Path> npm, Duration progressInterval) {
        this.npm = npm;
        this.progressInterval = progressInterval;
    }

    /** Uses the {@code npm} found on the {@code PATH} of the given environment, if any. */
    public static NpmPackageDownloader fromPath(Map<String, String> environment) {
        return new NpmPackageDownloader(findOnPath(environment.getOrDefault("PATH", "")), Duration.ofSeconds(2));
    }

    static Optional<Path> findOnPath(String path) {
        return findOnPath(path, "npm");
    }

    /** An executable {@code command} (e.g. {@code node}, {@code npm}) on {@code path}, if any. */
    public static Optional<Path> findOnPath(String path, String command) {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(command + ".cmd", command + ".exe", command) : List.of(command);
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public boolean npmAvailable() {
        return npm.isPresent();
    }

    /**
     * Downloads {@code spec} and places its file {@code package/<fileName>} at
     * {@code targetDir/<fileName>}. The caller holds the lock on {@code targetDir}.
     */
    public void downloadLibrary(String spec, Path targetDir, String fileName) throws IOException {
        Path npmCommand = npm.orElseThrow(() -> new ChdbLibraryUnavailableException("npm is not on the PATH"));
        Path work = Files.createTempDirectory(targetDir, ".download-");
        try {
            String integrity = expectedIntegrity(npmCommand, spec, work);
            Path tarball = pack(npmCommand, spec, work);
            verifyIntegrity(tarball, integrity, spec);
            Path extracted = extract(tarball, fileName, targetDir, spec);
            Path target = targetDir.resolve(fileName);
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileUtil.writeAtomically(
                    targetDir.resolve("package.properties"),
                    ("package=" + spec + "\nintegrity=" + integrity + "\ndownloaded=" + Instant.now() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            LOG.info("chdb library ready: {}", target);
        } finally {
            FileUtil.deleteRecursively(work);
        }
    }

    private String expectedIntegrity(Path npmCommand, String spec, Path work) throws IOException {
        ProcessResult result =
                run(List.of(npmCommand.toString(), "view", spec, "dist.integrity", "--json"), work, VIEW_TIMEOUT);
        if (result.exitCode != 0) {
            throw new ChdbLibraryUnavailableException("`npm view " + spec + " dist.integrity` failed (exit "
                    + result.exitCode + "): " + lastLines(result.stderr, 6)
                    + "\nCheck that npm can reach its registry, or set CPCHECK_CHDB_LIB to an existing libchdb.so.");
        }
        String out = result.stdout.trim();
        String integrity;
        try {
            JsonNode node = JSON.readTree(out);
            integrity = node == null ? "" : node.isTextual() ? node.asText() : node.toString();
        } catch (IOException e) {
            integrity = out;
        }
        if (!integrity.contains("sha512-") && !integrity.contains("sha1-")) {
            throw new ChdbLibraryUnavailableException("`npm view " + spec + " dist.integrity` printed no integrity"
                    + " hash (got '" + out + "'); refusing to use an unverified download.");
        }
        return integrity.trim();
    }

    private Path pack(Path npmCommand, String spec, Path work) throws IOException {
        Path destination = Files.createDirectories(work.resolve("pack"));
        Path npmCache = Files.createDirectories(work.resolve("npm-cache"));
        LOG.info("Downloading {} with npm into {} (about 180 MB, once per version)", spec, work.getParent());
        // npm pack prints nothing while it downloads: report progress from the size of its cache
        Thread progress = new Thread(() -> reportProgress(spec, npmCache), "chdb-download-progress");
        progress.setDaemon(true);
        progress.start();
        ProcessResult result;
        try {
            result = run(
                    List.of(
                            npmCommand.toString(),
                            "pack",
                            spec,
                            "--pack-destination",
                            destination.toString(),
                            "--cache",
                            npmCache.toString(),
                            "--ignore-scripts",
                            "--json"),
                    work,
                    PACK_TIMEOUT);
        } finally {
            progress.interrupt();
        }
        if (result.exitCode != 0) {
            throw new ChdbLibraryUnavailableException("`npm pack " + spec + "` failed (exit " + result.exitCode
                    + "): " + lastLines(result.stderr, 8)
                    + "\nCheck that npm can reach its registry, or set CPCHECK_CHDB_LIB to an existing libchdb.so.");
        }
        try (Stream<Path> files = Files.list(destination)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                    .toList();
            if (tarballs.size() != 1) {
                throw new ChdbLibraryUnavailableException("`npm pack " + spec + "` produced " + tarballs.size()
                        + " tarballs in " + destination + ", expected one. npm said: " + lastLines(result.stdout, 8));
            }
            LOG.info("Downloaded {}: {} MB", spec, Files.size(tarballs.get(0)) / (1024 * 1024));
            return tarballs.get(0);
        }
    }

    private void reportProgress(String spec, Path npmCache) {
        long lastMb = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(progressInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            long mb = FileUtil.sizeOf(npmCache) / (1024 * 1024);
            if (mb != lastMb) {
                LOG.info("Downloading {}: {} MB so far", spec, mb);
                lastMb = mb;
            }
        }
    }

    static void verifyIntegrity(Path file, String integrity, String spec) throws IOException {
        // SRI string: one or more "algo-base64" tokens; the strongest we know is used
        String algorithm = null;
        String expected = null;
        for (String token : integrity.trim().split("\\s+")) {
            if (token.startsWith("sha512-")) {
                algorithm = "SHA-512";
                expected = token.substring("sha512-".length());
                break;
            }
            if (token.startsWith("sha1-") && expected == null) {
                algorithm = "SHA-1";
                expected = token.substring("sha1-".length());
            }
        }
        if (algorithm == null) {
            throw new ChdbLibraryUnavailableException("Unsupported integrity '" + integrity + "' for " + spec);
        }
        String actual = Base64.getEncoder().encodeToString(digest(file, algorithm));
        if (!actual.equals(expected)) {
            throw new ChdbLibraryUnavailableException("The tarball of " + spec + " does not match the registry's"
                    + " integrity (" + algorithm + " expected " + expected + ", got " + actual + "). The download was"
                    + " discarded; try again, and check your npm registry or proxy if it keeps failing.");
        }
        LOG.info("Verified {} against the registry integrity ({})", spec, algorithm);
    }

    private static byte[] digest(Path file, String algorithm) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            try (InputStream in =
                    new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), md)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path extract(Path tarball, String fileName, Path targetDir, String spec) throws IOException {
        LOG.info("Extracting {} from {}", fileName, tarball.getFileName());
        Path partial = Files.createTempFile(targetDir, fileName + ".", ".partial");
        boolean done = false;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isFile() && (name.equals("package/" + fileName) || name.endsWith("/" + fileName))) {
                    try (OutputStream out = Files.newOutputStream(partial)) {
                        tar.transferTo(out);
                    }
                    FileUtil.fsync(partial);
                    try {
                        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system: nothing to set
                    }
                    done = true;
                    return partial;
                }
            }
            throw new ChdbLibraryUnavailableException("The npm package " + spec + " has no " + fileName
                    + "; set CPCHECK_CHDB_LIB to a libchdb for this platform.");
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private record ProcessResult(int exitCode, String stdout, String stderr) {}

    private static ProcessResult run(List<String> command, Path work, Duration timeout) throws IOException {
        Path out = Files.createTempFile(work, "npm-", ".out");
        Path err = Files.createTempFile(work, "npm-", ".err");
        List<String> cmd = new ArrayList<>(command);
        Process process = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ChdbLibraryUnavailableException("`" + String.join(" ", command) + "` did not finish within "
                        + timeout.toMinutes() + " minutes; set CPCHECK_CHDB_LIB to an existing libchdb.so.");
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ChdbLibraryUnavailableException("Interrupted while running npm", e);
        }
        return new ProcessResult(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
