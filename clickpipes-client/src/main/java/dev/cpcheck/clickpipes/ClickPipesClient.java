package dev.cpcheck.clickpipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.internal.ApiCaller;
import dev.cpcheck.clickpipes.internal.ApiPaths;
import dev.cpcheck.clickpipes.internal.ApiRequest;
import dev.cpcheck.clickpipes.internal.ApiResults;
import dev.cpcheck.clickpipes.internal.ApiTransport;
import dev.cpcheck.clickpipes.internal.OutcomeRecovery;
import dev.cpcheck.clickpipes.internal.PipeRecoveries;
import dev.cpcheck.clickpipes.internal.RetryingExecutor;
import dev.cpcheck.clickpipes.internal.ServiceWaker;
import dev.cpcheck.clickpipes.internal.SettingsCheck;
import dev.cpcheck.clickpipes.internal.SharedRateLimiters;
import dev.cpcheck.clickpipes.internal.SlidingWindowRateLimiter;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeCommand;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ClickPipeStateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.Service;
import dev.cpcheck.clickpipes.model.ServiceCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@link Builder#rateLimitConfig}), and is retried on 429, 5xx, timeouts and dropped connections
 * within a time budget (see {@link ClickPipesRetryConfig}); each retry is reported to the
 * {@link Builder#retryListener retry listener}. A request that never reaches the service (connection
 * refused, unknown host) fails at once with a {@link ClickPipesUnreachableException}; other
 * errors throw at once as a typed {@link ClickPipesException}. A call whose attempt has an
 * unknown outcome is not repeated blindly: a create first looks for the pipe the attempt may have
 * made, a start or stop refused as a conflict checks whether the pipe already shows its effect,
 * and a delete that finds the pipe gone is done. With {@link Builder#wakeIdleService(boolean)},
 * a 424 from an idle service wakes it (state command {@code awake}), waits for it to run, and
 * repeats the call once; {@link Builder#wakeStoppedService(boolean)} starts a stopped one.
 *
 * <p>Instances are thread-safe and may be shared by threads. Each request is logged at DEBUG
 * (method, path, headers with the {@code Authorization} value masked, status, request ID,
 * attempt, duration) on logger {@code dev.cpcheck.clickpipes.http}; credentials never appear in
 * logs or messages.
 *
 * <p>The operations here are thin: each names its request and hands it to the one call path in
 * {@code internal.ApiCaller}. Half of this file is the nested {@link Builder} and the
 * documentation of its settings; it stays nested so that callers keep writing
 * {@code ClickPipesClient.builder()} and {@code ClickPipesClient.Builder}.
 */
public final class ClickPipesClient implements AutoCloseable {

    /** Base URL of ClickHouse Cloud's API. */
    public static final String DEFAULT_BASE_URL = "https://api.clickhouse.cloud";

    private static final Logger LOG = LoggerFactory.getLogger(ClickPipesClient.class);

    private final URI baseUrl;
    private final String organizationId;
    private final String serviceId;
    private final String apiKeyId;
    private final HttpClient httpClient;
    private final boolean ownsHttpClient;
    private final ObjectMapper json = ClickPipesJson.newMapper();
    private final ApiPaths paths;
    private final ApiResults results;
    private final ApiCaller pipeCalls;
    private final PipeRecoveries recoveries;
    private final ServiceWaker service;
    private final ClickPipeWaiter waiter;
    private final AtomicBoolean closed = new AtomicBoolean();

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
        String base = baseUrl.toString().replaceAll("/+$", "");
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
        ApiTransport transport = new ApiTransport(
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
        RetryingExecutor executor =
                new RetryingExecutor("clickpipes-" + serviceId, b.retryConfig, b.timeSource, b.retryListener);
        this.paths = new ApiPaths(organizationId, serviceId);
        this.results = new ApiResults(json, base);
        ApiCaller serviceCalls = new ApiCaller(transport, executor, closed::get);
        this.service = new ServiceWaker(
                serviceCalls,
                paths,
                results,
                json,
                serviceId,
                b.wakeIdleService,
                b.wakeStoppedService,
                b.serviceWakeTimeout,
                b.timeSource);
        this.pipeCalls = serviceCalls.wakingWith(service);
        this.recoveries = new PipeRecoveries(pipeCalls, paths, results);
        this.waiter = new ClickPipeWaiter(this, b.timeSource);
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
        return pipeCalls.call(ApiRequest.get(paths.pipes(), false), results.pipes());
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
        return pipeCalls.call(
                body("POST", paths.pipes(), request, false), results.pipe(), recoveries.adoptCreated(request));
    }

    /**
     * Gets one pipe.
     *
     * @throws ClickPipeNotFoundException if there is no such pipe
     */
    public ClickPipe get(String pipeId) {
        return pipeCalls.call(ApiRequest.get(paths.pipe(pipeId), true), results.pipe());
    }

    /** Changes a pipe ({@code PATCH .../clickpipes/{id}}); {@code null} fields stay unchanged. */
    public ClickPipe update(String pipeId, ClickPipeUpdateRequest request) {
        Objects.requireNonNull(request, "request");
        return pipeCalls.call(body("PATCH", paths.pipe(pipeId), request, true), results.pipe());
    }

    /**
     * Deletes a pipe. A retry that finds the pipe gone after an attempt with unknown outcome
     * counts as success.
     *
     * @throws ClickPipeNotFoundException if the pipe did not exist in the first place
     */
    public void delete(String pipeId) {
        pipeCalls.call(
                new ApiRequest("DELETE", paths.pipe(pipeId), null, true),
                ApiResults.success(),
                recoveries.deleted(pipeId));
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
        return pipeCalls.call(ApiRequest.get(paths.pipe(pipeId) + "/settings", true), results.settings());
    }

    /**
     * Replaces the pipe's advanced settings ({@code PUT .../settings}, a flat key/value map such
     * as {@code Map.of("object_storage_polling_interval_ms", 1000)}).
     */
    public ClickPipeSettings putSettings(String pipeId, Map<String, ?> settings) {
        Objects.requireNonNull(settings, "settings");
        return pipeCalls.call(body("PUT", paths.pipe(pipeId) + "/settings", settings, true), results.settings());
    }

    /** Changes the pipe's scaling ({@code PATCH .../scaling}). */
    public ClickPipe updateScaling(String pipeId, ClickPipeScalingRequest request) {
        Objects.requireNonNull(request, "request");
        return pipeCalls.call(body("PATCH", paths.pipe(pipeId) + "/scaling", request, true), results.pipe());
    }

    /** The waiter for pipe states. */
    public ClickPipeWaiter waiter() {
        return waiter;
    }

    // ---------------------------------------------------------------- service

    /** The ClickHouse service the pipes belong to, including its state. */
    public Service getService() {
        return service.get();
    }

    /**
     * Starts a stopped service ({@code PATCH .../state {"command":"start"}}). Returns the service
     * as the API answered; it may still be starting. Wake an idle service with
     * {@link #awakeService()} instead.
     */
    public Service startService() {
        return service.command(ServiceCommand.START);
    }

    /**
     * Wakes an idle service ({@code PATCH .../state {"command":"awake"}}), as the official
     * Terraform provider does. Returns the service as the API answered; it may still be awaking.
     *
     * @throws ClickPipesBadRequestException if the service is not idle
     */
    public Service awakeService() {
        return service.command(ServiceCommand.AWAKE);
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
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("closing the HTTP client failed", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ClickPipesClient[baseUrl=" + baseUrl + ", organizationId=" + organizationId + ", serviceId=" + serviceId
                + ", apiKeyId=" + apiKeyId + "]";
    }

    // ---------------------------------------------------------------- internals

    private ClickPipe changeState(String pipeId, ClickPipeCommand command, Set<ClickPipeState> effect) {
        ApiRequest patch = body("PATCH", paths.pipe(pipeId) + "/state", new ClickPipeStateRequest(command), true);
        OutcomeRecovery<ClickPipe> recovery = recoveries.stateReached(pipeId, command, effect);
        return pipeCalls.call(patch, results.pipe(), recovery);
    }

    private ApiRequest body(String method, String path, Object body, boolean pipeScoped) {
        JsonNode tree = json.valueToTree(body);
        return new ApiRequest(method, path, tree, pipeScoped);
    }

    private static String userAgent() {
        String version = ClickPipesClient.class.getPackage().getImplementationVersion();
        return "cpcheck-clickpipes-client/" + (version == null ? "dev" : version) + " Java/"
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
     *     .retryListener(event -> System.err.println(event.describe()))
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
        private ClickPipesRetryListener retryListener = ClickPipesRetryListener.NONE;
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

        /** Told about each retry before the client waits for it; default none. */
        public Builder retryListener(ClickPipesRetryListener retryListener) {
            this.retryListener = retryListener;
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
         * On a 424 from an idle service: wake it (state command {@code awake}), wait until it
         * runs, repeat the call once. Off by default.
         */
        public Builder wakeIdleService(boolean wakeIdleService) {
            this.wakeIdleService = wakeIdleService;
            return this;
        }

        /**
         * On a 424 from a stopped service: start it, wait until it runs, repeat the call once. Off
         * by default, also where idle services are woken: someone stopped it on purpose, and a
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
            SettingsCheck check = new SettingsCheck();
            URI uri = check.apiUrl("baseUrl", baseUrl, DEFAULT_BASE_URL);
            check.id(
                    "organizationId",
                    organizationId,
                    "the UUID of your ClickHouse Cloud organization (console: Organization, Settings)");
            check.id(
                    "serviceId",
                    serviceId,
                    "the UUID of the ClickHouse service that owns the pipes (console: service Settings)");
            check.present(
                    "apiKeyId",
                    apiKeyId,
                    "create an API key in the ClickHouse Cloud console (Organization, API Keys) and pass its key ID");
            check.present("apiKeySecret", apiKeySecret, "pass the secret shown once when the API key was created");
            check.positive("connectTimeout", connectTimeout);
            check.positive("requestTimeout", requestTimeout);
            check.positive("serviceWakeTimeout", serviceWakeTimeout);
            check.notNull("retryConfig", retryConfig, "use ClickPipesRetryConfig.ofDefaults() or .disabled()");
            check.notNull("retryListener", retryListener, "use ClickPipesRetryListener.NONE");
            check.notNull(
                    "rateLimitConfig", rateLimitConfig, "use ClickPipesRateLimitConfig.ofDefaults() or .disabled()");
            check.notNull("timeSource", timeSource, "use TimeSource.system()");
            check.throwIfAny("ClickPipesClient configuration");
            return new ClickPipesClient(this, uri);
        }
    }
}
