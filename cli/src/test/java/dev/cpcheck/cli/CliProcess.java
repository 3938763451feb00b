package dev.cpcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the packaged CLI ({@code target/cpcheck-cli.jar}) as a user would: a separate JVM with its
 * own environment and working folder. The environment is cleared of cpcheck settings so a
 * developer's own ClickHouse Cloud variables cannot leak into tests.
 */
final class CliProcess {
    static final Path JAR = Path.of("target", "cpcheck-cli.jar").toAbsolutePath();
    private static final List<String> SETTINGS = List.of("AWS_", "S3_", "CLICKHOUSE_", "CPCHECK_LOCAL_STACK_FILE");

    /** Variables the JVM announces on stderr ("Picked up ..."): passed as options instead. */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    CliProcess(Path workDir) {
        this.workDir = workDir;
        System.getenv().forEach((k, v) -> {
            if (JVM_OPTION_VARIABLES.contains(k)) {
                jvmOptions.addAll(List.of(v.trim().split("\\s+")));
            } else if (SETTINGS.stream().noneMatch(k::startsWith)) {
                env.put(k, v);
            }
        });
        env.put("LANG", "C.UTF-8");
    }

    CliProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    CliProcess env(Map<String, String> values) {
        env.putAll(values);
        return this;
    }

    Path workDir() {
        return workDir;
    }

    /** Runs to completion (or kills it after the timeout and fails). */
    Result run(Duration timeout, String... args) {
        Running r = start(args);
        return r.await(timeout);
    }

    Result run(String... args) {
        return run(Duration.ofMinutes(4), args);
    }

    Running start(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR
                    + " is missing: run the tests with 'mvn verify' (the jar is packaged before integration tests)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions.stream().filter(o -> !o.isBlank()).toList());
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            return new Running(p, out, err, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static final class Running {
        final Process process;
        private final Path out;
        private final Path err;
        private final String description;

        Running(Process process, Path out, Path err, String description) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.description = description;
        }

        String stderr() {
            return read(err);
        }

        String stdout() {
            return read(out);
        }

        /** Waits until stderr or stdout shows something, or fails after the timeout. */
        void awaitOutput(Predicate<String> shown, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (shown.test(stderr()) || shown.test(stdout())) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(
                            "cpcheck " + description + " ended before the expected output:\n" + result());
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new AssertionError(
                    "cpcheck " + description + " did not show the expected output in " + timeout + ":\n" + result());
        }

        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(
                            "cpcheck " + description + " did not finish in " + timeout + ":\n" + result());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted");
            }
            return result();
        }

        Result result() {
            return new Result(process.isAlive() ? -1 : process.exitValue(), stdout(), stderr());
        }

        private static String read(Path p) {
            try (InputStream in = Files.newInputStream(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
