package dev.cpcheck.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.emulator.internal.util.RandomCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline stand-in for ClickHouse Cloud: a real ClickHouse ({@link EmbeddedClickHouse}, or an
 * external server), a real S3-compatible store ({@link EmbeddedS3}) and the
 * {@link ClickPipesEmulator} wired to both, all on 127.0.0.1.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().start()) {
 *     stack.s3().createBucket("cpcheck-data");
 *     ClickHouseEndpoint clickHouse = stack.clickHouse();   // http url, user, password, database
 *     ClickPipesEndpoint api = stack.clickPipes();          // API base url, org, service, key
 *     stack.emulator().faultMode(FaultMode.REPLAY_LAST_BATCH);
 * }
 * }</pre>
 *
 * <p>With {@link Builder#stateDirectory(Path)} everything persists under that folder
 * ({@code clickhouse/}, {@code s3/}, {@code clickpipes/}, {@code localstack.json}) and a later
 * stack on the same folder continues where this one stopped; without it, everything is temporary
 * and deleted by {@link #close()}.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private volatile EmbeddedClickHouse embeddedClickHouse;
    private final ClickHouseEndpoint clickHouse;
    private final EmbeddedS3 s3;
    private volatile ClickPipesEmulator emulator;
    private final Path stateDirectory;
    private final Supplier<ClickPipesEmulator.Builder> emulatorRecipe;
    /** The emulator's temporary state folder, kept by a kill and deleted when the stack closes. */
    private Path killedTemporaryState;

    private Path killedState;
    private boolean closed;

    private LocalStack(
            EmbeddedClickHouse embeddedClickHouse,
            ClickHouseEndpoint clickHouse,
            EmbeddedS3 s3,
            ClickPipesEmulator emulator,
            Path stateDirectory,
            Supplier<ClickPipesEmulator.Builder> emulatorRecipe) {
        this.embeddedClickHouse = embeddedClickHouse;
        this.clickHouse = clickHouse;
        this.s3 = s3;
        this.emulator = emulator;
        this.stateDirectory = stateDirectory;
        this.emulatorRecipe = emulatorRecipe;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** ClickHouse: HTTP URL, user, password, database. */
    public ClickHouseEndpoint clickHouse() {
        return clickHouse;
    }

    /** S3: URL, region, access key, secret key, and {@link S3Endpoint#createBucket(String)}. */
    public S3Endpoint s3() {
        return s3.endpoint();
    }

    /** ClickHouse Cloud API: base URL, organization id, service id, API key id and secret. */
    public ClickPipesEndpoint clickPipes() {
        return emulator.endpoint();
    }

    /** The emulator, for fault control and pipe introspection. */
    public ClickPipesEmulator emulator() {
        return emulator;
    }

    /** The embedded ClickHouse, or {@code null} when the stack uses an external server. */
    public EmbeddedClickHouse embeddedClickHouse() {
        return embeddedClickHouse;
    }

    /** The embedded S3 server. */
    public EmbeddedS3 embeddedS3() {
        return s3;
    }

    /** The persistent state folder, or {@code null} when everything is temporary. */
    public Path stateDirectory() {
        return stateDirectory;
    }

    // ---------------------------------------------------------------- faults of the stack itself

    /**
     * Kills the embedded ClickHouse and starts it again on the same port and data (see
     * {@link EmbeddedClickHouse#restart()}); the emulator and clients keep their endpoint.
     *
     * @throws IllegalStateException when the stack uses an external ClickHouse
     */
    public synchronized void restartClickHouse() {
        if (embeddedClickHouse == null) {
            throw new IllegalStateException("this stack uses an external ClickHouse; it cannot restart it");
        }
        embeddedClickHouse = embeddedClickHouse.restart();
    }

    /**
     * Kills the ClickPipes emulator as a crash would (see {@link ClickPipesEmulator#kill()}): the API
     * refuses connections and the pipes stop, mid-batch included, until {@link #restartEmulator()}.
     */
    public synchronized void killEmulator() {
        if (killedState != null) {
            return;
        }
        boolean temporary = emulator.temporaryState();
        killedState = emulator.kill();
        if (temporary) {
            killedTemporaryState = killedState;
        }
    }

    /**
     * Starts the emulator again from its state folder, on the same port with the same identity and
     * options: every pipe continues from what the folder holds (a batch cut off by the kill is
     * finished exactly once). Kills it first when it runs.
     */
    public synchronized void restartEmulator() {
        killEmulator();
        int port = emulator.endpoint().apiBaseUrl().getPort();
        emulator = emulatorRecipe.get().stateDirectory(killedState).port(port).start();
        killedState = null;
    }

    /** Stops the emulator, then S3 and ClickHouse. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        runQuietly(emulator::close, failures);
        if (killedTemporaryState != null) {
            Path folder = killedTemporaryState;
            runQuietly(() -> FileUtil.deleteRecursively(folder), failures);
        }
        runQuietly(s3::close, failures);
        if (embeddedClickHouse != null) {
            runQuietly(embeddedClickHouse::close, failures);
        }
        if (!failures.isEmpty()) {
            EmulatorException e = new EmulatorException("Stopping the local stack failed", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void runQuietly(Runnable action, List<RuntimeException> failures) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "LocalStack[clickHouse=" + clickHouse.url() + ", s3="
                + s3.endpoint().url() + ", clickPipes=" + emulator.endpoint().apiBaseUrl() + "]";
    }

    /** What a persistent stack keeps so that a restart can reopen its S3 data and pipes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredStack(int s3Port, String s3AccessKey, String s3SecretKey) {}

    /** Options of a {@link LocalStack}; {@link #start()} starts it. */
    public static final class Builder {
        private ClickHouseEndpoint externalClickHouse;
        private Path stateDirectory;
        private Path chdbLibrary;
        private final List<Consumer<ClickPipesEmulator.Builder>> emulatorOptions = new ArrayList<>();
        private final List<Consumer<EmbeddedClickHouse.Builder>> clickHouseOptions = new ArrayList<>();

        private Builder() {}

        /**
         * Use this ClickHouse server instead of starting an embedded one. Pipes read the embedded
         * S3 through it at {@code 127.0.0.1}, so it must run on this machine.
         */
        public Builder clickHouse(ClickHouseEndpoint endpoint) {
            this.externalClickHouse = Objects.requireNonNull(endpoint);
            return this;
        }

        /** Persist everything under this folder (created if missing). Default: all temporary. */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** Use this {@code libchdb.so} instead of {@link ChdbLibrary#resolve()}. */
        public Builder chdbLibrary(Path library) {
            this.chdbLibrary = library;
            return this;
        }

        /** Emulator-wide fault mode (default {@link FaultMode#NONE}). */
        public Builder faultMode(FaultMode mode) {
            emulatorOptions.add(b -> b.faultMode(mode));
            return this;
        }

        /** API rate limit per key (default 10 requests per 10 s). */
        public Builder rateLimit(int requests, Duration window) {
            emulatorOptions.add(b -> b.rateLimit(requests, window));
            return this;
        }

        /** No API rate limit. */
        public Builder noRateLimit() {
            emulatorOptions.add(ClickPipesEmulator.Builder::noRateLimit);
            return this;
        }

        /** How long a new pipe stays Provisioning (default 1 s). */
        public Builder provisioningDelay(Duration delay) {
            emulatorOptions.add(b -> b.provisioningDelay(delay));
            return this;
        }

        /** How long Stopping and Provisioning-after-start last (default 0). */
        public Builder stateTransitionDelay(Duration delay) {
            emulatorOptions.add(b -> b.stateTransitionDelay(delay));
            return this;
        }

        /** Any other emulator option. */
        public Builder emulator(Consumer<ClickPipesEmulator.Builder> option) {
            emulatorOptions.add(Objects.requireNonNull(option));
            return this;
        }

        /** Any other embedded ClickHouse option. */
        public Builder embeddedClickHouse(Consumer<EmbeddedClickHouse.Builder> option) {
            clickHouseOptions.add(Objects.requireNonNull(option));
            return this;
        }

        /**
         * Starts ClickHouse (unless external) and S3 side by side, then the emulator.
         *
         * @throws ChdbLibraryUnavailableException when the embedded ClickHouse cannot get its library
         */
        public LocalStack start() {
            long started = System.nanoTime();
            Path root = null;
            if (stateDirectory != null) {
                try {
                    root = Files.createDirectories(stateDirectory.toAbsolutePath());
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not create the stack folder " + stateDirectory, e);
                }
            }
            Path stackRoot = root;
            CompletableFuture<EmbeddedClickHouse> clickHouseFuture = externalClickHouse != null
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> {
                        EmbeddedClickHouse.Builder b = EmbeddedClickHouse.builder();
                        if (chdbLibrary != null) {
                            b.library(chdbLibrary);
                        }
                        if (stackRoot != null) {
                            b.dataDirectory(stackRoot.resolve("clickhouse"));
                            b.logFile(stackRoot.resolve("clickhouse.log"));
                        }
                        clickHouseOptions.forEach(o -> o.accept(b));
                        return b.start();
                    });
            EmbeddedS3 s3 = null;
            EmbeddedClickHouse embedded = null;
            try {
                s3 = startS3(stackRoot);
                try {
                    embedded = clickHouseFuture.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
                ClickHouseEndpoint clickHouse = embedded != null ? embedded.endpoint() : externalClickHouse;
                String region = s3.endpoint().region();
                List<Consumer<ClickPipesEmulator.Builder>> options = List.copyOf(emulatorOptions);
                Supplier<ClickPipesEmulator.Builder> recipe = () -> {
                    ClickPipesEmulator.Builder b =
                            ClickPipesEmulator.builder().clickHouse(clickHouse).s3Region(region);
                    if (stackRoot != null) {
                        b.stateDirectory(stackRoot.resolve("clickpipes"));
                    }
                    options.forEach(o -> o.accept(b));
                    return b;
                };
                ClickPipesEmulator emulator = recipe.get().start();
                LocalStack stack = new LocalStack(embedded, clickHouse, s3, emulator, stackRoot, recipe);
                LOG.info(
                        "Local stack ready in {} ms: ClickHouse {}, S3 {}, ClickPipes API {}",
                        (System.nanoTime() - started) / 1_000_000,
                        clickHouse.url(),
                        s3.endpoint().url(),
                        emulator.endpoint().apiBaseUrl());
                return stack;
            } catch (RuntimeException e) {
                if (s3 != null) {
                    s3.close();
                }
                if (embedded != null) {
                    embedded.close();
                } else {
                    clickHouseFuture.thenAccept(c -> {
                        if (c != null) {
                            c.close();
                        }
                    });
                }
                throw e;
            }
        }

        private static EmbeddedS3 startS3(Path root) {
            EmbeddedS3.Builder b = EmbeddedS3.builder();
            if (root == null) {
                return b.start();
            }
            Path file = root.resolve("localstack.json");
            StoredStack stored = EmulatorJson.read(file, StoredStack.class);
            if (stored == null) {
                stored = new StoredStack(
                        0,
                        "CPCHECK" + RandomCredentials.randomAlphanumeric(13).toUpperCase(),
                        RandomCredentials.randomAlphanumeric(40));
            }
            b.dataDirectory(root.resolve("s3")).credentials(stored.s3AccessKey(), stored.s3SecretKey());
            // pipes keep the S3 URL they were created with: reuse the port when it is free
            if (stored.s3Port() > 0 && portFree(stored.s3Port())) {
                b.port(stored.s3Port());
            } else if (stored.s3Port() > 0) {
                LOG.warn(
                        "S3 port {} of the stored stack is taken; pipes created with it will fail to list files",
                        stored.s3Port());
            }
            EmbeddedS3 s3 = startWithRetries(b, stored.s3Port() > 0);
            EmulatorJson.write(file, new StoredStack(s3.port(), stored.s3AccessKey(), stored.s3SecretKey()));
            return s3;
        }

        /**
         * A stored port can be taken for a moment right after it was seen free (another server of
         * this stack picking a free port at the same time): retry the bind briefly before giving up.
         */
        private static EmbeddedS3 startWithRetries(EmbeddedS3.Builder b, boolean fixedPort) {
            int attempts = fixedPort ? 10 : 1;
            for (int i = 1; ; i++) {
                try {
                    return b.start();
                } catch (EmulatorException e) {
                    if (i >= attempts) {
                        throw e;
                    }
                    LOG.debug("S3 bind attempt {} failed, retrying: {}", i, e.getMessage());
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        private static boolean portFree(int port) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
