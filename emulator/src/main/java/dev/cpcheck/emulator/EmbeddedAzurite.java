package dev.cpcheck.emulator;

import dev.cpcheck.emulator.internal.chdb.NpmPackageDownloader;
import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.localstack.CpcheckCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.concurrent.LinkedBlockingQueue;
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
 * <p>Each stack has its own account and random key; {@link #revokeKey()} gives the account another
 * key while the server keeps running with its containers and blobs (so every client holding the old
 * key is refused with 403, as after a key rotation in Azure), {@link #restoreKey()} brings the first
 * key back. Both go through a small launcher ({@code azurite-launcher.js}) that takes commands on
 * Azurite's standard input: it refreshes Azurite's accounts from {@code AZURITE_ACCOUNTS} at once,
 * which Azurite itself does every minute so that keys can be rotated without a restart (Azurite
 * README, "Customized Storage Accounts &amp; Keys"). The server stops with this JVM: when its
 * standard input closes, the launcher closes it as its SIGTERM handler does (Azurite saves its
 * metadata then; it autosaves only every 5 s), then exits. Keys once changed by restarting
 * Azurite, which lost the containers made in the last 5 s: the old launcher exited as soon as its
 * standard input closed, and {@link Process#destroy()} closes it along with the SIGTERM.
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
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** Azurite closes in well under a second; its launcher gives up after 10 s. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private static final String LAUNCHER_RESOURCE = "azurite-launcher.js";
    /** Lines of the launcher's own, as opposed to Azurite's, start with this. */
    private static final String LAUNCHER_ANSWER = "cpcheck: ";

    private static final String ACCOUNTS_CHANGED = "cpcheck: accounts refreshed";

    private final Path launcher;
    private final Path dataDirectory;
    private final String key;
    private String activeKey;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private Process process;
    private OutputStream commands;
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
        azurite.launch(azurite.key);
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

    /**
     * Gives the account another key, the server running on with its data: the connection string
     * is refused (403) from the moment this returns.
     *
     * @throws EmulatorException when Azurite does not confirm the change
     */
    public synchronized void revokeKey() {
        if (keyRevoked()) {
            return;
        }
        changeKey(randomKey());
        LOG.info("Azurite on port {}: account key revoked (rotated)", port);
    }

    /** Gives the account the key of {@link #connectionString()} again. */
    public synchronized void restoreKey() {
        if (!keyRevoked()) {
            return;
        }
        changeKey(key);
        LOG.info("Azurite on port {}: account key restored", port);
    }

    /** Sends the launcher the new accounts and waits for its answer. */
    private void changeKey(String newKey) {
        if (process == null || !process.isAlive()) {
            throw new EmulatorException("Azurite is not running; its key cannot change");
        }
        answers.clear();
        try {
            commands.write(("accounts " + ACCOUNT + ":" + newKey + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            throw new EmulatorException("Could not send Azurite its new key: " + e.getMessage(), e);
        }
        String answer;
        try {
            answer = answers.poll(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while changing Azurite's key", e);
        }
        if (answer == null) {
            throw new EmulatorException(
                    "Azurite did not confirm its new key within " + COMMAND_TIMEOUT.toSeconds() + " s");
        }
        if (!answer.equals(ACCOUNTS_CHANGED)) {
            throw new EmulatorException("Azurite could not change its key: " + answer);
        }
        activeKey = newKey;
    }

    private void launch(String accountKey) {
        Path node = NpmPackageDownloader.findOnPath(System.getenv().getOrDefault("PATH", ""), "node")
                .orElseThrow(() -> new EmulatorException(
                        "Azurite needs Node.js: 'node' is not on the PATH (install Node.js 20 or newer)"));
        List<String> command = new ArrayList<>(List.of(
                node.toString(),
                launcher.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                "0", // a free port
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
                            if (line.startsWith(LAUNCHER_ANSWER)) {
                                answers.add(line);
                            } else if (m.find()) {
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
        commands = p.getOutputStream();
        activeKey = accountKey;
        LOG.info("Embedded Azure Blob Storage (Azurite {}) ready on {}", VERSION, blobEndpoint());
    }

    /**
     * Closes Azurite's standard input, on which the launcher closes the server (saving its
     * metadata) and exits; forcibly after {@link #STOP_TIMEOUT}. Not {@link Process#destroy()}: it
     * also closes the standard input at once, and the launcher could exit before the save.
     */
    private void stopProcess() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        try {
            commands.close();
        } catch (IOException e) {
            LOG.debug("closing Azurite's standard input: {}", e.getMessage());
        }
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Azurite did not close within {} s; killing it", STOP_TIMEOUT.toSeconds());
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
     * The launcher ({@code azurite-launcher.js}, a resource) in the data folder: it loads the blob
     * service, which reads the same command line, and takes commands on standard input (see the
     * class comment).
     */
    private static Path writeLauncher(Path main, Path dataDirectory) {
        Path launcher = dataDirectory.resolve("cpcheck-launcher.js");
        String quoted =
                "'" + main.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        try (InputStream in = EmbeddedAzurite.class.getResourceAsStream(LAUNCHER_RESOURCE)) {
            if (in == null) {
                throw new EmulatorException("The Azurite launcher " + LAUNCHER_RESOURCE + " is missing from the jar");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__AZURITE_MAIN__", quoted);
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

    /** The settings a source reads this server with, by the names of the {@code azure} source. */
    public Map<String, String> sourceSettings(String container) {
        return Map.of("AZURE_STORAGE_CONNECTION_STRING", connectionString(), "AZURE_CONTAINER", container);
    }
}
