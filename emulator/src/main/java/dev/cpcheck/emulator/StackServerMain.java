package dev.cpcheck.emulator;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cpcheck.emulator.internal.control.ControlServer;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import dev.cpcheck.emulator.internal.util.RandomCredentials;
import dev.cpcheck.localstack.LocalStackProcess;
import dev.cpcheck.localstack.OwnedTempDirectory;
import dev.cpcheck.localstack.StackDescription;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point of the stack process (the self-contained server jar): starts a {@link LocalStack}
 * (embedded ClickHouse in a child of its own, S3Proxy, the ClickPipes emulator) and a control API
 * on 127.0.0.1, prints one line {@link StackDescription#READY_PREFIX} + the description as JSON,
 * and runs until its standard input closes (its parent stopped it or died), a {@code POST /stop}
 * arrives, or it is terminated. {@code dev.cpcheck.localstack.LocalStackProcess} launches it.
 *
 * <pre>
 * java -jar cpcheck-stack-server.jar [--state-dir DIR] [--bucket NAME]... [--fault-mode ID] [--rate-limit N]
 * </pre>
 *
 * <p>Without {@code --state-dir} the stack's data lives in a temporary folder owned by this process
 * ({@code cpcheck-stack-*}, see {@link OwnedTempDirectory}), removed when it stops and, if it is
 * killed, by the next cpcheck process that starts. When it cannot start it prints
 * {@link LocalStackProcess#FAILED_PREFIX} + {@code {"message": ...}} and exits with 4 (2 for bad
 * arguments).
 */
public final class StackServerMain {
    private StackServerMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(out, e.getMessage(), 2);
            return;
        }
        Path root = options.stateDirectory != null
                ? options.stateDirectory.toAbsolutePath()
                : OwnedTempDirectory.create("cpcheck-stack-");
        boolean temporary = options.stateDirectory == null;
        LocalStack stack;
        try {
            LocalStack.Builder b = LocalStack.builder().stateDirectory(root);
            if (options.faultMode != null) {
                b.faultMode(FaultMode.fromId(options.faultMode));
            }
            if (options.rateLimit != null) {
                b.rateLimit(options.rateLimit, Duration.ofSeconds(10));
            }
            stack = b.start();
            for (String bucket : options.buckets) {
                stack.embeddedS3().createBucket(bucket);
            }
        } catch (RuntimeException e) {
            if (temporary) {
                OwnedTempDirectory.delete(root);
            }
            fail(
                    out,
                    e.getMessage() == null ? e.toString() : e.getMessage(),
                    e instanceof IllegalArgumentException ? 2 : 4);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        ControlServer[] control = new ControlServer[1];
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            try {
                if (control[0] != null) {
                    control[0].close();
                }
                stack.close();
            } catch (RuntimeException e) {
                System.err.println("WARN " + StackServerMain.class.getName() + " - stopping the stack failed: " + e);
            } finally {
                if (temporary) {
                    OwnedTempDirectory.delete(root);
                }
                stopped.countDown();
            }
        };
        String token = RandomCredentials.randomAlphanumeric(40);
        StackDescription[] description = new StackDescription[1];
        control[0] = new ControlServer(stack, token, () -> description[0], () -> {
            stop.run();
            System.exit(0);
        });
        description[0] = describe(stack, control[0], token, root, temporary);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stack-shutdown"));
        watchStdin(() -> {
            stop.run();
            System.exit(0);
        });
        // one line: the launcher reads the description from it
        out.println(StackDescription.READY_PREFIX
                + EmulatorJson.MAPPER
                        .writer()
                        .without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(description[0]));
        out.flush();
        stopped.await();
        // Jetty or worker threads that outlive the stop must not keep the process
        System.exit(0);
    }

    private static StackDescription describe(
            LocalStack stack, ControlServer control, String token, Path root, boolean temporary) {
        ClickHouseEndpoint ch = stack.clickHouse();
        S3Endpoint s3 = stack.s3();
        ClickPipesEndpoint api = stack.clickPipes();
        EmbeddedClickHouse embedded = stack.embeddedClickHouse();
        return new StackDescription(
                ProcessHandle.current().pid(),
                ch.url(),
                ch.user(),
                ch.password(),
                ch.database(),
                embedded == null ? 0 : embedded.pid(),
                s3.url().toString(),
                s3.region(),
                s3.accessKey(),
                s3.secretKey(),
                api.apiBaseUrl().toString(),
                api.organizationId(),
                api.serviceId(),
                api.apiKeyId(),
                api.apiKeySecret(),
                control.url().toString(),
                token,
                root.toString(),
                temporary);
    }

    /** The parent never writes; end of input means it closed the pipe or died. */
    private static void watchStdin(Runnable onEnd) {
        Thread watcher = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        byte[] buffer = new byte[256];
                        while (in.read(buffer) >= 0) {
                            // ignored
                        }
                    } catch (Exception ignored) {
                        // same as end of input
                    }
                    onEnd.run();
                },
                "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void fail(PrintStream out, String message, int exitCode) {
        out.println(LocalStackProcess.FAILED_PREFIX
                + JsonNodeFactory.instance.objectNode().put("message", message));
        out.flush();
        System.exit(exitCode);
    }

    /** The command line. */
    record Options(Path stateDirectory, String faultMode, Integer rateLimit, List<String> buckets) {
        static Options parse(String[] args) {
            Path state = null;
            String fault = null;
            Integer rate = null;
            List<String> buckets = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--state-dir" -> state = Path.of(v);
                    case "--fault-mode" -> fault = FaultMode.fromId(v).id();
                    case "--rate-limit" -> rate = Integer.parseInt(v);
                    case "--bucket" -> {
                        S3Endpoint.requireValidBucketName(v);
                        buckets.add(v);
                    }
                    default ->
                        throw new IllegalArgumentException("Unknown option " + a
                                + "; options: --state-dir DIR, --bucket NAME, --fault-mode ID, --rate-limit N");
                }
            }
            return new Options(state, fault, rate, List.copyOf(buckets));
        }
    }
}
