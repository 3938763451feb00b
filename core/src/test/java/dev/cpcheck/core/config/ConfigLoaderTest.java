package dev.cpcheck.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentBeatEnvFileBeatDefaults() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, """
                # comment
                S3_BUCKET=from-file
                S3_PREFIX=file-prefix
                export AWS_REGION=eu-west-1
                CLICKHOUSE_USER="file user"
                """);
        CpcheckConfig c = ConfigLoader.builder()
                .flag(ConfigKey.S3_BUCKET, "from-flag")
                .environment(Map.of("S3_BUCKET", "from-env", "S3_PREFIX", "env-prefix", "HOME", "/root"))
                .envFile(env, true)
                .load();
        assertThat(c.get(ConfigKey.S3_BUCKET)).contains("from-flag");
        assertThat(c.sourceOf(ConfigKey.S3_BUCKET)).contains(ConfigSource.FLAG);
        assertThat(c.get(ConfigKey.S3_PREFIX)).contains("env-prefix");
        assertThat(c.sourceOf(ConfigKey.S3_PREFIX)).contains(ConfigSource.ENVIRONMENT);
        assertThat(c.get(ConfigKey.AWS_REGION)).contains("eu-west-1");
        assertThat(c.sourceOf(ConfigKey.AWS_REGION)).contains(ConfigSource.ENV_FILE);
        assertThat(c.get(ConfigKey.CLICKHOUSE_USER)).contains("file user");
        assertThat(c.get(ConfigKey.CLICKHOUSE_PORT)).contains("8443");
        assertThat(c.sourceOf(ConfigKey.CLICKHOUSE_PORT)).contains(ConfigSource.DEFAULT);
        assertThat(c.get(ConfigKey.CLICKHOUSE_HOST)).isEmpty();
        // unrelated environment never lands in the config
        assertThat(c.asMap()).doesNotContainKey("HOME");
    }

    @Test
    void secretsAreMaskedInToStringAndJson() throws Exception {
        CpcheckConfig c = ConfigLoader.builder()
                .environment(Map.of(
                        "CLICKHOUSE_API_KEY_SECRET",
                        "s3cr3t-api",
                        "AWS_SECRET_ACCESS_KEY",
                        "s3cr3t-aws",
                        "CLICKHOUSE_PASSWORD",
                        "s3cr3t-pw",
                        "R2_SECRET",
                        "s3cr3t-r2",
                        "R2_ACCOUNT",
                        "acct",
                        "CLICKHOUSE_API_KEY_ID",
                        "key-id"))
                .extraPrefix("R2_")
                .load();
        String text = c.toString();
        String json = Json.mapper().writeValueAsString(c);
        for (String out : List.of(text, json)) {
            assertThat(out)
                    .doesNotContain("s3cr3t")
                    .contains("key-id")
                    .contains("acct")
                    .contains("****");
        }
        assertThat(c.asMap()).containsEntry("CLICKHOUSE_API_KEY_SECRET", "s3cr3t-api"); // code still gets it
        assertThat(c.withSecretKeys(java.util.Set.of("R2_ACCOUNT")).toMaskedMap())
                .containsEntry("R2_ACCOUNT", "****");
    }

    @Test
    void modeResolution() {
        CpcheckConfig empty = ConfigLoader.builder().load();
        assertThat(empty.resolveMode(Mode.AUTO)).isEqualTo(Mode.LOCAL);
        assertThatThrownBy(() -> empty.resolveMode(Mode.CLOUD))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cloud mode needs CLICKHOUSE_ORG_ID, CLICKHOUSE_SERVICE_ID, CLICKHOUSE_API_KEY_ID, "
                        + "CLICKHOUSE_API_KEY_SECRET, CLICKHOUSE_HOST, S3_BUCKET: set them in the environment or the "
                        + ".env file (see .env.template), or run with --local");
        CpcheckConfig full = ConfigLoader.builder()
                .environment(Map.of(
                        "CLICKHOUSE_ORG_ID",
                        "o",
                        "CLICKHOUSE_SERVICE_ID",
                        "s",
                        "CLICKHOUSE_API_KEY_ID",
                        "k",
                        "CLICKHOUSE_API_KEY_SECRET",
                        "x",
                        "CLICKHOUSE_HOST",
                        "h.example.com",
                        "S3_BUCKET",
                        "bucket"))
                .load();
        assertThat(full.resolveMode(Mode.AUTO)).isEqualTo(Mode.CLOUD);
        assertThat(full.resolveMode(Mode.LOCAL)).isEqualTo(Mode.LOCAL);
    }

    @Test
    void validationSaysWhatIsWrongAndHowToFix() {
        assertInvalid(
                Map.of("CLICKHOUSE_PORT", "abc"),
                "CLICKHOUSE_PORT 'abc' is not a port number (1-65535); set CLICKHOUSE_PORT in the environment or the .env file, or pass --clickhouse-port");
        assertInvalid(Map.of("CLICKHOUSE_PORT", "70000"), "CLICKHOUSE_PORT '70000' is not a port number");
        assertInvalid(Map.of("CLICKHOUSE_API_URL", "ftp://x"), "CLICKHOUSE_API_URL 'ftp://x' is not an http(s) URL");
        assertInvalid(Map.of("S3_ENDPOINT", "not a url"), "S3_ENDPOINT 'not a url' is not a URL");
        assertInvalid(Map.of("AWS_REGION", "mars"), "AWS_REGION 'mars' is not an AWS region name");
        assertInvalid(Map.of("S3_BUCKET", "Bad_Bucket"), "S3_BUCKET 'Bad_Bucket' is not a valid bucket name");
        assertInvalid(
                Map.of("CLICKHOUSE_HOST", "https://x.clickhouse.cloud"),
                "CLICKHOUSE_HOST 'https://x.clickhouse.cloud' should be a host name only");
        assertInvalid(Map.of("S3_PREFIX", "/abs"), "S3_PREFIX '/abs' is not a simple key prefix");
        // a prefix that leaves no room for the run's keys within S3's 1,024-byte limit
        assertInvalid(Map.of("S3_PREFIX", "p/".repeat(451)), "S3_PREFIX is 902 characters long; at most 900");
        // the secret never appears in a validation message even when something next to it is wrong
        assertThatThrownBy(() -> ConfigLoader.builder()
                        .environment(Map.of("CLICKHOUSE_PASSWORD", "pw-value", "CLICKHOUSE_PORT", "x"))
                        .load()
                        .validate())
                .message()
                .doesNotContain("pw-value");
    }

    @Test
    void envFileErrorsNameTheFileAndLine() throws Exception {
        Path env = dir.resolve("bad.env");
        Files.writeString(env, "S3_BUCKET=ok\nthis is not a setting\n");
        assertThatThrownBy(() -> ConfigLoader.builder().envFile(env, true).load())
                .isInstanceOf(ConfigException.class)
                .hasMessage(env + ":2: expected KEY=value (the line is not shown: it may hold a secret)")
                .message()
                .doesNotContain("this");

        // a secret that slipped onto the line below its key: no part of it is shown
        Path slipped = dir.resolve("slipped.env");
        Files.writeString(slipped, "S3_BUCKET=ok\nAWS_SECRET_ACCESS_KEY=\nwJalrXUtnFEMI_K7MDENG_bPxRfiCYSECRETKEY\n");
        assertThatThrownBy(() -> ConfigLoader.builder().envFile(slipped, true).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(slipped + ":3: expected KEY=value")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY on the line above is empty")
                .message()
                .doesNotContain("wJalr")
                .doesNotContain("CYSECRET")
                .doesNotContain("K7MDENG");
        Path bare = dir.resolve("bare.env");
        Files.writeString(bare, "S3_BUCKET=ok\nhunter2 with spaces\n");
        assertThatThrownBy(() -> ConfigLoader.builder().envFile(bare, true).load())
                .message()
                .doesNotContain("hunter2");

        Path colon = dir.resolve("colon.env");
        Files.writeString(colon, "CLICKHOUSE_PASSWORD: hunter2-secret\n");
        assertThatThrownBy(() -> ConfigLoader.builder().envFile(colon, true).load())
                .isInstanceOf(ConfigException.class)
                .message()
                .contains("CLICKHOUSE_PASSWORD")
                .doesNotContain("hunter2");

        Path secretLine = dir.resolve("secret.env");
        Files.writeString(secretLine, "AWS_SECRET_ACCESS_KEY='unterminated-secret-value\n");
        assertThatThrownBy(
                        () -> ConfigLoader.builder().envFile(secretLine, true).load())
                .hasMessage(secretLine + ":1: unterminated single quote")
                .message()
                .doesNotContain("secret-value");

        assertThatThrownBy(() -> ConfigLoader.builder()
                        .envFile(dir.resolve("missing.env"), true)
                        .load())
                .hasMessageContaining("missing.env does not exist");
        // the default ./.env is optional
        assertThat(ConfigLoader.builder()
                        .envFile(dir.resolve("missing.env"), false)
                        .load()
                        .get(ConfigKey.S3_BUCKET))
                .isEmpty();
    }

    @Test
    void unreadableEnvFileIsAClearError() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("dir.env"));
        assertThatThrownBy(() -> ConfigLoader.builder().envFile(notAFile, true).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read env file " + notAFile);
    }

    @Test
    void envFileQuotingAndComments() {
        Map<String, String> v = EnvFile.parse(
                List.of(
                        "A=plain value # comment",
                        "B='single # kept'",
                        "C=\"double \\\"quoted\\\"\\n\"",
                        "  export D = spaced ",
                        "E="),
                "t");
        assertThat(v)
                .containsEntry("A", "plain value")
                .containsEntry("B", "single # kept")
                .containsEntry("C", "double \"quoted\"\n")
                .containsEntry("D", "spaced")
                .containsEntry("E", "");
    }

    private static void assertInvalid(Map<String, String> env, String messageStart) {
        assertThatThrownBy(() -> ConfigLoader.builder().environment(env).load().validate())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart);
    }
}
