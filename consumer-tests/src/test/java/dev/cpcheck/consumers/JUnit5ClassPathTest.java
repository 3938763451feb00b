package dev.cpcheck.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a suite that depends on cpcheck-junit5 gets on its class path (the runtime dependencies
 * Maven resolves for it, listed by the build): none of the embedded stack's server libraries,
 * which run in the stack's own JVM from the jar inside cpcheck-engine.
 */
class JUnit5ClassPathTest {
    /** Group ids (and cpcheck artifacts) that belong to the stack process only. */
    static final List<String> SERVER_ONLY = List.of(
            "org.gaul", // S3Proxy
            "org.eclipse.jetty", // its web server
            "tools.jackson", // Jackson 3
            "com.networknt", // the emulator's schema validator
            "net.java.dev.jna", // the ClickHouse launcher
            "io.opentelemetry", // S3Proxy's metrics
            "io.prometheus",
            "org.apache.jclouds",
            "dev.cpcheck:cpcheck-emulator",
            "dev.cpcheck:cpcheck-stack-server");

    private static final Pattern ARTIFACT = Pattern.compile("^\\s+([\\w.-]+):([\\w.-]+):.*$");

    static List<String> runtimeDependencies() throws IOException {
        String file = System.getProperty("junit5.runtime.dependencies");
        assertThat(file).as("junit5.runtime.dependencies (set by the build)").isNotBlank();
        return Files.readAllLines(Path.of(file)).stream()
                .map(ARTIFACT::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1) + ":" + m.group(2))
                .toList();
    }

    @Test
    void noServerLibraryReachesTheSuitesClassPath() throws IOException {
        List<String> dependencies = runtimeDependencies();
        assertThat(dependencies)
                .as("the listing was read")
                .contains(
                        "dev.cpcheck:cpcheck-junit5", "dev.cpcheck:cpcheck-engine", "dev.cpcheck:cpcheck-local-stack");
        for (String serverOnly : SERVER_ONLY) {
            assertThat(dependencies)
                    .as("runtime dependencies of cpcheck-junit5")
                    .noneMatch(d ->
                            d.equals(serverOnly) || d.startsWith(serverOnly + ".") || d.startsWith(serverOnly + ":"));
        }
    }
}
