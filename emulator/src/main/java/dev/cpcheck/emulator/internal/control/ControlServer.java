package dev.cpcheck.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cpcheck.emulator.ClickPipesEmulator;
import dev.cpcheck.emulator.EmbeddedSqs;
import dev.cpcheck.emulator.EmulatedPipe;
import dev.cpcheck.emulator.FaultMode;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import dev.cpcheck.localstack.ControlApi;
import dev.cpcheck.localstack.EmulatedPipeState;
import dev.cpcheck.localstack.StackDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack process's control API ({@link ControlApi}) on 127.0.0.1: faults, pipe introspection,
 * buckets, stopping and restarting the emulator and ClickHouse, and stopping the stack. Every
 * request needs the bearer token of the stack description.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final HttpServer server;
    private final LocalStack stack;
    private final byte[] expectedAuthorization;
    private final Supplier<StackDescription> description;
    private final Runnable stopStack;

    public ControlServer(LocalStack stack, String token, Supplier<StackDescription> description, Runnable stopStack) {
        this.stack = stack;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.description = description;
        this.stopStack = stopStack;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the control API on 127.0.0.1", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "stack-control");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                respond(exchange, 401, error("missing or wrong bearer token"));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            try {
                JsonNode answer = route(method, path, readBody(exchange));
                if (answer == null) {
                    respond(exchange, 404, error("no route for " + method + " " + path));
                } else {
                    respond(exchange, 200, answer);
                }
                if (method.equals("POST") && path.equals(ControlApi.STOP)) {
                    Thread stopper = new Thread(stopStack, "stack-stop");
                    stopper.start();
                }
            } catch (NotFound e) {
                respond(exchange, 404, error(e.getMessage()));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, error(e.getMessage()));
            } catch (IllegalStateException e) {
                respond(exchange, 409, error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("Control request {} {} failed", method, path, e);
                respond(exchange, 500, error(e.toString()));
            }
        }
    }

    private JsonNode route(String method, String path, JsonNode body) {
        List<String> s = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        switch (method + " " + path) {
            case "GET " + ControlApi.STACK:
                return EmulatorJson.MAPPER.valueToTree(description.get());
            case "GET " + ControlApi.FAULTS:
                return faults();
            case "PUT " + ControlApi.FAULTS:
                applyFaults(body);
                return faults();
            case "GET " + ControlApi.PIPES:
                return EmulatorJson.MAPPER.valueToTree(stack.emulator().pipes().stream()
                        .map(ControlServer::state)
                        .toList());
            case "POST " + ControlApi.BUCKETS:
                stack.embeddedS3().createBucket(required(body, "name"));
                return F.objectNode();
            case "POST " + ControlApi.EMULATOR + "/stop":
                stack.stopEmulator();
                return F.objectNode();
            case "POST " + ControlApi.EMULATOR + "/kill":
                stack.killEmulator();
                return F.objectNode();
            case "POST " + ControlApi.EMULATOR + "/start":
                stack.startEmulator();
                return F.objectNode();
            case "POST " + ControlApi.EMULATOR + "/restart":
                stack.stopEmulator();
                stack.startEmulator();
                return F.objectNode();
            case "POST " + ControlApi.CLICKHOUSE_RESTART:
                stack.restartClickHouse();
                return F.objectNode();
            case "POST " + ControlApi.STOP:
                return F.objectNode();
            case "POST " + ControlApi.SERVERS: {
                ObjectNode answer = F.objectNode();
                answer.set("settings", EmulatorJson.MAPPER.valueToTree(stack.startServer(required(body, "name"))));
                return answer;
            }
            case "POST " + ControlApi.CREDENTIALS + "/revoke":
                return F.objectNode().put("done", stack.revokeSourceCredentials());
            case "POST " + ControlApi.CREDENTIALS + "/restore":
                return F.objectNode().put("done", stack.restoreSourceCredentials());
            case "POST " + ControlApi.SQS_QUEUES:
                return createQueue(body);
            default:
                break;
        }
        if (method.equals("DELETE") && path.startsWith(ControlApi.SQS_QUEUES + "/") && s.size() == 3) {
            stack.sqs().deleteQueue(s.get(2));
            return F.objectNode();
        }
        if (s.size() >= 2 && ("/" + s.get(0)).equals(ControlApi.PIPES)) {
            String id = s.get(1);
            ClickPipesEmulator emulator = stack.emulator();
            EmulatedPipe pipe = emulator.pipe(id).orElseThrow(() -> new NotFound("No ClickPipe " + id));
            if (s.size() == 2 && method.equals("GET")) {
                return EmulatorJson.MAPPER.valueToTree(state(pipe));
            }
            if (s.size() == 3 && s.get(2).equals("fault-mode")) {
                if (method.equals("PUT")) {
                    emulator.pipeFaultMode(id, FaultMode.fromId(required(body, "faultMode")));
                } else if (method.equals("DELETE")) {
                    emulator.pipeFaultMode(id, null);
                } else {
                    return null;
                }
                return EmulatorJson.MAPPER.valueToTree(
                        state(emulator.pipe(id).orElseThrow(() -> new NotFound("No ClickPipe " + id))));
            }
        }
        return null;
    }

    private JsonNode createQueue(JsonNode body) {
        EmbeddedSqs.QueueOptions options = new EmbeddedSqs.QueueOptions(
                required(body, "name"),
                required(body, "bucket"),
                body.path("prefix").asText(""),
                body.hasNonNull("retentionSeconds")
                        ? Duration.ofSeconds(body.get("retentionSeconds").asLong())
                        : null,
                body.hasNonNull("visibilityTimeoutSeconds")
                        ? Duration.ofSeconds(
                                body.get("visibilityTimeoutSeconds").asLong())
                        : null,
                body.path("duplicateEvents").asBoolean(false),
                body.hasNonNull("redeliverAfterMs")
                        ? Duration.ofMillis(body.get("redeliverAfterMs").asLong())
                        : null);
        stack.embeddedS3().createBucket(options.bucket());
        EmbeddedSqs.Queue queue = stack.sqs().createQueue(options);
        return F.objectNode()
                .put("queueUrl", queue.url())
                .put("endpoint", stack.sqs().endpoint().toString())
                .put("region", stack.sqs().region())
                .put("retentionSeconds", options.retention().toSeconds())
                .put("visibilityTimeoutSeconds", options.visibilityTimeout().toSeconds());
    }

    private JsonNode faults() {
        ClickPipesEmulator emulator = stack.emulator();
        ObjectNode node = F.objectNode();
        node.put("faultMode", emulator.faultMode().id());
        node.put("serviceState", emulator.serviceState());
        return node;
    }

    private void applyFaults(JsonNode body) {
        ClickPipesEmulator emulator = stack.emulator();
        if (body.hasNonNull("faultMode")) {
            emulator.faultMode(FaultMode.fromId(body.get("faultMode").asText()));
        }
        if (body.has("throttleNextRequests")) {
            emulator.throttleNextRequests(
                    body.get("throttleNextRequests").asInt(),
                    body.path("throttleResetSeconds").asDouble(1.0));
        }
        if (body.has("serverErrorsOnNextRequests")) {
            emulator.serverErrorsOnNextRequests(
                    body.get("serverErrorsOnNextRequests").asInt());
        }
        if (body.hasNonNull("delayAnswers")) {
            JsonNode d = body.get("delayAnswers");
            emulator.delayNextAnswers(
                    required(d, "method"),
                    d.path("count").asInt(),
                    Duration.ofMillis(d.path("delayMs").asLong()));
        }
        if (body.has("moveDelayMs")) {
            emulator.moveDelay(Duration.ofMillis(body.get("moveDelayMs").asLong()));
        }
        if (body.has("s3SlowDownNextWrites")) {
            stack.embeddedS3()
                    .slowDownNextWrites(body.get("s3SlowDownNextWrites").asInt());
        }
        if (body.has("serverErrorEveryNthRequest")) {
            emulator.serverErrorEveryNthRequest(
                    body.get("serverErrorEveryNthRequest").asInt());
        }
        if (body.has("stateTransitionDelayMs")) {
            emulator.stateTransitionDelay(
                    Duration.ofMillis(body.get("stateTransitionDelayMs").asLong()));
        }
        if (body.has("provisioningDelayMs")) {
            emulator.provisioningDelay(
                    Duration.ofMillis(body.get("provisioningDelayMs").asLong()));
        }
        if (body.hasNonNull("serviceState")) {
            emulator.serviceState(body.get("serviceState").asText());
        }
    }

    static EmulatedPipeState state(EmulatedPipe p) {
        return new EmulatedPipeState(
                p.id(),
                p.name(),
                p.state(),
                p.faultMode().id(),
                p.checkpointKey(),
                p.batchSeq(),
                p.batchesCommitted(),
                p.filesIngested(),
                p.rowsIngested(),
                p.pendingBatch(),
                p.lastError());
    }

    private static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        return v.asText();
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return F.objectNode();
            }
            try {
                return EmulatorJson.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
            }
        }
    }

    private static ObjectNode error(String message) {
        return F.objectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = EmulatorJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
