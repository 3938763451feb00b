package dev.cpcheck.clickpipes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.internal.ApiRequest;
import dev.cpcheck.clickpipes.internal.ApiTransport;
import dev.cpcheck.clickpipes.internal.RetryingExecutor;
import dev.cpcheck.clickpipes.internal.SharedRateLimiters;
import dev.cpcheck.clickpipes.internal.SlidingWindowRateLimiter;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeCommand;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ClickPipeStateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.Service;
import dev.cpcheck.clickpipes.model.ServiceCommand;
import dev.cpcheck.clickpipes.model.ServiceState;
import dev.cpcheck.clickpipes.model.ServiceStateRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed client for the ClickPipes part of the ClickHouse Cloud API, bound to one organization
 * and one service.
 *
 * <pre>{@code
 * try (ClickPipesClient client = ClickPipesClient.builder()
 *     .organizationId(orgId)
 *     .serviceId(serviceId)
 *     .apiKeyId(keyId)
 *     .apiKeySecret(keySecret)
 *     .build()) {
 *   ClickPipe pipe = client.create(request);
 *   client.waiter().untilState(pipe.id(), ClickPipeState.RUNNING);
 *   client.stop(pipe.id());
 *   client.waiter().untilState(pipe.id(), ClickPipeState.STOPPED);
 * }
 * }</pre>
 *
 * <p>Every call goes through a client-side rate limiter (default 10 requests per 10 s, the API's
 * limit), shared by every client in the JVM that uses the same API key (see
 * {@link Builder#rateLimitConfig}), and is retried on 429, 5xx and connection failures within a
 * time budget (see {@link ClickPipesRetryConfig}); other errors throw at once as a typed
 * {@link ClickPipesException}. A create whose outcome is unknown is not repeated blindly: before
 * retrying, the client lists the pipes and adopts one with the same name and destination. With
 * {@link Builder#wakeIdleService(boolean)}, a 424 from an idle service wakes it, waits for it to
 * run, and repeats the call; {@link Builder#wakeStoppedService(boolean)} does the same for a
 * service someone stopped.
 *
 * <p>Instances are thread-safe and may be shared by threads. Each request is logged at DEBUG
 * (method, path, status, request ID, attempt, duration) on logger
 * {@code dev.cpcheck.clickpipes.http}; credentials never appear in logs or messages.
 */
public final class ClickPipesClient implements AutoCloseable {

    /** Base URL of ClickHouse Cloud's API. */
    public static final String DEFAULT_BASE_URL = "https://api.clickhouse.cloud";

    private static final Logger LOG = LoggerFactory.getLogger(ClickPipesClient.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]+");

    private final URI baseUrl;
    private final String organizationId;
    private final String serviceId;
    private final String apiKeyId;
    private final HttpClient httpClient;
    private final boolean ownsHttpClient;
    private final ObjectMapper json;
    private final ApiTransport transport;
    private final RetryingExecutor executor;
    private final boolean wakeIdleService;
    private final boolean wakeStoppedService;
    private final Duration serviceWakeTimeout;
    private final ClickPipeWaiter waiter;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object wakeLock = new Object();
    private final String servicePath;

    private ClickPipesClient(Builder b, URI baseUrl) {
        this.baseUrl = baseUrl;
        this.organizationId = b.organizationId;
        this.serviceId = b.serviceId;
        this.apiKeyId = b.apiKeyId;
        this.ownsHttpClient = b.httpClient == null;
        this.httpClient = ownsHttpClient
                ? HttpClient.newBuilder()
                        .connectTimeout(b.connectTimeout)
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build()
                : b.httpClient;
        this.json = ClickPipesJson.newMapper();
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        ClickPipesRateLimitConfig rate = b.rateLimitConfig;
        SlidingWindowRateLimiter limiter = rate.enabled()
                ? SharedRateLimiters.forKey(
                        base,
                        organizationId,
                        apiKeyId,
                        rate.limitForPeriod(),
                        rate.period().plus(rate.safetyMargin()),
                        b.timeSource)
                : null;
        this.transport = new ApiTransport(
                httpClient,
                base,
                b.apiKeyId,
                b.apiKeySecret,
                b.requestTimeout,
                json,
                limiter,
                rate.maxWait(),
                b.timeSource,
                userAgent());
        this.executor = new RetryingExecutor("clickpipes-" + serviceId, b.retryConfig, b.timeSource);
        this.wakeIdleService = b.wakeIdleService;
        this.wakeStoppedService = b.wakeStoppedService;
        this.serviceWakeTimeout = b.serviceWakeTimeout;
        this.waiter = new ClickPipeWaiter(this, b.timeSource);
        this.servicePath = "/v1/organizations/" + organizationId + "/services/" + serviceId;
    }

    /** A builder; organization ID, service ID and API key are required. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- ClickPipes

    /**
     * Lists the service's ClickPipes. Pipes of other source kinds (Kafka, Postgres, …) are
     * included with their source kept as raw JSON; a non-object-storage pipe whose JSON this
     * client cannot read is skipped with a warning rather than failing the list.
     */
    public List<ClickPipe> list() {
        ApiRequest request = ApiRequest.get(pipesPath(), false);
        JsonNode result = call(request, true);
        return parsePipeList(request, result);
    }

    /** The pipe with exactly this name, if any (the newest if several share it). */
    public Optional<ClickPipe> findByName(String name) {
        Objects.requireNonNull(name, "name");
        return list().stream()
                .filter(p -> name.equals(p.name()))
                .max(Comparator.comparing(ClickPipe::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /**
     * Creates a pipe ({@code POST .../clickpipes}). If an attempt fails in a way that may have
     * created the pipe anyway (timeout, dropped connection, 5xx), the next attempt first lists the
     * pipes and returns an existing pipe with the same name and destination instead of creating a
     * second one.
     *
     * @throws IllegalArgumentException if the request has no name
     */
    public ClickPipe create(ClickPipeCreateRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.name() == null || request.name().isBlank()) {
            throw new IllegalArgumentException(
                    "ClickPipeCreateRequest.name is required (1..255 characters, unique in the service)");
        }
        ApiRequest post = new ApiRequest("POST", pipesPath(), json.valueToTree(request), false);
        return withServiceWake(() -> {
            AtomicBoolean outcomeUnknown = new AtomicBoolean();
            return executor.execute(post.describe(), (attempt, previous) -> {
                if (previous != null && mayHaveTakenEffect(previous)) {
                    outcomeUnknown.set(true);
                }
                if (outcomeUnknown.get()) {
                    Optional<ClickPipe> existing = findCreated(request, attempt);
                    if (existing.isPresent()) {
                        LOG.info(
                                "Adopting ClickPipe {} named '{}': an earlier create attempt may have"
                                        + " succeeded without a response",
                                existing.get().id(),
                                request.name());
                        return existing.get();
                    }
                }
                return toPipe(post, transport.send(post, attempt).result());
            });
        });
    }

    /**
     * Gets one pipe.
     *
     * @throws ClickPipeNotFoundException if there is no such pipe
     */
    public ClickPipe get(String pipeId) {
        ApiRequest request = ApiRequest.get(pipePath(pipeId), true);
        return toPipe(request, call(request, true));
    }

    /** Changes a pipe ({@code PATCH .../clickpipes/{id}}); {@code null} fields stay unchanged. */
    public ClickPipe update(String pipeId, ClickPipeUpdateRequest request) {
        Objects.requireNonNull(request, "request");
        ApiRequest patch = new ApiRequest("PATCH", pipePath(pipeId), json.valueToTree(request), true);
        return toPipe(patch, call(patch, true));
    }

    /**
     * Deletes a pipe. A retry that finds the pipe gone after an attempt with unknown outcome
     * counts as success.
     *
     * @throws ClickPipeNotFoundException if the pipe did not exist in the first place
     */
    public void delete(String pipeId) {
        ApiRequest request = new ApiRequest("DELETE", pipePath(pipeId), null, true);
        withServiceWake(() -> {
            AtomicBoolean outcomeUnknown = new AtomicBoolean();
            return executor.execute(request.describe(), (attempt, previous) -> {
                if (previous != null && mayHaveTakenEffect(previous)) {
                    outcomeUnknown.set(true);
                }
                try {
                    transport.send(request, attempt);
                } catch (ClickPipeNotFoundException e) {
                    if (!outcomeUnknown.get()) {
                        throw e;
                    }
                    LOG.info("ClickPipe {} is gone: an earlier delete attempt succeeded", pipeId);
                }
                return null;
            });
        });
    }

    /**
     * Starts a stopped or failed pipe ({@code {"command":"start"}}); the pipe then moves to
     * {@code Running}. Starting a running pipe is a {@link ClickPipeStateConflictException}.
     */
    public ClickPipe start(String pipeId) {
        return changeState(
                pipeId, ClickPipeCommand.START, EnumSet.of(ClickPipeState.RUNNING, ClickPipeState.PROVISIONING));
    }

    /**
     * Stops a pipe ({@code {"command":"stop"}}); it moves through {@code Stopping} to
     * {@code Stopped}. Await that with {@link #waiter()}.
     */
    public ClickPipe stop(String pipeId) {
        return changeState(pipeId, ClickPipeCommand.STOP, EnumSet.of(ClickPipeState.STOPPED, ClickPipeState.STOPPING));
    }

    /** Resyncs a database pipe ({@code {"command":"resync"}}); not supported for object storage. */
    public ClickPipe resync(String pipeId) {
        return changeState(pipeId, ClickPipeCommand.RESYNC, EnumSet.noneOf(ClickPipeState.class));
    }

    /** The pipe's advanced settings. */
    public ClickPipeSettings getSettings(String pipeId) {
        ApiRequest request = ApiRequest.get(pipePath(pipeId) + "/settings", true);
        return toSettings(request, call(request, true));
    }

    /**
     * Replaces the pipe's advanced settings ({@code PUT .../settings}, a flat key/value map such
     * as {@code Map.of("object_storage_polling_interval_ms", 1000)}).
     */
    public ClickPipeSettings putSettings(String pipeId, Map<String, ?> settings) {
        Objects.requireNonNull(settings, "settings");
        ApiRequest put = new ApiRequest("PUT", pipePath(pipeId) + "/settings", json.valueToTree(settings), true);
        return toSettings(put, call(put, true));
    }

    /** Changes the pipe's scaling ({@code PATCH .../scaling}). */
    public ClickPipe updateScaling(String pipeId, ClickPipeScalingRequest request) {
        Objects.requireNonNull(request, "request");
        ApiRequest patch = new ApiRequest("PATCH", pipePath(pipeId) + "/scaling", json.valueToTree(request), true);
        return toPipe(patch, call(patch, true));
    }

    /** The waiter for pipe states. */
    public ClickPipeWaiter waiter() {
        return waiter;
    }

    // ---------------------------------------------------------------- service

    /** The ClickHouse service the pipes belong to, including its state. */
    public Service getService() {
        ApiRequest request = ApiRequest.get(servicePath, false);
        return convert(request, call(request, false), Service.class);
    }

    /**
     * Starts (wakes) the service ({@code PATCH .../state {"command":"start"}}). Returns the service
     * as the API answered; it may still be starting.
     */
    public Service startService() {
        ApiRequest patch = new ApiRequest(
                "PATCH",
                servicePath + "/state",
                json.valueToTree(new ServiceStateRequest(ServiceCommand.START)),
                false);
        return convert(patch, call(patch, false), Service.class);
    }

    // ---------------------------------------------------------------- accessors

    public URI baseUrl() {
        return baseUrl;
    }

    public String organizationId() {
        return organizationId;
    }

    public String serviceId() {
        return serviceId;
    }

    /** Closes the HTTP client if this client created it; later calls throw. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsHttpClient) {
            // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end once unreachable.
            Object client = httpClient;
            if (client instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) client).close();
                } catch (Exception e) {
                    LOG.debug("closing the HTTP client failed", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ClickPipesClient[baseUrl="
                + baseUrl
                + ", organizationId="
                + organizationId
                + ", serviceId="
                + serviceId
                + ", apiKeyId="
                + apiKeyId
                + "]";
    }

    // ---------------------------------------------------------------- internals

    private ClickPipe changeState(String pipeId, ClickPipeCommand command, Set<ClickPipeState> effectStates) {
        ApiRequest patch = new ApiRequest(
                "PATCH", pipePath(pipeId) + "/state", json.valueToTree(new ClickPipeStateRequest(command)), true);
        return withServiceWake(() -> {
            AtomicBoolean outcomeUnknown = new AtomicBoolean();
            return executor.execute(patch.describe(), (attempt, previous) -> {
                if (previous != null && mayHaveTakenEffect(previous)) {
                    outcomeUnknown.set(true);
                }
                try {
                    return toPipe(patch, transport.send(patch, attempt).result());
                } catch (ClickPipeStateConflictException conflict) {
                    // An earlier attempt may have applied the command; if the pipe
                    // now shows its effect,
                    // the command succeeded.
                    if (outcomeUnknown.get() && !effectStates.isEmpty()) {
                        ApiRequest get = ApiRequest.get(pipePath(pipeId), true);
                        ClickPipe pipe =
                                toPipe(get, transport.send(get, attempt).result());
                        if (effectStates.contains(pipe.state())) {
                            LOG.info(
                                    "ClickPipe {} is {}: an earlier '{}' attempt took effect",
                                    pipeId,
                                    pipe.rawState(),
                                    command.value());
                            return pipe;
                        }
                    }
                    throw conflict;
                }
            });
        });
    }

    private JsonNode call(ApiRequest request, boolean wakeOn424) {
        ensureOpen();
        Supplier<JsonNode> call = () -> executor.execute(
                request.describe(),
                (attempt, previous) -> transport.send(request, attempt).result());
        return wakeOn424 ? withServiceWake(call) : call.get();
    }

    private <T> T withServiceWake(Supplier<T> call) {
        ensureOpen();
        try {
            return call.get();
        } catch (ServiceNotRunningException e) {
            if (!wakeIdleService && !wakeStoppedService) {
                throw e;
            }
            wakeService(e);
            return call.get();
        }
    }

    /**
     * Wakes an idle service (or a stopped one, when asked to) and waits until it runs; other
     * states (terminated, failed, ...) are not the client's to change.
     */
    private void wakeService(ServiceNotRunningException cause) {
        synchronized (wakeLock) {
            Service service = getService();
            ServiceState state = service.state();
            if (state == ServiceState.RUNNING) {
                return;
            }
            if ((state == ServiceState.IDLE && wakeIdleService)
                    || (state == ServiceState.STOPPED && wakeStoppedService)) {
                LOG.info(
                        "Service {} is {}; starting it (timeout {})",
                        serviceId,
                        service.rawState(),
                        serviceWakeTimeout);
                startService();
            } else if (state == ServiceState.IDLE || state == ServiceState.STOPPED) {
                throw cause;
            } else if (state != ServiceState.AWAKING
                    && state != ServiceState.STARTING
                    && state != ServiceState.PROVISIONING
                    && state != ServiceState.PARTIALLY_RUNNING) {
                // terminated, failed, ...: not ours to override
                throw cause;
            }
            waiter.untilServiceRunning(serviceWakeTimeout);
            LOG.info("Service {} is running; repeating the call", serviceId);
        }
    }

    private Optional<ClickPipe> findCreated(ClickPipeCreateRequest request, int attempt) {
        ApiRequest listRequest = ApiRequest.get(pipesPath(), false);
        List<ClickPipe> pipes =
                parsePipeList(listRequest, transport.send(listRequest, attempt).result());
        return pipes.stream()
                .filter(p -> request.name().equals(p.name()))
                .filter(p -> sameDestination(request.destination(), p.destination()))
                .max(Comparator.comparing(ClickPipe::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    private static boolean sameDestination(ClickPipeDestination wanted, ClickPipeDestination seen) {
        if (wanted == null || seen == null) {
            return true;
        }
        return (wanted.database() == null
                        || seen.database() == null
                        || wanted.database().equals(seen.database()))
                && (wanted.table() == null
                        || seen.table() == null
                        || wanted.table().equals(seen.table()));
    }

    /** Whether a failed attempt may nevertheless have been applied by the server. */
    private static boolean mayHaveTakenEffect(ClickPipesException e) {
        if (e instanceof ClickPipesClientException) {
            return ((ClickPipesClientException) e).mayHaveReachedService();
        }
        if (e instanceof ClickPipesServiceException) {
            return ((ClickPipesServiceException) e).statusCode() >= 500;
        }
        return false;
    }

    private List<ClickPipe> parsePipeList(ApiRequest request, JsonNode result) {
        if (result == null) {
            return List.of();
        }
        if (!result.isArray()) {
            throw invalidResponse(request, "expected a list of ClickPipes", null);
        }
        List<ClickPipe> pipes = new ArrayList<>(result.size());
        for (JsonNode node : result) {
            try {
                pipes.add(json.treeToValue(node, ClickPipe.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                if (node.path("source").has("objectStorage")) {
                    throw invalidResponse(
                            request,
                            "cannot read object-storage ClickPipe "
                                    + node.path("id").asText("?"),
                            e);
                }
                LOG.warn(
                        "Skipping ClickPipe {} in the list: its JSON does not parse ({})",
                        node.path("id").asText("?"),
                        e.getMessage());
            }
        }
        return Collections.unmodifiableList(pipes);
    }

    private ClickPipe toPipe(ApiRequest request, JsonNode result) {
        return convert(request, result, ClickPipe.class);
    }

    private ClickPipeSettings toSettings(ApiRequest request, JsonNode result) {
        return result == null ? ClickPipeSettings.empty() : convert(request, result, ClickPipeSettings.class);
    }

    private <T> T convert(ApiRequest request, JsonNode result, Class<T> type) {
        if (result == null) {
            throw invalidResponse(request, "the response has no result", null);
        }
        try {
            return json.treeToValue(result, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalidResponse(request, "cannot read the result as " + type.getSimpleName(), e);
        }
    }

    private static ClickPipesServiceException invalidResponse(ApiRequest request, String what, Exception cause) {
        String detail = cause == null
                ? ""
                : ": "
                        + (cause instanceof JsonProcessingException
                                ? ((JsonProcessingException) cause).getOriginalMessage()
                                : cause.getMessage());
        ClickPipesServiceException e = new ClickPipesServiceException(
                request.describe() + " returned an unexpected response: " + what + detail,
                200,
                null,
                "INVALID_RESPONSE",
                what,
                1);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this ClickPipesClient is closed; build a new one");
        }
    }

    private String pipesPath() {
        return servicePath + "/clickpipes";
    }

    private String pipePath(String pipeId) {
        requireId("pipeId", pipeId);
        return pipesPath() + "/" + pipeId;
    }

    private static void requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what
                    + " must be an ID such as a UUID (letters, digits, '-', '_', '.', '~'), was "
                    + (id == null ? "null" : "'" + id + "'"));
        }
    }

    private static String userAgent() {
        String version = ClickPipesClient.class.getPackage().getImplementationVersion();
        return "cpcheck-clickpipes-client/"
                + (version == null ? "dev" : version)
                + " Java/"
                + Runtime.version().feature();
    }

    /**
     * Builder for {@link ClickPipesClient}.
     *
     * <pre>{@code
     * ClickPipesClient.builder()
     *     .organizationId(System.getenv("CLICKHOUSE_ORG_ID"))
     *     .serviceId(System.getenv("CLICKHOUSE_SERVICE_ID"))
     *     .apiKeyId(System.getenv("CLICKHOUSE_API_KEY_ID"))
     *     .apiKeySecret(System.getenv("CLICKHOUSE_API_KEY_SECRET"))
     *     .wakeIdleService(true)
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String organizationId;
        private String serviceId;
        private String apiKeyId;
        private String apiKeySecret;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private HttpClient httpClient;
        private ClickPipesRetryConfig retryConfig = ClickPipesRetryConfig.ofDefaults();
        private ClickPipesRateLimitConfig rateLimitConfig = ClickPipesRateLimitConfig.ofDefaults();
        private boolean wakeIdleService;
        private boolean wakeStoppedService;
        private Duration serviceWakeTimeout = Duration.ofMinutes(10);
        private TimeSource timeSource = TimeSource.system();

        private Builder() {}

        /**
         * API base URL; default {@value ClickPipesClient#DEFAULT_BASE_URL}. A trailing {@code /v1}
         * is accepted and dropped (paths add it).
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** API base URL. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl == null ? null : baseUrl.toString();
            return this;
        }

        /** Organization ID (UUID), from the console's organization settings. Required. */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /** Service ID (UUID) the pipes belong to, from the service's settings. Required. */
        public Builder serviceId(String serviceId) {
            this.serviceId = serviceId;
            return this;
        }

        /** API key ID (Basic auth user). Required. */
        public Builder apiKeyId(String apiKeyId) {
            this.apiKeyId = apiKeyId;
            return this;
        }

        /** API key secret (Basic auth password). Required; never logged. */
        public Builder apiKeySecret(String apiKeySecret) {
            this.apiKeySecret = apiKeySecret;
            return this;
        }

        /** Connect timeout of the HTTP client the builder creates; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Timeout of one request, until the response headers arrive; default 30 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * HTTP client to use (proxy, TLS, executor settings). {@link #connectTimeout} then does not
         * apply, and {@link ClickPipesClient#close()} leaves it open.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Retry behaviour; default {@link ClickPipesRetryConfig#ofDefaults()}. */
        public Builder retryConfig(ClickPipesRetryConfig retryConfig) {
            this.retryConfig = retryConfig;
            return this;
        }

        /**
         * Client-side rate limit; default {@link ClickPipesRateLimitConfig#ofDefaults()}.
         *
         * <p>The API limits requests per API key, so the limit is per key, not per client: all
         * clients in the JVM with the same {@link #baseUrl}, {@link #organizationId},
         * {@link #apiKeyId}, limit and {@link #timeSource} draw from one sliding window, whether
         * they exist at the same time or one after the other (every client on the defaults
         * shares). A client built with another limit has a window of its own. {@code maxWait}
         * applies to each client's own calls. A client with
         * {@link ClickPipesRateLimitConfig#disabled()} neither uses nor counts towards a shared
         * limit.
         */
        public Builder rateLimitConfig(ClickPipesRateLimitConfig rateLimitConfig) {
            this.rateLimitConfig = rateLimitConfig;
            return this;
        }

        /**
         * On a 424 from an idle service: start it, wait until it runs, repeat the call. Off by
         * default.
         */
        public Builder wakeIdleService(boolean wakeIdleService) {
            this.wakeIdleService = wakeIdleService;
            return this;
        }

        /**
         * On a 424 from a stopped service: start it, wait until it runs, repeat the call. Off by
         * default, also where idle services are woken: someone stopped it on purpose, and a
         * running service costs money.
         */
        public Builder wakeStoppedService(boolean wakeStoppedService) {
            this.wakeStoppedService = wakeStoppedService;
            return this;
        }

        /** How long to wait for a woken service to run; default 10 min. */
        public Builder serviceWakeTimeout(Duration serviceWakeTimeout) {
            this.serviceWakeTimeout = serviceWakeTimeout;
            return this;
        }

        /**
         * Clock and sleeper for retries, rate limiting and waiters; for tests. Default {@link
         * TimeSource#system()}.
         *
         * <p>A rate limiter counts and sleeps on one clock, so the shared per-key limiter (see
         * {@link #rateLimitConfig}) is also per time source instance: clients built with the
         * default share it, while clients built with a custom time source share a limiter only
         * with clients built with that same instance. A test with its own fake clock therefore
         * starts from an empty window, and two clients given the same fake clock share one.
         */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = timeSource;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException listing every missing or invalid setting and how to fix it
         */
        public ClickPipesClient build() {
            List<String> problems = new ArrayList<>();
            URI uri = parseBaseUrl(problems);
            checkId(
                    problems,
                    "organizationId",
                    organizationId,
                    "the UUID of your ClickHouse Cloud organization (console: Organization, Settings)");
            checkId(
                    problems,
                    "serviceId",
                    serviceId,
                    "the UUID of the ClickHouse service that owns the pipes (console: service Settings)");
            if (apiKeyId == null || apiKeyId.isBlank()) {
                problems.add("apiKeyId is missing: create an API key in the ClickHouse Cloud console"
                        + " (Organization, API Keys) and pass its key ID");
            }
            if (apiKeySecret == null || apiKeySecret.isBlank()) {
                problems.add("apiKeySecret is missing: pass the secret shown once when the API key was" + " created");
            }
            checkPositive(problems, "connectTimeout", connectTimeout);
            checkPositive(problems, "requestTimeout", requestTimeout);
            checkPositive(problems, "serviceWakeTimeout", serviceWakeTimeout);
            if (retryConfig == null) {
                problems.add("retryConfig is null: use ClickPipesRetryConfig.ofDefaults() or .disabled()");
            }
            if (rateLimitConfig == null) {
                problems.add("rateLimitConfig is null: use ClickPipesRateLimitConfig.ofDefaults() or" + " .disabled()");
            }
            if (timeSource == null) {
                problems.add("timeSource is null: use TimeSource.system()");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid ClickPipesClient configuration: " + String.join("; ", problems));
            }
            return new ClickPipesClient(this, uri);
        }

        private URI parseBaseUrl(List<String> problems) {
            if (baseUrl == null || baseUrl.isBlank()) {
                problems.add("baseUrl is missing: leave it unset for " + DEFAULT_BASE_URL);
                return null;
            }
            try {
                URI uri = new URI(baseUrl.trim());
                String scheme = uri.getScheme();
                if (scheme == null
                        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                        || uri.getHost() == null) {
                    problems.add("baseUrl must be an absolute http(s) URL such as "
                            + DEFAULT_BASE_URL
                            + ", was '"
                            + baseUrl
                            + "'");
                    return null;
                }
                if (uri.getQuery() != null || uri.getFragment() != null) {
                    problems.add("baseUrl must not have a query or fragment, was '" + baseUrl + "'");
                    return null;
                }
                String path = uri.getPath() == null ? "" : uri.getPath();
                while (path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                if (path.endsWith("/v1")) {
                    path = path.substring(0, path.length() - 3);
                }
                return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), path, null, null);
            } catch (URISyntaxException e) {
                problems.add("baseUrl is not a valid URL ('" + baseUrl + "'): " + e.getReason());
                return null;
            }
        }

        private static void checkId(List<String> problems, String name, String value, String what) {
            if (value == null || value.isBlank()) {
                problems.add(name + " is missing: pass " + what);
            } else if (!ID.matcher(value).matches()) {
                problems.add(name + " must be " + what + ", was '" + value + "'");
            }
        }

        private static void checkPositive(List<String> problems, String name, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                problems.add(name + " must be a positive duration, was " + d);
            }
        }
    }
}
