package dev.cpcheck.emulator;

import dev.cpcheck.emulator.internal.util.FileUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
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
    /** The region S3 signs with and SQS names its queues in. */
    static final String S3_REGION = "us-east-1";

    private final Builder options;
    private final ClickHouseEndpoint clickHouse;
    private final EmbeddedS3 s3;
    private final EmbeddedSqs sqs;
    private final Path stateDirectory;
    private final int emulatorPort;
    private EmbeddedClickHouse embeddedClickHouse;
    private ClickPipesEmulator emulator;
    private EmbeddedAzurite azurite;
    private Path azuriteTemporaryFolder;
    private boolean closed;

    private LocalStack(
            Builder options,
            EmbeddedClickHouse embeddedClickHouse,
            ClickHouseEndpoint clickHouse,
            EmbeddedS3 s3,
            EmbeddedSqs sqs,
            ClickPipesEmulator emulator,
            Path stateDirectory) {
        this.options = options;
        this.embeddedClickHouse = embeddedClickHouse;
        this.clickHouse = clickHouse;
        this.s3 = s3;
        this.sqs = sqs;
        this.emulator = emulator;
        this.stateDirectory = stateDirectory;
        this.emulatorPort = emulator.endpoint().apiBaseUrl().getPort();
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

    /**
     * SQS (ElasticMQ), started by the first call that needs it: queues fed by the S3 event
     * notifications of this stack's buckets, for pipes in unordered mode.
     */
    public EmbeddedSqs sqs() {
        return sqs;
    }

    /** ClickHouse Cloud API: base URL, organization id, service id, API key id and secret. */
    public ClickPipesEndpoint clickPipes() {
        return emulator().endpoint();
    }

    /**
     * The emulator, for fault control and pipe introspection.
     *
     * @throws IllegalStateException while it is stopped ({@link #stopEmulator()})
     */
    public synchronized ClickPipesEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The ClickPipes emulator of this stack is stopped");
        }
        return emulator;
    }

    /** The embedded ClickHouse, or {@code null} when the stack uses an external server. */
    public synchronized EmbeddedClickHouse embeddedClickHouse() {
        return embeddedClickHouse;
    }

    /**
     * Stops the ClickPipes emulator as a crash would leave it for its next start: its API stops
     * answering and its workers stop (a batch in flight is finished by the next start). Needs a
     * {@linkplain Builder#stateDirectory(Path) state folder}. Idempotent.
     */
    public synchronized void stopEmulator() {
        requireStateDirectory("stop and start the emulator");
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /**
     * Starts the emulator again from its state folder, on the same port with the same identity and
     * key: every pipe carries on from its checkpoint. Idempotent.
     */
    public synchronized void startEmulator() {
        requireStateDirectory("stop and start the emulator");
        if (closed) {
            throw new IllegalStateException("The local stack is closed");
        }
        if (emulator == null) {
            // a port just released can refuse a new bind for a moment
            emulator = Ports.retryBind(
                    () -> options.newEmulator(clickHouse, s3, sqs, stateDirectory, emulatorPort), 20, 250);
        }
    }

    /**
     * Kills the emulator as a crash would ({@link ClickPipesEmulator#kill()}): its API refuses
     * connections at once and its workers stop wherever they are, mid-batch included, until
     * {@link #startEmulator()} recovers every pipe from the state folder. Needs a state folder.
     * Idempotent.
     */
    public synchronized void killEmulator() {
        requireStateDirectory("kill and start the emulator");
        if (emulator != null) {
            emulator.kill();
            emulator = null;
        }
    }

    /**
     * Kills the embedded ClickHouse's process ({@code kill -9}, see
     * {@link EmbeddedClickHouse#restart()}) and starts it again on the same data folder and port,
     * as a crashed server that comes back: clients see refused connections meanwhile.
     *
     * @throws IllegalStateException when the stack uses an external ClickHouse
     */
    public synchronized void restartClickHouse() {
        if (embeddedClickHouse == null) {
            throw new IllegalStateException("This stack uses an external ClickHouse; it cannot restart it");
        }
        int port = embeddedClickHouse.httpPort();
        embeddedClickHouse = embeddedClickHouse.restart();
        LOG.info("Embedded ClickHouse restarted on port {}", port);
    }

    private void requireStateDirectory(String what) {
        if (stateDirectory == null) {
            throw new IllegalStateException("Only a stack with a state folder can " + what);
        }
    }

    /** The embedded S3 server. */
    public EmbeddedS3 embeddedS3() {
        return s3;
    }

    /** Name of the S3 server for {@link #startServer(String)} (always running). */
    public static final String SERVER_S3 = "s3";
    /** Name of the Azure Blob Storage server (Azurite) for {@link #startServer(String)}. */
    public static final String SERVER_AZURE_BLOB = "azure-blob";
    /** The container Azure sources write to. */
    public static final String AZURE_CONTAINER = "cpcheck-local";

    /**
     * Starts a server of the stack by name unless it runs already, and returns the settings a
     * source reads it with: nothing for {@value #SERVER_S3} (always running; the stack description
     * has its settings), {@code AZURE_STORAGE_CONNECTION_STRING} and {@code AZURE_CONTAINER} for
     * {@value #SERVER_AZURE_BLOB} (Azurite, installed through npm on first use).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public synchronized Map<String, String> startServer(String name) {
        if (closed) {
            throw new IllegalStateException("The local stack is closed");
        }
        switch (name) {
            case SERVER_S3 -> {
                return Map.of();
            }
            case SERVER_AZURE_BLOB -> {
                if (azurite == null) {
                    Path folder;
                    if (stateDirectory != null) {
                        folder = stateDirectory.resolve("azurite");
                    } else {
                        try {
                            azuriteTemporaryFolder = Files.createTempDirectory("cpcheck-azurite-");
                        } catch (IOException e) {
                            throw new UncheckedIOException("Could not create a folder for Azurite", e);
                        }
                        folder = azuriteTemporaryFolder;
                    }
                    azurite = EmbeddedAzurite.start(folder);
                    if (s3.credentialsRevoked()) {
                        azurite.revokeKey();
                    }
                }
                return azurite.sourceSettings(AZURE_CONTAINER);
            }
            default ->
                throw new IllegalArgumentException(
                        "Unknown server '" + name + "'; servers: " + SERVER_S3 + ", " + SERVER_AZURE_BLOB);
        }
    }

    /** The embedded Azurite, or {@code null} when no source asked for it. */
    public synchronized EmbeddedAzurite embeddedAzurite() {
        return azurite;
    }

    /**
     * Revokes the storage keys every pipe of the stack reads with: the S3 server refuses its key and
     * Azurite (if running) gives its account another key, its data kept. Pipes' reads fail until
     * {@link #restoreSourceCredentials()}; the fixture side is refused too, so a run writes no files
     * in between.
     */
    public synchronized String revokeSourceCredentials() {
        s3.revokeCredentials();
        if (azurite != null) {
            azurite.revokeKey();
        }
        return "storage keys of the local stack revoked (S3" + (azurite == null ? "" : " and Azure Blob Storage") + ")";
    }

    /** Accepts the keys {@link #revokeSourceCredentials()} revoked again. */
    public synchronized String restoreSourceCredentials() {
        s3.restoreCredentials();
        if (azurite != null) {
            azurite.restoreKey();
        }
        return "storage keys of the local stack restored (S3" + (azurite == null ? "" : " and Azure Blob Storage")
                + ")";
    }

    /** The persistent state folder, or {@code null} when everything is temporary. */
    public Path stateDirectory() {
        return stateDirectory;
    }

    /** Stops the emulator, then S3 and ClickHouse. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        if (emulator != null) {
            runQuietly(emulator::close, failures);
        }
        runQuietly(s3::close, failures);
        if (azurite != null) {
            runQuietly(azurite::close, failures);
        }
        if (azuriteTemporaryFolder != null) {
            runQuietly(() -> FileUtil.deleteRecursively(azuriteTemporaryFolder), failures);
        }
        runQuietly(sqs::close, failures);
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
                + s3.endpoint().url() + ", clickPipes=http://127.0.0.1:" + emulatorPort + "]";
    }

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
                    : CompletableFuture.supplyAsync(() -> newClickHouse(stackRoot));
            EmbeddedS3 s3 = null;
            EmbeddedClickHouse embedded = null;
            // SQS starts only when a run asks for a queue: a stack without unordered pipes pays nothing for it
            EmbeddedSqs sqs = EmbeddedSqs.lazy(S3_REGION);
            try {
                s3 = StoredS3.start(stackRoot, sqs);
                try {
                    embedded = clickHouseFuture.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
                ClickHouseEndpoint clickHouse = embedded != null ? embedded.endpoint() : externalClickHouse;
                ClickPipesEmulator emulator = newEmulator(clickHouse, s3, sqs, stackRoot, 0);
                LocalStack stack = new LocalStack(this, embedded, clickHouse, s3, sqs, emulator, stackRoot);
                LOG.info(
                        "Local stack ready in {} ms: ClickHouse {}, S3 {}, ClickPipes API {}",
                        (System.nanoTime() - started) / 1_000_000,
                        clickHouse.url(),
                        s3.endpoint().url(),
                        emulator.endpoint().apiBaseUrl());
                return stack;
            } catch (RuntimeException e) {
                sqs.close();
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

        private EmbeddedClickHouse newClickHouse(Path stackRoot) {
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
        }

        ClickPipesEmulator newEmulator(
                ClickHouseEndpoint clickHouse, EmbeddedS3 s3, EmbeddedSqs sqs, Path stackRoot, int port) {
            ClickPipesEmulator.Builder eb = ClickPipesEmulator.builder()
                    .clickHouse(clickHouse)
                    .s3Region(s3.endpoint().region())
                    .queueRetention(sqs::retention);
            if (stackRoot != null) {
                eb.stateDirectory(stackRoot.resolve("clickpipes"));
            }
            emulatorOptions.forEach(o -> o.accept(eb));
            if (port != 0) {
                eb.port(port);
            }
            return eb.start();
        }
    }
}
