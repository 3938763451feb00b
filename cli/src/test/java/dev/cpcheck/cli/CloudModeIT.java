package dev.cpcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeAccessKey;
import dev.cpcheck.clickpipes.model.ClickPipeCreateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeCreateSource;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationColumn;
import dev.cpcheck.clickpipes.model.ClickPipeFieldMapping;
import dev.cpcheck.clickpipes.model.ObjectStorageAuthentication;
import dev.cpcheck.clickpipes.model.ObjectStorageCompression;
import dev.cpcheck.clickpipes.model.ObjectStorageFormat;
import dev.cpcheck.clickpipes.model.ObjectStorageType;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.LocalStackFile;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTarget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cloud code path end to end: {@code --cloud} with CLICKHOUSE_API_URL, S3_ENDPOINT and
 * CLICKHOUSE_HOST pointed at a running embedded stack, as a user could point them at a proxy.
 * Also adoption of a pipe made from the generated Terraform, and Ctrl-C during a wait.
 */
class CloudModeIT {
    static EmbeddedStack stack;
    static Map<String, String> settings;
    static ClickPipesClient client;
    static ClickHouseSql sql;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        stack = Cpcheck.startLocalStack();
        settings = stack.settings();
        client = ClickPipesClient.builder()
                .baseUrl(settings.get("CLICKHOUSE_API_URL"))
                .organizationId(settings.get("CLICKHOUSE_ORG_ID"))
                .serviceId(settings.get("CLICKHOUSE_SERVICE_ID"))
                .apiKeyId(settings.get("CLICKHOUSE_API_KEY_ID"))
                .apiKeySecret(settings.get("CLICKHOUSE_API_KEY_SECRET"))
                .build();
        sql = ClickHouseSql.connect(ClickHouseTarget.of(
                stack.endpoints().clickHouseUrl(),
                settings.get("CLICKHOUSE_USER"),
                settings.get("CLICKHOUSE_PASSWORD"),
                settings.get("CLICKHOUSE_DATABASE")));
    }

    @AfterAll
    static void stop() {
        if (sql != null) {
            sql.close();
        }
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private Path envFile() {
        Path f = work.resolve("cloud.env");
        LocalStackFile.write(f, settings);
        return f;
    }

    private CliProcess cli() {
        return new CliProcess(work);
    }

    @Test
    void cloudRunAgainstTheStackPasses() throws IOException {
        long t0 = System.nanoTime();
        CliProcess.Result r = cli().run(
                        Duration.ofMinutes(5),
                        "run",
                        "--cloud",
                        "--env-file",
                        envFile().toString(),
                        "--polling-interval",
                        "1s");
        System.out.printf("cloud-mode seed run took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("PASS");
        Path dir = onlyRunFolder();
        String config = Files.readString(dir.resolve("config.json"));
        assertThat(config).contains("\"mode\" : \"cloud\"");
        // secrets of the settings never reach the run folder
        for (String secret :
                List.of(settings.get("CLICKHOUSE_API_KEY_SECRET"), settings.get("AWS_SECRET_ACCESS_KEY"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> {
                    try {
                        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            }
            assertThat(r.out() + r.err()).doesNotContain(secret);
        }
        assertThat(pipesOfRun(dir)).isEmpty();
    }

    @Test
    void aPipeMadeFromTheTerraformOutputIsAdoptedAndKept() throws Exception {
        Path env = envFile();
        CliProcess.Result table =
                cli().run("table", "create", "--cloud", "--env-file", env.toString(), "--table", "cpcheck_tf");
        assertThat(table.exit()).as(table.toString()).isZero();
        CliProcess.Result tf = cli().run(
                        "terraform",
                        "--cloud",
                        "--env-file",
                        env.toString(),
                        "--shared",
                        "--table",
                        "cpcheck_tf",
                        "--out",
                        work.resolve("tf").toString());
        assertThat(tf.exit()).as(tf.toString()).isZero();

        // "terraform apply": create the pipe from what the HCL says
        String pipeId = applyTerraform(work.resolve("tf"));

        CliProcess.Result r =
                cli().run(Duration.ofMinutes(5), "run", "--cloud", "--env-file", env.toString(), "--pipe-id", pipeId);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(client.get(pipeId).id())
                .as("an adopted pipe is never deleted")
                .isEqualTo(pipeId);
        client.delete(pipeId);
    }

    @SuppressWarnings("unchecked")
    private String applyTerraform(Path dir) throws Exception {
        Map<String, Object> hcl = new HCLParser().parse(dir.resolve("main.tf").toFile(), "UTF-8");
        Map<String, Object> resource = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) hcl.get("resource")).get("clickhouse_clickpipe"))
                        .get("cpcheck");
        Map<String, Object> os =
                (Map<String, Object>) ((Map<String, Object>) resource.get("source")).get("object_storage");
        Map<String, Object> dest = (Map<String, Object>) resource.get("destination");
        List<Map<String, Object>> mappings = (List<Map<String, Object>>) resource.get("field_mappings");
        ClickPipeCreateRequest request = ClickPipeCreateRequest.builder()
                .name((String) resource.get("name"))
                .source(ClickPipeCreateSource.objectStorage(ClickPipeCreateObjectStorageSource.builder()
                        .type(ObjectStorageType.fromValue((String) os.get("type")))
                        .format(ObjectStorageFormat.fromValue((String) os.get("format")))
                        .url((String) os.get("url"))
                        .compression(ObjectStorageCompression.fromValue((String) os.get("compression")))
                        .isContinuous((Boolean) os.get("is_continuous"))
                        .authentication(ObjectStorageAuthentication.fromValue((String) os.get("authentication")))
                        // the variables of variables.tf, filled as terraform.tfvars would
                        .accessKey(new ClickPipeAccessKey(
                                settings.get("AWS_ACCESS_KEY_ID"), settings.get("AWS_SECRET_ACCESS_KEY")))
                        .build()))
                .destination(ClickPipeDestination.builder()
                        .database((String) dest.get("database"))
                        .table((String) dest.get("table"))
                        .managedTable((Boolean) dest.get("managed_table"))
                        // the live API refuses an object-storage pipe without its columns
                        .columns(((List<Map<String, Object>>) dest.get("columns"))
                                .stream()
                                        .map(c -> new ClickPipeDestinationColumn(
                                                (String) c.get("name"), (String) c.get("type")))
                                        .toList())
                        .build())
                .fieldMappings(mappings.stream()
                        .map(m -> new ClickPipeFieldMapping(
                                (String) m.get("source_field"), (String) m.get("destination_field")))
                        .toList())
                .build();
        return client.create(request).id();
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void ctrlCOrSigtermDuringAWaitResumesAndCleansUpEverything(String signal) throws Exception {
        Path yaml = work.resolve("long-hold.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "name: long-hold",
                        "steps:",
                        "  - write: {phase: initial, files: 3}",
                        "  - createPipe",
                        "  - awaitFiles: 3",
                        "  - pause",
                        "  - write: {phase: paused, files: 2}",
                        "  - hold: 5m",
                        "  - resume",
                        "  - awaitAll",
                        "  - validate",
                        ""));
        CliProcess.Running run = cli().start(
                        "run",
                        "--cloud",
                        "--env-file",
                        envFile().toString(),
                        "--scenario",
                        yaml.toString(),
                        "--polling-interval",
                        "1s");
        // the step line of the 5-minute hold, then a moment so the hold is under way
        run.awaitOutput(s -> s.contains("hold 5"), Duration.ofMinutes(3));
        Thread.sleep(500);
        new ProcessBuilder("kill", "-" + signal, String.valueOf(run.process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        CliProcess.Result r = run.await(Duration.ofMinutes(3));
        assertThat(r.err()).as(r.toString()).contains("interrupted");
        assertThat(r.exit()).as("an interrupted run is INCONCLUSIVE: " + r).isEqualTo(3);
        assertThat(r.out()).contains("INCONCLUSIVE");

        Path dir = onlyRunFolder();
        String runId = runIdOf(dir);
        assertThat(pipesOfRun(dir)).as("pipe deleted").isEmpty();
        assertThat(sql.queryLong("SELECT count() AS n FROM system.tables WHERE name = 'cpcheck_"
                        + runId.replace('-', '_') + "'"))
                .as("table dropped")
                .isZero();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(settings.get("S3_ENDPOINT")))
                .region(Region.of(settings.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.get("AWS_ACCESS_KEY_ID"), settings.get("AWS_SECRET_ACCESS_KEY"))))
                .forcePathStyle(true)
                .build()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(EmbeddedStack.BUCKET).prefix("cpcheck/" + runId + "/"))
                            .contents())
                    .as("prefix empty")
                    .isEmpty();
        }
        assertThat(Files.readString(dir.resolve("history.jsonl"))).contains("\"command\":\"start\"");
    }

    @Test
    void doctorChecksBucketApiAndClickHouseOfTheCloudSettings() throws IOException {
        CliProcess.Result r =
                cli().run("doctor", "--cloud", "--env-file", envFile().toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ S3 bucket").contains("✓ Cloud API").contains("✓ ClickHouse");

        Path wrong = work.resolve("wrong-key.env");
        Files.writeString(
                wrong,
                Files.readString(envFile()).replace(settings.get("CLICKHOUSE_API_KEY_SECRET"), "not-the-secret"));
        CliProcess.Result bad = cli().run("doctor", "--cloud", "--env-file", wrong.toString());
        // a key the API rejects is a settings problem, 2, as in every command
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.out()).contains("✗ Cloud API").contains("fix: check CLICKHOUSE_API_URL");
        assertThat(bad.out() + bad.err()).doesNotContain("not-the-secret");

        // the same rejected key is the same exit code in a run (checked before anything is written)
        // and in a step command
        CliProcess.Result run = cli().run("run", "--cloud", "--env-file", wrong.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("401").doesNotContain("not-the-secret");
        assertThat(work.resolve("runs"))
                .as("no run folder: nothing was started")
                .doesNotExist();
        CliProcess.Result list = cli().run("pipe", "list", "--cloud", "--env-file", wrong.toString());
        assertThat(list.exit()).as(list.toString()).isEqualTo(2);
    }

    @Test
    void anApiUrlPointingAtTheS3ServerGetsTheClientsClearMessage() throws IOException {
        Path s3AsApi = work.resolve("s3-as-api.env");
        Files.writeString(
                s3AsApi,
                Files.readString(envFile()).replace(settings.get("CLICKHOUSE_API_URL"), settings.get("S3_ENDPOINT")));
        CliProcess.Result r = cli().run("run", "--cloud", "--env-file", s3AsApi.toString());
        assertThat(r.exit())
                .as("a URL of another kind of server is a settings problem: " + r)
                .isEqualTo(2);
        assertThat(r.err())
                .contains("is not a ClickHouse Cloud API response")
                .contains("S3 server")
                .doesNotContain("<?xml")
                .doesNotContain("check the API key");
        assertThat(work.resolve("runs")).doesNotExist();
    }

    private List<ClickPipe> pipesOfRun(Path dir) {
        String runId = runIdOf(dir);
        return client.list().stream()
                .filter(p -> p.name() != null && p.name().contains(runId))
                .toList();
    }

    private static String runIdOf(Path dir) {
        String name = dir.getFileName().toString();
        return name.substring(0, name.lastIndexOf('-'));
    }

    private Path onlyRunFolder() throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            List<Path> dirs = runs.filter(Files::isDirectory).toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }
}
