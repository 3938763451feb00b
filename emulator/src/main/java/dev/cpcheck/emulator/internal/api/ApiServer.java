package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cpcheck.emulator.ClickHouseEndpoint;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseQueryException;
import dev.cpcheck.emulator.internal.nemesis.Nemesis;
import dev.cpcheck.emulator.internal.pipe.EmulatorSettings;
import dev.cpcheck.emulator.internal.pipe.PipeRegistry;
import dev.cpcheck.emulator.internal.pipe.PipeRejectedException;
import dev.cpcheck.emulator.internal.pipe.PipeRuntime;
import dev.cpcheck.emulator.internal.pipe.StoredPipe;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the emulator: the ClickPipes part of the ClickHouse Cloud API under {@code /v1}
 * for one organization and service (Basic auth with the emulator's key, rate limit, API faults,
 * the API's envelopes and error strings), plus a small {@code /admin} API for fault control.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = EmulatorJson.MAPPER;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_BODY = 1 << 20;
    /** Memory per replica of the emulated service, in Gb: the smallest size the spec allows. */
    private static final int REPLICA_MEMORY_GB = 8;

    private static final int NUM_REPLICAS = 1;
    private static final int IDLE_TIMEOUT_MINUTES = 15;

    /** Identity of the emulated organization, service and API key. */
    public record Identity(String organizationId, String serviceId, String apiKeyId, String apiKeySecret) {}

    private final Identity identity;
    private final PipeRegistry pipes;
    private final ServiceModel service;
    private final EmulatorSettings settings;
    private final RateLimiter rateLimiter;
    private final ApiFaults faults;
    private final String clickHouseVersion;
    private final ClickHouseEndpoint clickHouse;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AdminRoutes admin;

    public ApiServer(
            int port,
            Identity identity,
            PipeRegistry pipes,
            ServiceModel service,
            EmulatorSettings settings,
            RateLimiter rateLimiter,
            ApiFaults faults,
            String clickHouseVersion,
            ClickHouseEndpoint clickHouse)
            throws IOException {
        this.identity = identity;
        this.pipes = pipes;
        this.service = service;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.clickHouseVersion = clickHouseVersion;
        this.clickHouse = clickHouse;
        this.admin = new AdminRoutes(pipes, service, settings, rateLimiter, faults);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "clickpipes-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ dispatch

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            JsonNode result;
            if (path.startsWith("/v1/") || path.equals("/v1")) {
                authenticate(exchange);
                faults.beforeRateLimit().forEach(Nemesis::beforeApiRequest);
                OptionalDouble reset = rateLimiter.tryAcquire(identity.apiKeyId());
                if (reset.isPresent()) {
                    throw new ApiException(
                            429,
                            "Rate limit exceeded: at most " + rateLimiter.limit() + " requests per "
                                    + rateLimiter.window().toSeconds() + " seconds per API key",
                            Map.of("X-RateLimit-Reset", RateLimitHeaders.format(reset.getAsDouble())));
                }
                faults.afterRateLimit().forEach(Nemesis::beforeApiRequest);
                result = routeV1(method, segments(path), exchange);
                faults.delayedAnswer().beforeAnswer(method);
            } else if (path.startsWith("/admin/")) {
                authenticate(exchange);
                result = admin.route(method, segments(path), exchange);
            } else {
                throw ApiException.notFound("No route for " + method + " " + path);
            }
            ObjectNode envelope = F.objectNode();
            envelope.put("status", 200);
            envelope.put("requestId", requestId);
            if (result != null) {
                envelope.set("result", result);
            }
            send(exchange, 200, envelope, Map.of());
        } catch (ApiException e) {
            sendError(exchange, requestId, e);
        } catch (IOException e) {
            LOG.debug("{} {}: could not read the request: {}", method, path, e.toString());
            sendError(exchange, requestId, ApiException.badRequest("Could not read the request body"));
        } catch (PipeRejectedException e) {
            sendError(exchange, requestId, ApiException.badRequest(e.getMessage()));
        } catch (ClickHouseQueryException e) {
            LOG.warn("{} {} failed on ClickHouse: {}", method, path, e.getMessage());
            sendError(exchange, requestId, new ApiException(500, "ClickHouse service error: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            sendError(exchange, requestId, new ApiException(500, "An internal error occurred"));
        } finally {
            exchange.close();
        }
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> java.net.URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiException(
                    401,
                    "Authentication required: use HTTP Basic auth with an API key id and secret",
                    Map.of("WWW-Authenticate", "Basic realm=\"ClickHouse Cloud API\""));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(401, "Invalid Authorization header");
        }
        int colon = decoded.indexOf(':');
        String id = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        boolean ok = MessageDigest.isEqual(
                        id.getBytes(StandardCharsets.UTF_8), identity.apiKeyId().getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8),
                        identity.apiKeySecret().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ApiException(401, "Invalid API key id or secret");
        }
    }

    private JsonNode routeV1(String method, List<String> s, HttpExchange exchange) throws IOException {
        // v1 organizations {org} services {svc} [...]
        if (s.size() < 5 || !s.get(1).equals("organizations") || !s.get(3).equals("services")) {
            throw ApiException.notFound(
                    "No route for " + method + " " + exchange.getRequestURI().getRawPath());
        }
        if (!s.get(2).equals(identity.organizationId())) {
            throw ApiException.notFound("Organization " + s.get(2) + " not found");
        }
        if (!s.get(4).equals(identity.serviceId())) {
            throw ApiException.notFound("Service " + s.get(4) + " not found");
        }
        List<String> rest = s.subList(5, s.size());
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> serviceJson();
                case "PATCH" -> patchService(readBody(exchange));
                case "DELETE" -> throw ApiException.badRequest("The emulated service cannot be deleted");
                default -> throw methodNotAllowed(method);
            };
        }
        if (rest.size() == 1 && rest.get(0).equals("state")) {
            requireMethod(method, "PATCH");
            service.command(PipeRequests.command("ServiceStatePatchRequest", readBody(exchange)));
            return serviceJson();
        }
        if (!rest.get(0).equals("clickpipes")) {
            throw ApiException.notFound(
                    "No route for " + method + " " + exchange.getRequestURI().getRawPath());
        }
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> listPipes();
                case "POST" -> createPipe(readBody(exchange));
                default -> throw methodNotAllowed(method);
            };
        }
        PipeRuntime pipe = pipes.find(rest.get(1)).orElseThrow(() -> ApiException.notFound("ClickPipe not found"));
        if (rest.size() == 2) {
            return switch (method) {
                case "GET" -> render(pipe.view());
                case "PATCH" -> patchPipe(pipe, readBody(exchange));
                case "DELETE" -> deletePipe(pipe);
                default -> throw methodNotAllowed(method);
            };
        }
        if (rest.size() == 3) {
            switch (rest.get(2)) {
                case "state" -> {
                    requireMethod(method, "PATCH");
                    return changeState(pipe, readBody(exchange));
                }
                case "settings" -> {
                    if (method.equals("GET")) {
                        return PipeResponses.settings(pipe.spec().settings());
                    }
                    requireMethod(method, "PUT");
                    JsonNode body = readBody(exchange);
                    PipeRequests.validate("ClickPipeSettingsPutRequest", body);
                    requireServiceRunning("ClickPipe settings update");
                    PipeRequests.settings(pipe.spec().settings(), body); // validate before changing anything
                    PipeRuntime.View view = pipe.update(spec ->
                            spec.withSettings(PipeRequests.settings(spec.settings(), body), PipeRequests.now()));
                    return PipeResponses.settings(view.spec().settings());
                }
                case "scaling" -> {
                    requireMethod(method, "PATCH");
                    JsonNode request = readBody(exchange);
                    PipeRequests.validate("ClickPipeScalingPatchRequest", request);
                    requireServiceRunning("ClickPipe scaling");
                    return render(pipe.update(spec -> spec.withScaling(
                            PipeRequests.scaling(
                                    spec.scaling() == null ? PipeRequests.defaultScaling() : spec.scaling(), request),
                            PipeRequests.now())));
                }
                default -> {
                    // fall through to 404
                }
            }
        }
        throw ApiException.notFound(
                "No route for " + method + " " + exchange.getRequestURI().getRawPath());
    }

    // ------------------------------------------------------------------ ClickPipes

    private JsonNode listPipes() {
        ArrayNode array = F.arrayNode();
        for (PipeRuntime p : pipes.list()) {
            array.add(render(p.view()));
        }
        return array;
    }

    private JsonNode createPipe(JsonNode body) {
        object(body);
        // 424 before the body is looked at: the live service answers an idle service first (provider test fixtures)
        requireServiceRunning("ClickPipe creation");
        PipeRuntime runtime = pipes.create(PipeRequests.create(body));
        return render(runtime.view());
    }

    private JsonNode patchPipe(PipeRuntime pipe, JsonNode body) {
        object(body);
        requireServiceRunning("ClickPipe update");
        StoredPipe patched = PipeRequests.patch(pipe.spec(), body); // validate before changing anything
        if (body.has("fieldMappings")) {
            pipes.checkDestination(patched);
        }
        return render(pipe.update(spec -> PipeRequests.patch(spec, body)));
    }

    private JsonNode deletePipe(PipeRuntime pipe) {
        requireServiceRunning("ClickPipe deletion");
        pipes.delete(pipe.id());
        return null;
    }

    private JsonNode changeState(PipeRuntime pipe, JsonNode body) {
        String command = PipeRequests.command("ClickPipeStatePatchRequest", body);
        requireServiceRunning("ClickPipe state change");
        return switch (command) {
            case "start" -> render(pipe.start());
            case "stop" -> render(pipe.stop());
            // spec: resync is for database pipes; what the live service answers an object storage pipe is not
            // published [guess]
            default -> throw ApiException.badRequest("Resync is only supported for database (CDC) ClickPipes");
        };
    }

    private JsonNode render(PipeRuntime.View view) {
        return PipeResponses.clickPipe(view.spec(), view.state(), identity.serviceId());
    }

    /** ClickPipe changes need a running service: ClickHouse Cloud answers 424 otherwise. */
    private void requireServiceRunning(String operation) {
        String state = service.state();
        if (!state.equals("running")) {
            throw new ApiException(
                    424,
                    operation + " is allowed only when the ClickHouse service is running. Current" + " state: "
                            + state);
        }
    }

    // ------------------------------------------------------------------ service

    /**
     * The spec's {@code Service} object for the emulated service, built here rather than from the
     * client's {@code Service} record, which leaves out fields the spec marks required
     * ({@code autoscalingMode}, {@code currentScaling}). A fixed-size service: one replica, vertical
     * autoscaling without a range, no scaling schedule in effect. Its one endpoint is the ClickHouse
     * the emulator ingests into; it is named {@code https} because the spec's protocol enum has no
     * plain {@code http}, though the embedded ClickHouse answers plain HTTP on that port.
     */
    private JsonNode serviceJson() {
        ObjectNode node = F.objectNode();
        node.put("id", identity.serviceId());
        node.put("name", service.name());
        node.put("provider", "aws");
        node.put("region", "us-east-1");
        node.put("state", service.state());
        node.put("clickhouseVersion", clickHouseVersion);
        node.putArray("endpoints").add(endpointJson());
        node.put("minReplicaMemoryGb", REPLICA_MEMORY_GB);
        node.put("maxReplicaMemoryGb", REPLICA_MEMORY_GB);
        node.put("numReplicas", NUM_REPLICAS);
        node.put("autoscalingMode", "vertical");
        node.put("idleScaling", true);
        node.put("idleTimeoutMinutes", IDLE_TIMEOUT_MINUTES);
        node.put("createdAt", service.createdAt().toString());
        node.put("isPrimary", true);
        node.put("isReadonly", false);
        node.put("releaseChannel", "default");
        ObjectNode current = node.putObject("currentScaling");
        current.put("effectiveAutoscalingMode", "vertical");
        current.put("effectiveMinReplicaMemoryGb", REPLICA_MEMORY_GB);
        current.put("effectiveMaxReplicaMemoryGb", REPLICA_MEMORY_GB);
        current.put("effectiveMinReplicas", NUM_REPLICAS);
        current.put("effectiveMaxReplicas", NUM_REPLICAS);
        current.put("effectiveIdleScaling", true);
        current.put("effectiveIdleTimeoutMinutes", IDLE_TIMEOUT_MINUTES);
        return node;
    }

    /** The spec's {@code ServiceEndpoint} for the HTTP interface of the ClickHouse behind the emulator. */
    private ObjectNode endpointJson() {
        URI url = clickHouse.httpUrl();
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        ObjectNode endpoint = F.objectNode();
        endpoint.put("protocol", "https");
        endpoint.put("host", url.getHost());
        endpoint.put("port", port);
        endpoint.put("username", clickHouse.user());
        return endpoint;
    }

    private JsonNode patchService(JsonNode body) {
        object(body);
        JsonNode name = body.get("name");
        if (name != null && !name.isNull()) {
            if (!name.isTextual() || name.asText().isBlank()) {
                throw ApiException.badRequest("name must be a non-empty string");
            }
            service.name(name.asText());
        }
        return serviceJson();
    }

    // ------------------------------------------------------------------ plumbing

    static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "Request body larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("A JSON request body is required");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Invalid JSON body: " + e.getOriginalMessage());
        }
    }

    static JsonNode object(JsonNode body) {
        PipeRequests.requireObject(body, "request body");
        return body;
    }

    static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed(method);
        }
    }

    static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "Method " + method + " is not allowed on this resource");
    }

    private static void sendError(HttpExchange exchange, String requestId, ApiException e) {
        ObjectNode envelope = F.objectNode();
        envelope.put("status", e.status());
        envelope.put("error", e.errorText());
        envelope.put("requestId", requestId);
        if (e.status() >= 500) {
            LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.errorText());
        }
        try {
            send(exchange, e.status(), envelope, e.headers());
        } catch (RuntimeException ignored) {
            // the client went away
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("Could not send the response: {}", e.toString());
        }
    }
}
