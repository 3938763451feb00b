package dev.cpcheck.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Cloud mode without credentials: a visible skip naming what is missing, or a clear failure. */
class CloudModeTest {

    @TempDir
    static Path dir;

    static Path envFile;

    @BeforeAll
    static void partialEnvFile() throws Exception {
        // the variables must come from the env file alone for the test to say what is missing
        for (var key : CpcheckConfig.CLOUD_REQUIRED) {
            assumeTrue(System.getenv(key.name()) == null, key.name() + " is set in the environment");
        }
        envFile = dir.resolve("partial.env");
        Files.writeString(envFile, "CLICKHOUSE_ORG_ID=org-123\nS3_BUCKET=my-fixtures\n");
    }

    private static EngineExecutionResults execute(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(CpcheckExtension.ENV_FILE_PARAMETER, envFile.toString())
                .selectors(selectClass(testClass))
                .execute();
    }

    @CheckpointTest(mode = Mode.CLOUD, disabledWithoutCredentials = true)
    static class SkippedWithoutCredentials {
        @Test
        void runsOnTheCloud(CheckpointRunner cpcheck) {
            throw new AssertionError("must not run without cloud settings");
        }
    }

    @CheckpointTest(mode = Mode.CLOUD)
    static class FailsWithoutCredentials {
        @Test
        void runsOnTheCloud(CheckpointRunner cpcheck) {
            throw new AssertionError("must not run without cloud settings");
        }
    }

    @Test
    void missingCredentialsSkipTheClassWithAReasonNamingTheMissingVariables() {
        EngineExecutionResults results = execute(SkippedWithoutCredentials.class);

        results.testEvents().assertStatistics(s -> s.started(0).failed(0));
        Event skipped = results.containerEvents().skipped().list().get(0);
        assertThat(skipped.getTestDescriptor().getDisplayName()).endsWith("SkippedWithoutCredentials");
        String reason = skipped.getPayload(String.class).orElseThrow();
        assertThat(reason)
                .startsWith("cpcheck cloud settings missing: ")
                .contains(
                        "CLICKHOUSE_SERVICE_ID",
                        "CLICKHOUSE_API_KEY_ID",
                        "CLICKHOUSE_API_KEY_SECRET",
                        "CLICKHOUSE_HOST")
                .doesNotContain("CLICKHOUSE_ORG_ID", "S3_BUCKET")
                .contains(envFile.toString());
    }

    @Test
    void withoutTheSkipOptionMissingCredentialsFailTheClassWithTheSameNames() {
        EngineExecutionResults results = execute(FailsWithoutCredentials.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        Event failed = results.containerEvents().failed().list().get(0);
        Throwable error = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
        assertThat(error)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cloud mode needs CLICKHOUSE_SERVICE_ID, CLICKHOUSE_API_KEY_ID")
                .hasMessageNotContaining("CLICKHOUSE_ORG_ID");
    }
}
