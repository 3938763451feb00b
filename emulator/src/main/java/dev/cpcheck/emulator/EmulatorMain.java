package dev.cpcheck.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the ClickPipes emulator (or the whole {@link LocalStack}) as a process of its own.
 *
 * <pre>
 * java -cp ... dev.cpcheck.emulator.EmulatorMain --state-dir DIR --clickhouse-url http://127.0.0.1:8123 [options]
 * java -cp ... dev.cpcheck.emulator.EmulatorMain --local-stack [--state-dir DIR] [options]
 * </pre>
 *
 * <p>Once ready it prints one line, {@value #READY_PREFIX} followed by a JSON object with the
 * endpoints and credentials, and runs until it is terminated (or, with {@code --exit-on-stdin-eof},
 * until its standard input closes). Options:
 * <ul>
 *   <li>{@code --state-dir DIR}: state folder (the emulator's, or the stack root with --local-stack)</li>
 *   <li>{@code --local-stack}: also start the embedded ClickHouse and S3</li>
 *   <li>{@code --clickhouse-url URL}, {@code --clickhouse-user U}, {@code --clickhouse-password P}
 *       (or env {@code CPCHECK_CLICKHOUSE_PASSWORD}): the ClickHouse pipes insert into</li>
 *   <li>{@code --port N}: API port (default: free port)</li>
 *   <li>{@code --organization-id}, {@code --service-id}, {@code --api-key-id}, {@code --api-key-secret}</li>
 *   <li>{@code --fault-mode ID}: one of {@code none, restart-from-scratch, skip-paused-files,
 *       replay-last-batch, ingest-while-paused}</li>
 *   <li>{@code --rate-limit N} (requests per 10 s) or {@code --no-rate-limit}</li>
 *   <li>{@code --provisioning-delay-ms N}, {@code --state-transition-delay-ms N},
 *       {@code --move-delay-ms N} (staging insert to partition move),
 *       {@code --checkpoint-commit-delay-ms N} (partition move to checkpoint)</li>
 *   <li>{@code --exit-on-stdin-eof}: stop when standard input reaches end of file</li>
 * </ul>
 */
public final class EmulatorMain {
    /** Start of the line printed once the emulator accepts requests. */
    public static final String READY_PREFIX = "CPCHECK_EMULATOR_READY ";

    private EmulatorMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.println("usage: EmulatorMain (--local-stack | --clickhouse-url URL) [--state-dir DIR] [options];"
                    + " see the class documentation");
            return;
        }
        AutoCloseable running;
        ObjectNode ready = JsonNodeFactory.instance.objectNode();
        try {
            running = start(options, ready);
        } catch (RuntimeException e) {
            System.err.println("cpcheck emulator: " + e.getMessage());
            System.exit(e instanceof IllegalArgumentException ? 2 : 4);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    closeQuietly(running);
                    stop.countDown();
                },
                "emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintStream out = System.out;
        out.println(READY_PREFIX + ready);
        out.flush();
        if (options.containsKey("exit-on-stdin-eof")) {
            Thread watcher = new Thread(
                    () -> {
                        try (InputStream in = System.in) {
                            byte[] buffer = new byte[256];
                            while (in.read(buffer) >= 0) {
                                // nothing is expected on stdin
                            }
                        } catch (Exception ignored) {
                            // same as end of file
                        }
                        System.exit(0);
                    },
                    "stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stop.await();
    }

    static AutoCloseable start(Map<String, String> o, ObjectNode ready) {
        Path stateDir = o.containsKey("state-dir") ? Path.of(o.get("state-dir")) : null;
        if (o.containsKey("local-stack")) {
            LocalStack.Builder b = LocalStack.builder().stateDirectory(stateDir);
            if (o.containsKey("clickhouse-url")) {
                b.clickHouse(clickHouse(o));
            }
            b.emulator(eb -> configure(eb, o));
            LocalStack stack = b.start();
            describe(ready, stack.emulator().endpoint());
            ready.put("clickHouseUrl", stack.clickHouse().url());
            ready.put("clickHouseUser", stack.clickHouse().user());
            ready.put("s3Url", stack.s3().url().toString());
            ready.put("s3Region", stack.s3().region());
            ready.put("s3AccessKey", stack.s3().accessKey());
            ready.put("s3SecretKey", stack.s3().secretKey());
            return stack;
        }
        if (!o.containsKey("clickhouse-url")) {
            throw new IllegalArgumentException("--clickhouse-url is required unless --local-stack is given");
        }
        ClickPipesEmulator.Builder b =
                ClickPipesEmulator.builder().clickHouse(clickHouse(o)).stateDirectory(stateDir);
        configure(b, o);
        ClickPipesEmulator emulator = b.start();
        describe(ready, emulator.endpoint());
        ready.put("stateDirectory", emulator.stateDirectory().toString());
        return emulator;
    }

    private static ClickHouseEndpoint clickHouse(Map<String, String> o) {
        String password = o.getOrDefault("clickhouse-password", System.getenv("CPCHECK_CLICKHOUSE_PASSWORD"));
        return ClickHouseEndpoint.of(o.get("clickhouse-url"), o.getOrDefault("clickhouse-user", "default"), password);
    }

    private static void configure(ClickPipesEmulator.Builder b, Map<String, String> o) {
        if (o.containsKey("port")) {
            b.port(Integer.parseInt(o.get("port")));
        }
        if (o.containsKey("organization-id")) {
            b.organizationId(o.get("organization-id"));
        }
        if (o.containsKey("service-id")) {
            b.serviceId(o.get("service-id"));
        }
        if (o.containsKey("api-key-id") || o.containsKey("api-key-secret")) {
            if (!o.containsKey("api-key-id") || !o.containsKey("api-key-secret")) {
                throw new IllegalArgumentException("--api-key-id and --api-key-secret go together");
            }
            b.apiKey(o.get("api-key-id"), o.get("api-key-secret"));
        }
        if (o.containsKey("fault-mode")) {
            b.faultMode(FaultMode.fromId(o.get("fault-mode")));
        }
        if (o.containsKey("no-rate-limit")) {
            b.noRateLimit();
        } else if (o.containsKey("rate-limit")) {
            b.rateLimit(Integer.parseInt(o.get("rate-limit")), Duration.ofSeconds(10));
        }
        if (o.containsKey("provisioning-delay-ms")) {
            b.provisioningDelay(Duration.ofMillis(Long.parseLong(o.get("provisioning-delay-ms"))));
        }
        if (o.containsKey("state-transition-delay-ms")) {
            b.stateTransitionDelay(Duration.ofMillis(Long.parseLong(o.get("state-transition-delay-ms"))));
        }
        if (o.containsKey("move-delay-ms")) {
            b.moveDelay(Duration.ofMillis(Long.parseLong(o.get("move-delay-ms"))));
        }
        if (o.containsKey("checkpoint-commit-delay-ms")) {
            b.checkpointCommitDelay(Duration.ofMillis(Long.parseLong(o.get("checkpoint-commit-delay-ms"))));
        }
    }

    private static void describe(ObjectNode ready, ClickPipesEndpoint endpoint) {
        ready.put("apiBaseUrl", endpoint.apiBaseUrl().toString());
        ready.put("organizationId", endpoint.organizationId());
        ready.put("serviceId", endpoint.serviceId());
        ready.put("apiKeyId", endpoint.apiKeyId());
        ready.put("apiKeySecret", endpoint.apiKeySecret());
        ready.put("pid", ProcessHandle.current().pid());
    }

    private static final List<String> FLAGS = List.of("local-stack", "no-rate-limit", "exit-on-stdin-eof", "help");

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(List.of(args));
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else {
                if (i + 1 >= list.size()) {
                    throw new IllegalArgumentException("Option --" + name + " needs a value");
                }
                value = list.get(++i);
            }
            options.put(name, value);
        }
        return options;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("cpcheck emulator: stopping failed: " + e);
        }
    }
}
