package dev.cpcheck.emulator;

import dev.cpcheck.emulator.internal.chdb.NpmPackageDownloader;
import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.localstack.CpcheckCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Azure Blob Storage server: Azurite, Microsoft's Azure Storage emulator (npm package
 * {@code azurite}), blob service only, run with the machine's {@code node} on a free port of
 * 127.0.0.1, data in a folder of its own, telemetry off. The package is installed with the user's
 * {@code npm} on first use into {@code <cpcheck cache>/azurite/<version>/} (about 360 MB with its
 * dependencies), like the ClickHouse library; {@value #HOME_VARIABLE} names an installed
 * {@code azurite} package folder instead.
 *
 * <p>Version: {@value #VERSION}. Its {@code package.json} asks for Node 22 or newer, but the blob
 * service starts and serves on Node 20 (npm only warns about the engine); this is the version the
 * tests run. Facts used (Azurite README): {@code --blobHost}, {@code --blobPort 0} (a free port,
 * printed at startup), {@code --location}, {@code --silent}, {@code --skipApiVersionCheck},
 * {@code --loose}, {@code --disableTelemetry}; the ready line {@code Azurite Blob service
 * successfully listens on http://host:port}; {@code AZURITE_ACCOUNTS=name:key} replaces the default
 * account.
 *
 * <p>Each stack has its own account and random key; {@link #revokeKey()} restarts the server on the
 * same port and data with another key (so every client holding the old one is refused, as after a
 * key rotation in Azure), {@link #restoreKey()} brings the first key back. The server stops with
 * this JVM: a small launcher exits when its standard input closes.
 */
public final class EmbeddedAzurite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAzurite.class);
    /** The Azurite version installed on first use. */
    public static final String VERSION = "3.37.0";
    /** Names an installed {@code azurite} package folder (with {@code dist/src/blob/main.js}) to use instead. */
    public static final String HOME_VARIABLE = "CPCHECK_AZURITE_HOME";
    /** The account of every embedded Azurite. */
    public static final String ACCOUNT = "cpcheckaccount";

    private static final Pattern READY = Pattern.compile("successfully listens on http://[^:]+:(\\d+)");
    private static final ReentrantLock INSTALL_LOCK = new ReentrantLock();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path launcher;
    private final Path dataDirectory;
    private final String key;
    private String activeKey;
    private Process process;
    private int port;

    private EmbeddedAzurite(Path launcher, Path dataDirectory, String key) {
        this.launcher = launcher;
        this.dataDirectory = dataDirectory;
        this.key = key;
    }

    /**
     * Installs Azurite if needed and starts it with its data in {@code dataDirectory}.
     *
     * @throws EmulatorException when node or npm is missing or Azurite does not start; the message
     *                           says why
     */
    public static EmbeddedAzurite start(Path dataDirectory) {
        Path main = install();
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Azurite data folder " + dataDirectory, e);
        }
        Path launcher = writeLauncher(main, dataDirectory);
        EmbeddedAzurite azurite = new EmbeddedAzurite(launcher, dataDirectory, randomKey());
        azurite.launch(azurite.key, 0);
        return azurite;
    }

    /** The blob endpoint, {@code http://127.0.0.1:<port>/<account>}. */
    public synchronized String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public synchronized int port() {
        return port;
    }

    /** The connection string of the account with its (unrevoked) key: a secret. */
    public synchronized String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + key + ";BlobEndpoint="
                + blobEndpoint() + ";";
    }

    /** Whether the key of {@link #connectionString()} is refused now. */
    public synchronized boolean keyRevoked() {
        return !key.equals(activeKey);
    }

    /** Restarts the server on the same port and data with another key: the connection string stops working. */
    public synchronized void revokeKey() {
        if (keyRevoked()) {
            return;
        }
        restart(randomKey());
        LOG.info("Azurite on port {}: account key revoked (rotated)", port);
    }

    /** Restarts the server with the key of {@link #connectionString()} again. */
    public synchronized void restoreKey() {
        if (!keyRevoked()) {
            return;
        }
        restart(key);
        LOG.info("Azurite on port {}: account key restored", port);
    }

    private void restart(String newKey) {
        int samePort = port;
        stopProcess();
        for (int attempt = 1; ; attempt++) {
            try {
                launch(newKey, samePort);
                return;
            } catch (EmulatorException e) {
                if (attempt >= 20) {
                    throw e;
                }
                sleepQuietly(250); // the port just released can refuse a new bind for a moment
            }
        }
    }

    private void launch(String accountKey, int wantedPort) {
        Path node = NpmPackageDownloader.findOnPath(System.getenv().getOrDefault("PATH", ""), "node")
                .orElseThrow(() -> new EmulatorException(
                        "Azurite needs Node.js: 'node' is not on the PATH (install Node.js 20 or newer)"));
        List<String> command = new ArrayList<>(List.of(
                node.toString(),
                launcher.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(wantedPort),
                "--location",
                dataDirectory.toString(),
                "--silent",
                "--skipApiVersionCheck",
                "--loose",
                "--disableTelemetry"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AZURITE_ACCOUNTS", ACCOUNT + ":" + accountKey);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new EmulatorException("Could not start Azurite with " + node + ": " + e.getMessage(), e);
        }
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            Matcher m = READY.matcher(line);
                            if (m.find()) {
                                ready.complete(Integer.parseInt(m.group(1)));
                            } else if (!ready.isDone()) {
                                synchronized (output) {
                                    output.add(line);
                                }
                            } else {
                                LOG.debug("azurite: {}", line);
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    ready.completeExceptionally(new EmulatorException("Azurite exited before it was ready"));
                },
                "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            String said;
            synchronized (output) {
                said = String.join("\n", output.subList(Math.max(0, output.size() - 10), output.size()));
            }
            throw new EmulatorException("Azurite did not start"
                    + (e instanceof TimeoutException ? " within " + START_TIMEOUT.toSeconds() + " s" : "")
                    + (said.isBlank() ? "" : "; it said:\n" + said));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while starting Azurite", e);
        }
        process = p;
        activeKey = accountKey;
        LOG.info("Embedded Azure Blob Storage (Azurite {}) ready on {}", VERSION, blobEndpoint());
    }

    private void stopProcess() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server; its data folder stays (the stack removes its own folder). Idempotent. */
    @Override
    public synchronized void close() {
        stopProcess();
    }

    @Override
    public String toString() {
        return "EmbeddedAzurite[" + blobEndpoint() + ", data=" + dataDirectory + "]";
    }

    /** The cache folder of this version: {@code <cpcheck cache>/azurite/<version>}. */
    public static Path cacheDirectory() {
        return CpcheckCache.root().resolve("azurite").resolve(VERSION);
    }

    /** Whether Azurite is installed already (else the first start installs it through npm). */
    public static boolean installed() {
        return configuredHome().isPresent() || Files.isRegularFile(mainScript(cacheDirectory()));
    }

    /** The blob service's entry point, installing the package with npm when it is not there yet. */
    static Path install() {
        Optional<Path> home = configuredHome();
        if (home.isPresent()) {
            return home.get().resolve("dist/src/blob/main.js");
        }
        Path cache = cacheDirectory();
        Path main = mainScript(cache);
        if (Files.isRegularFile(main)) {
            return main;
        }
        INSTALL_LOCK.lock();
        try {
            Path parent = Files.createDirectories(cache.getParent());
            try (FileChannel lockChannel = FileChannel.open(
                            parent.resolve(VERSION + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                if (Files.isRegularFile(main)) {
                    return main; // another process installed it meanwhile
                }
                Path npm = NpmPackageDownloader.findOnPath(System.getenv().getOrDefault("PATH", ""), "npm")
                        .orElseThrow(() -> new EmulatorException("Azurite is installed with npm on first use, and"
                                + " 'npm' is not on the PATH; install Node.js (with npm), or set " + HOME_VARIABLE
                                + " to an installed azurite package folder"));
                Path work = Files.createTempDirectory(parent, ".install-");
                try {
                    long started = System.nanoTime();
                    LOG.info("Installing azurite@{} with npm into {} (once per version, about 360 MB)", VERSION, cache);
                    runNpm(
                            List.of(
                                    npm.toString(),
                                    "install",
                                    "--prefix",
                                    work.toString(),
                                    "--no-audit",
                                    "--no-fund",
                                    "--ignore-scripts",
                                    "--omit=dev",
                                    "azurite@" + VERSION),
                            work);
                    if (!Files.isRegularFile(mainScript(work))) {
                        throw new EmulatorException("npm installed azurite@" + VERSION + " without "
                                + "dist/src/blob/main.js; set " + HOME_VARIABLE + " to an installed azurite package");
                    }
                    Files.move(work, cache, StandardCopyOption.ATOMIC_MOVE);
                    LOG.info(
                            "azurite@{} installed in {} s",
                            VERSION,
                            Duration.ofNanos(System.nanoTime() - started).toSeconds());
                } finally {
                    if (Files.exists(work)) {
                        FileUtil.deleteRecursively(work);
                    }
                }
                return main;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install Azurite into " + cache + ": " + e.getMessage(), e);
        } finally {
            INSTALL_LOCK.unlock();
        }
    }

    private static void runNpm(List<String> command, Path work) throws IOException {
        Path log = work.resolve("npm-install.log");
        Process p = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new EmulatorException("npm install azurite@" + VERSION + " did not finish within 20 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while installing Azurite", e);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new EmulatorException("npm install azurite@" + VERSION + " failed (exit " + p.exitValue() + "): "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()))
                    + "\nCheck that npm can reach its registry, or set " + HOME_VARIABLE + ".");
        }
    }

    private static Optional<Path> configuredHome() {
        String home = System.getenv(HOME_VARIABLE);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(home);
        if (!Files.isRegularFile(dir.resolve("dist/src/blob/main.js"))) {
            throw new EmulatorException(
                    HOME_VARIABLE + "=" + home + " is not an azurite package folder (no" + " dist/src/blob/main.js)");
        }
        return Optional.of(dir);
    }

    private static Path mainScript(Path prefix) {
        return prefix.resolve("node_modules/azurite/dist/src/blob/main.js");
    }

    /**
     * A launcher in the data folder that ends Azurite when its standard input closes (this JVM
     * stopped or died), then loads the blob service, which reads the same command line.
     */
    private static Path writeLauncher(Path main, Path dataDirectory) {
        Path launcher = dataDirectory.resolve("cpcheck-launcher.js");
        String quoted =
                "'" + main.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        String script = "// written by cpcheck: Azurite ends when the process that started it does\n"
                + "process.stdin.on('end', () => process.exit(0));\n"
                + "process.stdin.on('error', () => process.exit(0));\n"
                + "process.stdin.resume();\n"
                + "require(" + quoted + ");\n";
        try {
            Files.writeString(launcher, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Azurite launcher " + launcher, e);
        }
        return launcher;
    }

    private static String randomKey() {
        byte[] bytes = new byte[64];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while restarting Azurite", e);
        }
    }

    /** The settings a source reads this server with, by the names of the {@code azure} source. */
    public Map<String, String> sourceSettings(String container) {
        return Map.of("AZURE_STORAGE_CONNECTION_STRING", connectionString(), "AZURE_CONTAINER", container);
    }
}
