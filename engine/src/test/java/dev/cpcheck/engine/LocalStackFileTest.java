package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file of a running local stack, and attaching to the stack it names. */
class LocalStackFileTest {
    @TempDir
    Path dir;

    private static Map<String, String> stackSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CLICKHOUSE_API_URL", "http://127.0.0.1:18123");
        m.put("CLICKHOUSE_ORG_ID", "org");
        m.put("CLICKHOUSE_SERVICE_ID", "svc");
        m.put("CLICKHOUSE_API_KEY_ID", "key");
        m.put("CLICKHOUSE_API_KEY_SECRET", "stack-secret-1234");
        m.put("CLICKHOUSE_HOST", "127.0.0.1");
        m.put("S3_BUCKET", "cpcheck-local");
        m.put("S3_ENDPOINT", "http://127.0.0.1:18124");
        return m;
    }

    @Test
    void theFileNamesItsWriterAndOnlyItsOwnerReadsIt() throws Exception {
        Path file = dir.resolve("nested/local-stack.env");
        LocalStackFile.write(file, stackSettings());

        assertThat(LocalStackFile.read(file)).containsAllEntriesOf(stackSettings());
        assertThat(LocalStackFile.pid(file)).contains(ProcessHandle.current().pid());
        assertThat(LocalStackFile.isRunning(file))
                .as("this process wrote it and is alive")
                .isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aFileLeftByAProcessThatIsGoneIsNoRunningStack() throws Exception {
        Path file = dir.resolve("stale.env");
        LocalStackFile.write(file, stackSettings());
        // a pid no process has: the largest the kernel hands out is below this
        Files.writeString(file, Files.readString(file).replaceFirst("# pid \\d+", "# pid 2147483646"));
        assertThat(LocalStackFile.isRunning(file)).isFalse();
        assertThat(LocalStackFile.isRunning(dir.resolve("missing.env"))).isFalse();
        assertThatThrownBy(() -> LocalStackFile.attach(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cpcheck local up");
    }

    @Test
    void theStacksSettingsBeatTheEnvironmentAndFlagsBeatThem() {
        Path file = dir.resolve("stack.env");
        LocalStackFile.write(file, stackSettings());
        Map<String, String> environment = Map.of(
                "CLICKHOUSE_HOST", "elsewhere.invalid",
                "AWS_SECRET_ACCESS_KEY", "not-the-stack-secret",
                "PATH", "/usr/bin");
        CpcheckConfig config = LocalStackFile.attach(file, Map.of(ConfigKey.S3_PREFIX, "from-a-flag"), environment);

        assertThat(config.get(ConfigKey.CLICKHOUSE_HOST)).contains("127.0.0.1");
        assertThat(config.get(ConfigKey.AWS_SECRET_ACCESS_KEY))
                .as("the shell's secret is ignored")
                .isEmpty();
        assertThat(config.get(ConfigKey.CLICKHOUSE_API_KEY_SECRET)).contains("stack-secret-1234");
        assertThat(config.get(ConfigKey.S3_PREFIX)).contains("from-a-flag");
    }

    @Test
    void theStacksSourceSettingsAreKeptAndTheShellsIgnored() {
        Path file = dir.resolve("stack.env");
        Map<String, String> settings = stackSettings();
        settings.put("GCS_BUCKET", "stack-bucket");
        settings.put("GCS_HMAC_SECRET", "stack-hmac-secret");
        LocalStackFile.write(file, settings);
        Map<String, String> environment = Map.of("GCS_BUCKET", "a-cloud-bucket", "GCS_ENDPOINT", "https://elsewhere");

        CpcheckConfig config = LocalStackFile.attach(file, Map.of(), environment);

        assertThat(config.extras())
                .containsEntry("GCS_BUCKET", "stack-bucket")
                .containsEntry("GCS_HMAC_SECRET", "stack-hmac-secret")
                .doesNotContainKey("GCS_ENDPOINT");
        assertThat(config.isSecret("GCS_HMAC_SECRET")).isTrue();
    }
}
