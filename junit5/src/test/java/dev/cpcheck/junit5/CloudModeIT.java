package dev.cpcheck.junit5;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension in {@link Mode#CLOUD} with complete settings: the API, S3 and ClickHouse of an
 * embedded stack stand in for ClickHouse Cloud, reached only through an env file, so the
 * extension takes the cloud code path (typed API client, settings, no stack of its own).
 */
class CloudModeIT {
    @TempDir
    static Path dir;

    static Path envFile;
    static EmbeddedStack stack;
    static final AtomicReference<RunReport> REPORT = new AtomicReference<>();
    static final AtomicReference<Mode> MODE = new AtomicReference<>();

    @BeforeAll
    static void cloudStandIn() throws Exception {
        for (ConfigKey key : ConfigKey.values()) {
            assumeTrue(System.getenv(key.name()) == null, key.name() + " is set in the environment");
        }
        stack = Cpcheck.startLocalStack();
        // the cloud settings that reach the stack, as `cpcheck local up` writes them
        Map<String, String> settings = new LinkedHashMap<>(stack.settings());
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        envFile = dir.resolve("cloud.env");
        Files.writeString(envFile, text);
    }

    @AfterAll
    static void stopStandIn() {
        if (stack != null) {
            stack.close();
        }
    }

    @CheckpointTest(mode = Mode.CLOUD, runsDirectory = "target/cpcheck-runs/cloud-mode")
    static class OnTheCloudPath {
        @Test
        void aPauseAndResumeOnTheCloudPath(CheckpointRunner cpcheck) {
            MODE.set(cpcheck.mode());
            assertThat(cpcheck.embeddedStack())
                    .as("no stack of its own in cloud mode")
                    .isEmpty();
            // small, so the cloud polling interval (5 s) keeps the run short
            Scenario scenario = Scenario.builder("cloud-path")
                    .writeFiles("initial", 2)
                    .createPipe()
                    .awaitFiles(2)
                    .pause()
                    .writeFiles("paused", 1)
                    .hold(Duration.ofSeconds(2))
                    .resume()
                    .awaitAllFiles()
                    .build();
            RunReport report = cpcheck.run(scenario);
            REPORT.set(report);
            assertExactlyOnce(report);
        }
    }

    @Test
    void completeCloudSettingsRunTheScenarioThroughTheCloudApiAndPass() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(CpcheckExtension.ENV_FILE_PARAMETER, envFile.toString())
                .selectors(selectClass(OnTheCloudPath.class))
                .execute();

        results.allEvents().failed().stream().forEach(e -> System.out.println("failed: " + e));
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(MODE.get()).isEqualTo(Mode.CLOUD);
        RunReport report = REPORT.get();
        assertThat(report.expectedFiles()).isEqualTo(3);
        assertThat(report.pipeId()).isNotBlank();
        assertThat(Path.of(report.runDirectory()).resolve("config.json"))
                .content()
                .contains("\"mode\" : \"cloud\"");
        // the run cleaned up through the API: its pipe is gone from the stand-in
        assertThat(stack.emulatedPipe(report.pipeId())).isEmpty();
    }
}
