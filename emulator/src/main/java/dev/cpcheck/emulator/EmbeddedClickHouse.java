package dev.cpcheck.emulator;

import com.sun.jna.Native;
import dev.cpcheck.emulator.internal.chdb.ChdbServerMain;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.localstack.ChildJvm;
import dev.cpcheck.localstack.OwnedTempDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ClickHouse server (the chdb build of ClickHouse 26.7) running in a child JVM on a free
 * port of 127.0.0.1, with its own data folder. The HTTP interface is unauthenticated (user
 * {@code default}, no password), which is why it only listens on the loopback address.
 *
 * <p>The child exits when this JVM exits or dies (it watches its standard input), and
 * {@link #close()} stops it and deletes temporary data. Its output goes to {@link #logFile()}, whose
 * path is part of every startup error.
 *
 * <pre>{@code
 * try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.builder().start()) {
 *     ClickHouseEndpoint endpoint = clickHouse.endpoint();   // http://127.0.0.1:PORT, user default
 *     ...
 * }
 * }</pre>
 *
 * <p>Tests that need ClickHouse but not a fresh one should use {@link #shared()}: one server per JVM.
 */
public final class EmbeddedClickHouse implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClickHouse.class);
    private static final int START_ATTEMPTS = 3;
    private static EmbeddedClickHouse shared;

    private final Path dataDirectory;
    private final Path temporaryRoot;
    private final Path logFile;
    private final int httpPort;
    private final Process process;
    private final ClickHouseEndpoint endpoint;
    private final String version;
    private final Thread shutdownHook;
    private final Builder recipe;
    private final Path library;
    private boolean closed;

    private EmbeddedClickHouse(
            Path dataDirectory,
            Path temporaryRoot,
            Path logFile,
            int httpPort,
            Process process,
            String version,
            Builder recipe,
            Path library) {
        this.dataDirectory = dataDirectory;
        this.temporaryRoot = temporaryRoot;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.process = process;
        this.version = version;
        this.recipe = recipe;
        this.library = library;
        this.endpoint = new ClickHouseEndpoint(URI.create("http://127.0.0.1:" + httpPort), "default", "", "default");
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-clickhouse-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One server per JVM, started on first use with default settings and stopped when the JVM
     * exits. Do not close it: other users in the same JVM share it (if it was closed anyway, the
     * next call starts a new one).
     */
    public static synchronized EmbeddedClickHouse shared() {
        if (shared == null || !shared.isRunning()) {
            shared = builder().start();
        }
        return shared;
    }

    /** Endpoint for clients: {@code http://127.0.0.1:PORT}, user {@code default}, no password. */
    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    public URI httpUrl() {
        return endpoint.httpUrl();
    }

    public int httpPort() {
        return httpPort;
    }

    /** The server's data folder ({@code --path}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Output of the child JVM and ClickHouse. */
    public Path logFile() {
        return logFile;
    }

    /** Operating system process id of the child JVM. */
    public long pid() {
        return process.pid();
    }

    /** ClickHouse's {@code version()}, e.g. {@code 26.7.2.1}. */
    public String version() {
        return version;
    }

    public synchronized boolean isRunning() {
        return !closed && process.isAlive();
    }

    /**
     * Kills the server as a crash would ({@code kill -9} of its process) and starts a new one on the
     * same port, data folder and log: MergeTree data written before survives. Clients keep their
     * endpoint; they see refused connections while it is down. This instance is closed afterwards
     * (without deleting the data, which the returned one owns).
     *
     * @return the new server
     * @throws EmulatorException when the new one does not come up (the port was taken meanwhile)
     */
    public synchronized EmbeddedClickHouse restart() {
        if (closed) {
            throw new IllegalStateException("this ClickHouse is closed");
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while restarting ClickHouse", e);
        }
        LOG.info("Embedded ClickHouse on port {} killed; starting it again on the same data", httpPort);
        return recipe.launch(library, dataDirectory, temporaryRoot, logFile, httpPort);
    }

    /** Stops the server; deletes its data folder when it was temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        ChildJvm.stop(process, 5_000);
        if (temporaryRoot != null) {
            try {
                FileUtil.deleteRecursively(temporaryRoot);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the temporary ClickHouse folder {}: {}", temporaryRoot, e.getMessage());
            }
        }
        LOG.debug("Embedded ClickHouse on port {} stopped", httpPort);
    }

    @Override
    public String toString() {
        return "EmbeddedClickHouse[" + endpoint.url() + ", data=" + dataDirectory + ", log=" + logFile + "]";
    }

    /** Options of an {@link EmbeddedClickHouse}; {@link #start()} starts it. */
    public static final class Builder {
        private Path dataDirectory;
        private Path logFile;
        private int httpPort;
        private Path library;
        private Duration startupTimeout = Duration.ofSeconds(90);
        private final List<String> serverOptions = new ArrayList<>();
        private boolean partLog = true;

        private Builder() {}

        /**
         * Keep data in this folder across restarts (created if missing). Default: a temporary
         * folder deleted by {@link EmbeddedClickHouse#close()}.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Where the child's output goes. Default: {@code clickhouse.log} beside the data folder. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** HTTP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder httpPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("httpPort must be 0..65535, got " + port);
            }
            this.httpPort = port;
            return this;
        }

        /** Use this {@code libchdb.so} instead of resolving one with {@link ChdbLibrary#resolve()}. */
        public Builder library(Path libchdb) {
            this.library = libchdb;
            return this;
        }

        /** How long to wait for {@code /ping} (default 90 s, generous for a cold page cache). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** An extra clickhouse-local option such as {@code --max_server_memory_usage=4000000000}. */
        public Builder serverOption(String option) {
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("server options look like --name=value, got " + option);
            }
            serverOptions.add(option);
            return this;
        }

        /**
         * Whether the server keeps {@code system.part_log} (default {@code true}). ClickHouse Cloud
         * services keep it, and it is the finest landing-time evidence the checks have (each part's
         * creation to the microsecond); chdb keeps none unless a config file asks for it (command
         * line overrides of the setting are ignored). An explicit {@code --config-file} server
         * option replaces this.
         */
        public Builder partLog(boolean keep) {
            this.partLog = keep;
            return this;
        }

        /**
         * Starts the server and waits until it answers.
         *
         * @throws ChdbLibraryUnavailableException when the chdb library cannot be found or downloaded
         * @throws EmulatorException               when the server does not come up (the log path is in
         *                                         the message)
         */
        public EmbeddedClickHouse start() {
            Path lib = library != null ? library : ChdbLibrary.resolve();
            if (!Files.isRegularFile(lib)) {
                throw new ChdbLibraryUnavailableException("chdb library " + lib + " does not exist");
            }
            Path tempRoot = null;
            Path data;
            Path log;
            try {
                if (dataDirectory == null) {
                    tempRoot = OwnedTempDirectory.create("cpcheck-clickhouse-");
                    data = Files.createDirectories(tempRoot.resolve("data"));
                    log = logFile != null ? logFile : tempRoot.resolve("clickhouse.log");
                } else {
                    data = Files.createDirectories(dataDirectory.toAbsolutePath());
                    log = logFile != null ? logFile : data.resolveSibling(data.getFileName() + "-clickhouse.log");
                }
                Files.createDirectories(log.toAbsolutePath().getParent());
                if (partLog && serverOptions.stream().noneMatch(o -> o.startsWith("--config-file"))) {
                    Path config = (tempRoot != null
                                    ? tempRoot
                                    : data.toAbsolutePath().getParent())
                            .resolve(data.getFileName() + "-server-config.xml");
                    Files.writeString(config, PART_LOG_CONFIG);
                    serverOptions.add("--config-file=" + config);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare the ClickHouse data folder", e);
            }
            EmulatorException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = httpPort != 0 ? httpPort : ChildJvm.freePort();
                try {
                    return launch(lib, data, tempRoot, log, port);
                } catch (PortTakenException e) {
                    last = e;
                    if (httpPort != 0) {
                        break;
                    }
                    LOG.debug("Port {} was taken, retrying: {}", port, e.getMessage());
                } catch (RuntimeException e) {
                    // leave the temporary folder for the log: its path is in the message
                    throw e;
                }
            }
            throw last;
        }

        /** The part log as ClickHouse Cloud keeps it, flushed often so that checks read it soon. */
        private static final String PART_LOG_CONFIG = "<clickhouse><part_log><database>system</database>"
                + "<table>part_log</table><flush_interval_milliseconds>500</flush_interval_milliseconds>"
                + "</part_log></clickhouse>\n";

        private EmbeddedClickHouse launch(Path lib, Path data, Path tempRoot, Path log, int port) {
            long started = System.nanoTime();
            List<String> args = new ArrayList<>(List.of(lib.toString(), data.toString(), Integer.toString(port)));
            args.addAll(serverOptions);
            List<String> cmd = ChildJvm.command(
                    ChildJvm.classPathOf(ChdbServerMain.class, Native.class),
                    List.of(
                            "-Xmx96m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-Xss4m",
                            "-Dfile.encoding=UTF-8"),
                    ChdbServerMain.class.getName(),
                    args);
            Process process;
            try {
                process = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new EmulatorException("Could not start the ClickHouse child JVM (" + cmd.get(0) + "): " + e, e);
            }
            try {
                waitForPing(process, port, log);
                ClickHouseHttp http = new ClickHouseHttp(
                        new ClickHouseEndpoint(URI.create("http://127.0.0.1:" + port), "default", "", "default"));
                // someone else may have grabbed the port between our probe and the child's bind
                String path = http.queryValue("SELECT getServerSetting('path')").trim();
                if (!Path.of(path)
                        .toAbsolutePath()
                        .normalize()
                        .equals(data.toAbsolutePath().normalize())) {
                    throw new PortTakenException(
                            "Port " + port + " is served by another ClickHouse (data in " + path + ")");
                }
                String version = http.queryValue("SELECT version()").trim();
                LOG.info(
                        "Embedded ClickHouse {} ready on http://127.0.0.1:{} in {} ms (data {}, log {})",
                        version,
                        port,
                        (System.nanoTime() - started) / 1_000_000,
                        data,
                        log);
                return new EmbeddedClickHouse(data, tempRoot, log, port, process, version, this, lib);
            } catch (RuntimeException e) {
                ChildJvm.stop(process, 2_000);
                throw e;
            }
        }

        private void waitForPing(Process process, int port, Path log) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    String tail = ChildJvm.tail(log, 15);
                    String message = "Embedded ClickHouse exited during startup (exit " + process.exitValue()
                            + "); log " + log + ":\n" + tail;
                    if (tail.contains("Address already in use") || tail.contains("NETWORK_ERROR")) {
                        throw new PortTakenException(message);
                    }
                    throw new EmulatorException(message);
                }
                try {
                    HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().startsWith("Ok.")) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmulatorException("Interrupted while starting ClickHouse; log " + log, e);
                }
                if (System.nanoTime() > deadline) {
                    throw new EmulatorException("Embedded ClickHouse did not answer /ping on port " + port + " within "
                            + startupTimeout.toSeconds() + " s; log " + log + ":\n" + ChildJvm.tail(log, 15));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmulatorException("Interrupted while starting ClickHouse; log " + log, e);
                }
            }
        }
    }

    /** The chosen port was not usable; another one is tried. */
    private static final class PortTakenException extends EmulatorException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
