package dev.cpcheck.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cpcheck.emulator.internal.api.ApiFaults;
import dev.cpcheck.emulator.internal.api.ApiServer;
import dev.cpcheck.emulator.internal.api.RateLimiter;
import dev.cpcheck.emulator.internal.api.ServiceModel;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseQueryException;
import dev.cpcheck.emulator.internal.pipe.EmulatorSettings;
import dev.cpcheck.emulator.internal.pipe.PipeRegistry;
import dev.cpcheck.emulator.internal.pipe.PipeRuntime;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.emulator.internal.util.RandomCredentials;
import dev.cpcheck.localstack.OwnedTempDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the ClickPipes part of the ClickHouse Cloud API, for one organization and
 * one service, with real ingestion: each object storage ClickPipe created through the API gets a
 * worker that reads the pipe's S3 URL and inserts into the destination table of the given
 * ClickHouse, like ClickPipes' continuous (lexicographic) mode, exactly once per file across
 * crashes of the emulator itself.
 *
 * <p>It can also misbehave on purpose: {@link FaultMode fault modes} break the checkpoint across
 * stop/start in one known way each, and API faults (429 bursts, intermittent 500s, slow state
 * transitions, an idle service answering 424) exercise a client's resilience. Faults can be set
 * here, or over HTTP on {@code /admin/faults} and {@code /admin/clickpipes/{id}/fault-mode}
 * (same Basic auth, no rate limit).
 *
 * <pre>{@code
 * try (ClickPipesEmulator emulator = ClickPipesEmulator.builder()
 *         .clickHouse(clickHouse.endpoint())
 *         .faultMode(FaultMode.SKIP_PAUSED_FILES)
 *         .start()) {
 *     ClickPipesEndpoint api = emulator.endpoint();   // base URL, org, service, key id and secret
 *     ...
 * }
 * }</pre>
 *
 * <p>State (pipes, checkpoints, identity) lives in {@link Builder#stateDirectory(Path)}; an emulator
 * started again on the same folder carries on where the last one stopped, even after kill -9.
 *
 * <p>Somewhat over 500 lines: the handle and its {@link Builder} are the public API of the
 * emulator, and every option and fault control is documented here rather than spread out.
 */
public final class ClickPipesEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickPipesEmulator.class);

    private final ClickPipesEndpoint endpoint;
    private final Path stateDirectory;
    private final boolean temporaryState;
    private final EmulatorSettings settings;
    private final PipeRegistry registry;
    private final ApiServer api;
    private final ApiFaults apiFaults;
    private final RateLimiter rateLimiter;
    private final ServiceModel service;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private ClickPipesEmulator(
            ClickPipesEndpoint endpoint,
            Path stateDirectory,
            boolean temporaryState,
            EmulatorSettings settings,
            PipeRegistry registry,
            ApiServer api,
            ApiFaults apiFaults,
            RateLimiter rateLimiter,
            ServiceModel service,
            FileChannel lockChannel,
            FileLock lock) {
        this.endpoint = endpoint;
        this.stateDirectory = stateDirectory;
        this.temporaryState = temporaryState;
        this.settings = settings;
        this.registry = registry;
        this.api = api;
        this.apiFaults = apiFaults;
        this.rateLimiter = rateLimiter;
        this.service = service;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL, organization id, service id, API key id and secret. */
    public ClickPipesEndpoint endpoint() {
        return endpoint;
    }

    /** The folder holding the emulator's state. */
    public Path stateDirectory() {
        return stateDirectory;
    }

    // ---------------------------------------------------------------- fault modes

    /** The emulator-wide fault mode. */
    public FaultMode faultMode() {
        return settings.faultMode();
    }

    /** Sets the emulator-wide fault mode; pipes with their own mode keep it. */
    public void faultMode(FaultMode mode) {
        settings.faultMode(Objects.requireNonNull(mode, "mode"));
        LOG.info("Emulator fault mode: {}", mode.id());
    }

    /**
     * Sets the fault mode of one pipe, overriding the emulator-wide mode; {@code null} makes it
     * follow the emulator-wide mode again.
     *
     * @throws IllegalArgumentException when there is no such pipe
     */
    public void pipeFaultMode(String pipeId, FaultMode mode) {
        runtime(pipeId).ownFaultMode(mode);
        LOG.info("ClickPipe {} fault mode: {}", pipeId, mode == null ? "(emulator-wide)" : mode.id());
    }

    // ---------------------------------------------------------------- API faults

    /** The next {@code requests} API requests get 429 with {@code X-RateLimit-Reset: 1}. */
    public void throttleNextRequests(int requests) {
        apiFaults.throttleNext(requests, 1.0);
    }

    /** The next {@code requests} API requests get 429 with the given {@code X-RateLimit-Reset}. */
    public void throttleNextRequests(int requests, double resetSeconds) {
        apiFaults.throttleNext(requests, resetSeconds);
    }

    /** The next {@code n} API requests fail with 500 and have no effect; 0 ends a burst. */
    public void serverErrorsOnNextRequests(int n) {
        apiFaults.serverErrorBurst(n);
    }

    /** Every {@code n}-th API request fails with 500 and has no effect; 0 turns it off. */
    public void serverErrorEveryNthRequest(int n) {
        apiFaults.serverErrorEvery(n);
    }

    /**
     * The answers of the next {@code count} API requests with this HTTP method (e.g. {@code POST},
     * a pipe's create) are sent {@code delay} after the request took effect: the pipe exists while
     * the caller still waits for its id.
     */
    public void delayNextAnswers(String method, int count, Duration delay) {
        apiFaults.delayNextAnswers(method, count, delay);
    }

    /** How long Stopping (after stop) and Provisioning (after start) last; zero for at once. */
    public void stateTransitionDelay(Duration delay) {
        settings.stateTransitionDelay(delay);
    }

    /** How long a new pipe stays Provisioning. */
    public void provisioningDelay(Duration delay) {
        settings.provisioningDelay(delay);
    }

    /** Requests per window per API key before 429; 0 turns the limit off. */
    public void rateLimit(int requests, Duration window) {
        rateLimiter.configure(requests, window);
    }

    /**
     * Sets the service state the API reports, e.g. {@code idle}: ClickPipe changes then get 424
     * FAILED_DEPENDENCY until the service is {@code running} again (or woken by the service state
     * command {@code start}/{@code awake}).
     */
    public void serviceState(String state) {
        service.state(state);
    }

    public String serviceState() {
        return service.state();
    }

    // ---------------------------------------------------------------- introspection

    /** Every pipe with its checkpoint and counters, oldest first. */
    public List<EmulatedPipe> pipes() {
        return registry.list().stream().map(PipeRuntime::describe).toList();
    }

    /** One pipe with its checkpoint and counters. */
    public Optional<EmulatedPipe> pipe(String pipeId) {
        return registry.find(pipeId).map(PipeRuntime::describe);
    }

    private PipeRuntime runtime(String pipeId) {
        return registry.find(pipeId).orElseThrow(() -> new IllegalArgumentException("No ClickPipe " + pipeId));
    }

    /**
     * Stops the emulator as a crash would: the API stops answering at once and the workers are
     * interrupted wherever they are, mid-batch included. The state folder is kept, even a
     * temporary one, so that an emulator started on it ({@link Builder#stateDirectory}) recovers
     * every pipe; whoever restarts it deletes a temporary folder afterwards.
     *
     * @return the state folder to restart from
     */
    public synchronized Path kill() {
        if (!closed) {
            closed = true;
            api.close();
            registry.kill();
            releaseLock();
            LOG.info("ClickPipes emulator on {} killed (state kept in {})", endpoint.apiBaseUrl(), stateDirectory);
        }
        return stateDirectory;
    }

    /** Whether the state folder is a temporary one that {@link #close()} deletes. */
    public boolean temporaryState() {
        return temporaryState;
    }

    /**
     * How long a worker waits between a batch's staging insert and the move of its partitions:
     * a window in which a test can kill the emulator mid-batch. Zero for none.
     */
    public void moveDelay(Duration delay) {
        settings.moveDelay(Objects.requireNonNull(delay, "delay"));
    }

    private void releaseLock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Releasing the state lock failed: {}", e.toString());
        }
    }

    /**
     * Stops the API and the ingestion workers. A batch in flight is finished when an emulator
     * starts again on the same state folder; a temporary state folder is deleted.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        registry.shutdown();
        releaseLock();
        if (temporaryState) {
            FileUtil.deleteRecursively(stateDirectory);
        }
        LOG.info("ClickPipes emulator on {} stopped", endpoint.apiBaseUrl());
    }

    @Override
    public String toString() {
        return "ClickPipesEmulator[" + endpoint + ", state=" + stateDirectory + "]";
    }

    /** The identity kept in {@code emulator.json} so a restarted emulator accepts the same key. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredIdentity(
            String organizationId, String serviceId, String apiKeyId, String apiKeySecret, String serviceName) {}

    /** Options of a {@link ClickPipesEmulator}; {@link #start()} starts it. */
    public static final class Builder {
        private ClickHouseEndpoint clickHouse;
        private Path stateDirectory;
        private int port;
        private String organizationId;
        private String serviceId;
        private String apiKeyId;
        private String apiKeySecret;
        private String serviceName;
        private int rateLimitRequests = 10;
        private Duration rateLimitWindow = Duration.ofSeconds(10);
        private Duration provisioningDelay = Duration.ofSeconds(1);
        private Duration stateTransitionDelay = Duration.ZERO;
        private Duration checkpointCommitDelay = Duration.ZERO;
        private Duration moveDelay = Duration.ZERO;
        private FaultMode faultMode = FaultMode.NONE;
        private int maxInsertAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(500);
        private String s3Region = "us-east-1";
        private Function<String, Optional<Duration>> queueRetention = url -> Optional.empty();

        private Builder() {}

        /** The ClickHouse that pipes insert into (required). */
        public Builder clickHouse(ClickHouseEndpoint endpoint) {
            this.clickHouse = Objects.requireNonNull(endpoint);
            return this;
        }

        /**
         * Keep state here (created if missing) so that a new emulator on the same folder resumes
         * every pipe. Default: a temporary folder deleted by {@link ClickPipesEmulator#close()}.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** API port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Organization id (default: random UUID, or the one in the state folder). */
        public Builder organizationId(String id) {
            this.organizationId = id;
            return this;
        }

        /** Service id (default: random UUID, or the one in the state folder). */
        public Builder serviceId(String id) {
            this.serviceId = id;
            return this;
        }

        /** Service name shown by the service endpoint. */
        public Builder serviceName(String name) {
            this.serviceName = name;
            return this;
        }

        /** API key the emulator accepts (default: random, or the one in the state folder). */
        public Builder apiKey(String keyId, String keySecret) {
            this.apiKeyId = Objects.requireNonNull(keyId);
            this.apiKeySecret = Objects.requireNonNull(keySecret);
            return this;
        }

        /** Rate limit per API key (default 10 requests per 10 s, as ClickHouse Cloud). */
        public Builder rateLimit(int requests, Duration window) {
            if (requests > 0 && (window == null || window.isZero() || window.isNegative())) {
                throw new IllegalArgumentException("rate limit window must be positive");
            }
            this.rateLimitRequests = requests;
            this.rateLimitWindow = window == null ? Duration.ofSeconds(10) : window;
            return this;
        }

        /** No rate limit. */
        public Builder noRateLimit() {
            this.rateLimitRequests = 0;
            return this;
        }

        /** How long a new pipe stays Provisioning (default 1 s). */
        public Builder provisioningDelay(Duration delay) {
            this.provisioningDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** How long Stopping and Provisioning-after-start last (default 0: at once). */
        public Builder stateTransitionDelay(Duration delay) {
            this.stateTransitionDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** The emulator-wide fault mode (default {@link FaultMode#NONE}). */
        public Builder faultMode(FaultMode mode) {
            this.faultMode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * Waits this long between moving a batch's partitions into the destination and committing
         * the checkpoint: a window in which crash tests kill the emulator. Default 0.
         */
        public Builder checkpointCommitDelay(Duration delay) {
            this.checkpointCommitDelay = Objects.requireNonNull(delay);
            return this;
        }

        /**
         * Waits this long between a batch's insert into its staging table and the move of its
         * partitions into the destination: a window in which crash tests kill the emulator. Default 0.
         */
        public Builder moveDelay(Duration delay) {
            this.moveDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** Attempts per batch before the pipe goes Failed, and the first retry delay (doubling). */
        public Builder ingestionRetries(int attempts, Duration backoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.maxInsertAttempts = attempts;
            this.retryBackoff = Objects.requireNonNull(backoff);
            return this;
        }

        /** Region used to sign S3 listing requests (default {@code us-east-1}). */
        public Builder s3Region(String region) {
            this.s3Region = Objects.requireNonNull(region);
            return this;
        }

        /**
         * How long each queue keeps a message, by queue URL, for pipes in unordered mode: a message
         * older than that is dropped unread, as SQS deletes it. Empty for a queue means SQS's default
         * of 4 days. For servers that keep no retention themselves (ElasticMQ).
         */
        public Builder queueRetention(Function<String, Optional<Duration>> retentionByQueueUrl) {
            this.queueRetention = Objects.requireNonNull(retentionByQueueUrl);
            return this;
        }

        /**
         * Starts the API and the workers of the pipes found in the state folder.
         *
         * @throws EmulatorException when ClickHouse is unreachable or the state folder is in use
         */
        public ClickPipesEmulator start() {
            if (clickHouse == null) {
                throw new IllegalStateException("ClickPipesEmulator.builder().clickHouse(endpoint) is required");
            }
            boolean temporary = stateDirectory == null;
            Path dir;
            try {
                dir = temporary
                        ? OwnedTempDirectory.create("cpcheck-clickpipes-")
                        : Files.createDirectories(stateDirectory.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the emulator state folder " + stateDirectory, e);
            }
            FileChannel lockChannel = null;
            FileLock lock = null;
            try {
                lockChannel = FileChannel.open(
                        dir.resolve("emulator.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    lock = lockChannel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new EmulatorException("Another ClickPipes emulator is using the state folder " + dir
                            + "; stop it or use another folder");
                }
                return startLocked(dir, temporary, lockChannel, lock);
            } catch (IOException e) {
                closeQuietly(lockChannel);
                throw new UncheckedIOException("Could not lock the emulator state folder " + dir, e);
            } catch (RuntimeException e) {
                closeQuietly(lockChannel);
                if (temporary) {
                    FileUtil.deleteRecursively(dir);
                }
                throw e;
            }
        }

        private ClickPipesEmulator startLocked(Path dir, boolean temporary, FileChannel lockChannel, FileLock lock)
                throws IOException {
            StoredIdentity stored = EmulatorJson.read(dir.resolve("emulator.json"), StoredIdentity.class);
            StoredIdentity identity = new StoredIdentity(
                    pick(
                            organizationId,
                            stored == null ? null : stored.organizationId(),
                            UUID.randomUUID().toString()),
                    pick(
                            serviceId,
                            stored == null ? null : stored.serviceId(),
                            UUID.randomUUID().toString()),
                    pick(
                            apiKeyId,
                            stored == null ? null : stored.apiKeyId(),
                            "cpcheck" + RandomCredentials.randomAlphanumeric(12)),
                    pick(
                            apiKeySecret,
                            stored == null ? null : stored.apiKeySecret(),
                            "4b1d" + RandomCredentials.randomAlphanumeric(36)),
                    pick(serviceName, stored == null ? null : stored.serviceName(), "cpcheck-local"));
            EmulatorJson.write(dir.resolve("emulator.json"), identity);

            ClickHouseHttp http = new ClickHouseHttp(clickHouse);
            String version;
            try {
                version = http.queryValue("SELECT version()").trim();
            } catch (ClickHouseQueryException e) {
                throw new EmulatorException(
                        "The ClickPipes emulator cannot reach ClickHouse at " + clickHouse.url() + ": "
                                + e.getMessage(),
                        e);
            }
            EmulatorSettings settings = new EmulatorSettings();
            settings.faultMode(faultMode);
            settings.provisioningDelay(provisioningDelay);
            settings.stateTransitionDelay(stateTransitionDelay);
            settings.checkpointCommitDelay(checkpointCommitDelay);
            settings.moveDelay(moveDelay);
            settings.maxInsertAttempts(maxInsertAttempts);
            settings.retryBackoff(retryBackoff);
            settings.s3Region(s3Region);
            settings.queueRetention(queueRetention);

            PipeRegistry registry = new PipeRegistry(dir, http, settings);
            RateLimiter rateLimiter = new RateLimiter(rateLimitRequests, rateLimitWindow);
            ApiFaults faults = new ApiFaults();
            ServiceModel service = new ServiceModel(identity.serviceName(), settings::stateTransitionDelay);
            ApiServer api = new ApiServer(
                    port,
                    new ApiServer.Identity(
                            identity.organizationId(),
                            identity.serviceId(),
                            identity.apiKeyId(),
                            identity.apiKeySecret()),
                    registry,
                    service,
                    settings,
                    rateLimiter,
                    faults,
                    version,
                    clickHouse);
            try {
                registry.loadAndStart();
            } catch (RuntimeException e) {
                api.close();
                registry.shutdown();
                throw e;
            }
            ClickPipesEndpoint endpoint = new ClickPipesEndpoint(
                    api.baseUrl(),
                    identity.organizationId(),
                    identity.serviceId(),
                    identity.apiKeyId(),
                    identity.apiKeySecret());
            LOG.info(
                    "ClickPipes emulator ready on {} (organization {}, service {}, state {}, fault mode {})",
                    endpoint.apiBaseUrl(),
                    identity.organizationId(),
                    identity.serviceId(),
                    dir,
                    faultMode.id());
            return new ClickPipesEmulator(
                    endpoint, dir, temporary, settings, registry, api, faults, rateLimiter, service, lockChannel, lock);
        }

        private static String pick(String explicit, String stored, String generated) {
            return explicit != null ? explicit : stored != null ? stored : generated;
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
