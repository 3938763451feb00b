package dev.cpcheck.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stack process: the embedded ClickHouse (in a child of its own), S3 and the ClickPipes
 * emulator in a JVM of their own, started from the self-contained server jar with the current
 * JVM's {@code java}, so that none of their libraries meets the caller's class path. This handle
 * reads the stack's {@link StackDescription} and drives its {@link ControlApi control API}.
 *
 * <pre>{@code
 * try (LocalStackProcess stack = LocalStackProcess.launcher(serverJar).bucket("data").start()) {
 *     StackDescription d = stack.description();   // endpoints and throwaway credentials
 *     stack.faultMode("replay-last-batch");
 * }
 * }</pre>
 *
 * <p>The stack's log lines reach this JVM's SLF4J under their own logger names (its standard error
 * is read line by line). The stack stops when {@link #close()} closes its standard input, and also
 * when this JVM dies, since that closes it too.
 */
public final class LocalStackProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The server jar's entry point. */
    public static final String SERVER_MAIN_CLASS = "dev.cpcheck.emulator.StackServerMain";

    /** Start of the line the stack prints, instead of the ready line, when it cannot start. */
    public static final String FAILED_PREFIX = "CPCHECK_STACK_FAILED ";

    private final Process process;
    private final StackDescription description;
    private final HttpClient http;
    private final OutputTail tail;
    private boolean closed;

    private LocalStackProcess(Process process, StackDescription description, OutputTail tail) {
        this.process = process;
        this.description = description;
        this.tail = tail;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A launcher for the stack in this server jar. */
    public static Launcher launcher(Path serverJar) {
        return new Launcher(serverJar);
    }

    /** Endpoints and throwaway credentials, as the stack reported them when it was ready. */
    public StackDescription description() {
        return description;
    }

    /** The stack process's id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    // ---------------------------------------------------------------- faults

    /** The emulator-wide fault mode's id. */
    public String faultMode() {
        return call("GET", ControlApi.FAULTS, null).path("faultMode").asText();
    }

    /** Sets the emulator-wide fault mode by id, e.g. {@code replay-last-batch}; {@code none} is faithful. */
    public void faultMode(String faultModeId) {
        faults(Map.of("faultMode", Objects.requireNonNull(faultModeId, "faultModeId")));
    }

    /**
     * Sets emulator-wide faults, with the fields of {@code PUT /faults} ({@link ControlApi}), e.g.
     * {@code Map.of("throttleNextRequests", 5)}; answers all of them as they are now.
     */
    public Map<String, Object> faults(Map<String, ?> changes) {
        JsonNode answer = call("PUT", ControlApi.FAULTS, JSON.valueToTree(changes));
        return JSON.convertValue(answer, new TypeReference<Map<String, Object>>() {});
    }

    /** Sets one pipe's own fault mode by id, or {@code null} to follow the emulator-wide one again. */
    public void pipeFaultMode(String pipeId, String faultModeId) {
        String path = ControlApi.PIPES + "/" + pathSegment(pipeId) + "/fault-mode";
        if (faultModeId == null) {
            call("DELETE", path, null);
        } else {
            ObjectNode body = JSON.createObjectNode().put("faultMode", faultModeId);
            call("PUT", path, body);
        }
    }

    // ---------------------------------------------------------------- introspection

    /** Every pipe the emulator holds, oldest first. */
    public List<EmulatedPipeState> pipes() {
        return JSON.convertValue(call("GET", ControlApi.PIPES, null), new TypeReference<List<EmulatedPipeState>>() {});
    }

    /** One pipe, or empty when the emulator has none with this id. */
    public Optional<EmulatedPipeState> pipe(String pipeId) {
        JsonNode node = callOrNull("GET", ControlApi.PIPES + "/" + pathSegment(pipeId));
        return node == null ? Optional.empty() : Optional.of(JSON.convertValue(node, EmulatedPipeState.class));
    }

    /** Creates a bucket in the stack's S3 if it does not exist yet. */
    public void createBucket(String name) {
        call("POST", ControlApi.BUCKETS, JSON.createObjectNode().put("name", name));
    }

    /**
     * Starts a server of the stack by name (e.g. {@code azure-blob}) unless it runs, and returns the
     * settings a source reads it with (secrets included: never print them).
     */
    public Map<String, String> startServer(String name) {
        JsonNode answer =
                call("POST", ControlApi.SERVERS, JSON.createObjectNode().put("name", name));
        return JSON.convertValue(answer.path("settings"), new TypeReference<Map<String, String>>() {});
    }

    /** The storage keys pipes read with stop working (S3, and Azurite when it runs); says what it did. */
    public String revokeSourceCredentials() {
        return call("POST", ControlApi.CREDENTIALS + "/revoke", null)
                .path("done")
                .asText();
    }

    /** The storage keys work again; says what it did. */
    public String restoreSourceCredentials() {
        return call("POST", ControlApi.CREDENTIALS + "/restore", null)
                .path("done")
                .asText();
    }

    // ---------------------------------------------------------------- chaos

    /** The emulator goes away: its API refuses connections and its pipes stop working. */
    public void stopEmulator() {
        call("POST", ControlApi.EMULATOR + "/stop", null);
    }

    /** The emulator comes back from its state folder, on the same port with the same key. */
    public void startEmulator() {
        call("POST", ControlApi.EMULATOR + "/start", null);
    }

    /**
     * Kills the emulator as a crash would: its API refuses connections at once and its workers stop
     * wherever they are, mid-batch included, until {@link #startEmulator()}.
     */
    public void killEmulator() {
        call("POST", ControlApi.EMULATOR + "/kill", null);
    }

    /** {@link #stopEmulator()} then {@link #startEmulator()}. */
    public void restartEmulator() {
        call("POST", ControlApi.EMULATOR + "/restart", null);
    }

    /** Kills the ClickHouse process and starts it again on the same data folder and port. */
    public void restartClickHouse() {
        call("POST", ControlApi.CLICKHOUSE_RESTART, null);
    }

    /**
     * Stops the stack and waits for its process to end: its temporary data goes with it. Idempotent;
     * a stack that died already is fine.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ChildJvm.stop(process, 15_000);
        if (process.isAlive()) {
            LOG.warn("The embedded stack (pid {}) did not stop", process.pid());
        }
    }

    @Override
    public String toString() {
        return "LocalStackProcess[" + description + "]";
    }

    // ---------------------------------------------------------------- HTTP

    private JsonNode call(String method, String path, JsonNode body) {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() / 100 != 2) {
            throw refused(method, path, response);
        }
        return parse(response.body());
    }

    private JsonNode callOrNull(String method, String path) {
        HttpResponse<String> response = send(method, path, null);
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(method, path, response);
        }
        return parse(response.body());
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(description.controlUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + description.controlToken())
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LocalStackException(
                    "The embedded stack's control API at " + description.controlUrl()
                            + " did not answer " + method + " " + path
                            + (process.isAlive() ? "" : " (the stack process is gone)")
                            + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while calling the embedded stack's control API", e);
        }
    }

    private static LocalStackException refused(String method, String path, HttpResponse<String> response) {
        String error = parse(response.body()).path("error").asText(response.body());
        return new LocalStackException(
                "The embedded stack refused " + method + " " + path + ": " + response.statusCode() + " " + error);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String pathSegment(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Not a pipe id: " + id);
        }
        return id;
    }

    // ---------------------------------------------------------------- launching

    /** Options of a stack process; {@link #start()} starts it. */
    public static final class Launcher {
        private final Path serverJar;
        private Path stateDirectory;
        private String faultMode;
        private Integer rateLimit;
        private final Set<String> buckets = new LinkedHashSet<>();
        private Duration startupTimeout = Duration.ofMinutes(10);
        private final List<String> jvmOptions = new ArrayList<>();

        private Launcher(Path serverJar) {
            this.serverJar = Objects.requireNonNull(serverJar, "serverJar");
        }

        /** Keep the stack's data in this folder across restarts (default: temporary, removed on stop). */
        public Launcher stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** The emulator's fault mode id from the start. */
        public Launcher faultMode(String faultModeId) {
            this.faultMode = faultModeId;
            return this;
        }

        /** API requests per 10 s the emulator allows. */
        public Launcher rateLimit(int requestsPer10Seconds) {
            this.rateLimit = requestsPer10Seconds;
            return this;
        }

        /** A bucket to create before the stack reports ready. */
        public Launcher bucket(String name) {
            buckets.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** How long to wait for the ready line (default 10 min: a first start downloads ClickHouse). */
        public Launcher startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** An extra option of the stack's JVM, e.g. {@code -Xmx2g}. */
        public Launcher jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option));
            return this;
        }

        /**
         * Starts the stack and waits until it is ready.
         *
         * @throws LocalStackException when it does not start; the message gives the stack's reason
         *                             and the last lines of its output
         */
        public LocalStackProcess start() {
            List<String> args = new ArrayList<>();
            if (stateDirectory != null) {
                args.addAll(
                        List.of("--state-dir", stateDirectory.toAbsolutePath().toString()));
            }
            if (faultMode != null) {
                args.addAll(List.of("--fault-mode", faultMode));
            }
            if (rateLimit != null) {
                args.addAll(List.of("--rate-limit", Integer.toString(rateLimit)));
            }
            for (String bucket : buckets) {
                args.addAll(List.of("--bucket", bucket));
            }
            List<String> cmd = ChildJvm.command(serverJar.toString(), jvmOptions(), SERVER_MAIN_CLASS, args);
            long started = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder(cmd).start();
            } catch (IOException e) {
                throw new LocalStackException(
                        "Could not start the embedded stack's JVM (" + ChildJvm.javaExecutable() + "): " + e, e);
            }
            OutputTail tail = new OutputTail();
            CompletableFuture<String> ready = new CompletableFuture<>();
            OutputTail.follow(process.getErrorStream(), "stack-stderr-" + process.pid(), tail::logLine, () -> {});
            OutputTail.follow(
                    process.getInputStream(),
                    "stack-stdout-" + process.pid(),
                    line -> {
                        if (line.startsWith(StackDescription.READY_PREFIX) || line.startsWith(FAILED_PREFIX)) {
                            ready.complete(line);
                        } else {
                            tail.logLine(line);
                        }
                    },
                    () -> ready.complete(null));
            String line;
            try {
                line = ready.get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                ChildJvm.stop(process, 2_000);
                throw new LocalStackException("The embedded stack did not get ready within "
                        + startupTimeout.toSeconds() + " s; its last output:\n" + tail.text());
            } catch (InterruptedException e) {
                ChildJvm.stop(process, 2_000);
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while starting the embedded stack", e);
            } catch (ExecutionException e) {
                ChildJvm.stop(process, 2_000);
                throw new LocalStackException("Reading the embedded stack's output failed: " + e.getCause(), e);
            }
            if (line == null || line.startsWith(FAILED_PREFIX)) {
                String reason = line == null ? null : failureReason(line.substring(FAILED_PREFIX.length()));
                ChildJvm.stop(process, 5_000);
                String exit = process.isAlive() ? "" : " (exit " + process.exitValue() + ")";
                throw new LocalStackException(
                        (reason != null ? reason : "The embedded stack exited before it was ready" + exit)
                                + "\nlast output of the stack:\n" + tail.text());
            }
            StackDescription description;
            try {
                description =
                        JSON.readValue(line.substring(StackDescription.READY_PREFIX.length()), StackDescription.class);
            } catch (JsonProcessingException e) {
                ChildJvm.stop(process, 5_000);
                throw new LocalStackException("The embedded stack's ready line is not a stack description", e);
            }
            LOG.debug(
                    "Embedded stack (pid {}) ready in {} ms: {}",
                    process.pid(),
                    (System.nanoTime() - started) / 1_000_000,
                    description);
            return new LocalStackProcess(process, description, tail);
        }

        private List<String> jvmOptions() {
            List<String> options = new ArrayList<>(List.of(
                    "-XX:+UseSerialGC",
                    // C1 only: the stack's JVM mostly waits on sockets; a fast start matters more
                    "-XX:TieredStopAtLevel=1",
                    "-Xss1m",
                    "-Dfile.encoding=UTF-8",
                    // the same temporary folder as this JVM: both sweep what the other leaves behind
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
            String library = System.getProperty(ChdbLibraryLocation.PATH_PROPERTY);
            if (library != null && !library.isBlank()) {
                options.add("-D" + ChdbLibraryLocation.PATH_PROPERTY + "=" + library);
            }
            if (LoggerFactory.getLogger("dev.cpcheck").isDebugEnabled()) {
                options.add("-Dorg.slf4j.simpleLogger.log.dev.cpcheck=debug");
            }
            options.addAll(jvmOptions);
            return options;
        }

        private static String failureReason(String json) {
            try {
                return JSON.readTree(json).path("message").asText(null);
            } catch (JsonProcessingException e) {
                return json;
            }
        }
    }
}
