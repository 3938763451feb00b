package dev.cpcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step commands of the original numbered scripts, one process each, against the stack of
 * {@code cpcheck local up}: upload, table, pipe create, pause, upload while paused, resume, upload,
 * wait, query, validate, cleanup. Then Ctrl-C stops the stack and removes its settings file.
 */
class StepCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    @SuppressWarnings("unchecked")
    void theNumberedScriptsAsCommands() throws Exception {
        Path stackFile = work.resolve("stack.env");
        CliProcess.Running up = new CliProcess(work)
                .env("CPCHECK_LOCAL_STACK_FILE", stackFile.toString())
                .start("local", "up");
        try {
            up.awaitOutput(s -> s.contains("local stack is up") && s.contains("Try: "), Duration.ofMinutes(3));
            assertThat(stackFile).exists();
            assertThat(up.stdout()).contains("CLICKHOUSE_API_URL=").contains("S3_ENDPOINT=");

            // settings of the shell (say, of a real cloud account) must not send local step commands elsewhere
            CliProcess cli = new CliProcess(work)
                    .env("CPCHECK_LOCAL_STACK_FILE", stackFile.toString())
                    .env("S3_ENDPOINT", "http://127.0.0.1:9")
                    .env("AWS_SECRET_ACCESS_KEY", "not-the-stack-secret")
                    .env("CLICKHOUSE_HOST", "elsewhere.invalid")
                    .env("CLICKHOUSE_API_URL", "http://127.0.0.1:9");
            ok(
                    cli,
                    "fixtures",
                    "upload",
                    "--local",
                    "--count",
                    "6",
                    "--phase",
                    "initial",
                    "--key-template",
                    "step-{id:4}");
            ok(cli, "table", "create", "--local");
            // the Terraform of this run names the same source and destination as the pipe create sends
            ok(cli, "terraform", "--local", "--out", work.resolve("tf").toString());
            CliProcess.Result created = ok(cli, "pipe", "create", "--local", "--json");
            JsonNode pipe = JSON.readTree(created.out());
            Map<String, Object> hcl =
                    new HCLParser().parse(work.resolve("tf/main.tf").toFile(), "UTF-8");
            Map<String, Object> variables =
                    new HCLParser().parse(work.resolve("tf/variables.tf").toFile(), "UTF-8");
            assertThat((Map<String, Object>) variables.get("variable")).containsKeys("token_secret", "s3_secret_key");
            assertThat(new HCLParser()
                            .parse(work.resolve("tf/terraform.tfvars.example").toFile(), "UTF-8"))
                    .containsKeys("organization_id", "token_key", "service_id");
            assertThat(java.nio.file.Files.readString(work.resolve("tf/main.tf"))
                            + java.nio.file.Files.readString(work.resolve("tf/terraform.tfvars.example")))
                    .as("no secret in the Terraform files")
                    .doesNotContain(java.nio.file.Files.readString(stackFile)
                            .lines()
                            .filter(l -> l.startsWith("AWS_SECRET_ACCESS_KEY="))
                            .findFirst()
                            .orElseThrow()
                            .replace("AWS_SECRET_ACCESS_KEY=", "")
                            .replace("'", ""));
            Map<String, Object> resource = (Map<String, Object>)
                    ((Map<String, Object>) ((Map<String, Object>) hcl.get("resource")).get("clickhouse_clickpipe"))
                            .get("cpcheck");
            Map<String, Object> os =
                    (Map<String, Object>) ((Map<String, Object>) resource.get("source")).get("object_storage");
            assertThat(os.get("url")).isEqualTo(pipe.path("sourceUrl").asText());
            assertThat(resource.get("name")).isEqualTo(pipe.path("name").asText());
            Map<String, Object> dest = (Map<String, Object>) resource.get("destination");
            assertThat(dest.get("database") + "." + dest.get("table"))
                    .isEqualTo(pipe.path("destination").path("database").asText() + "."
                            + pipe.path("destination").path("table").asText());

            ok(cli, "pipe", "status", "--local", "--until-files", "6", "--timeout", "60s");
            ok(cli, "pipe", "pause", "--local");
            ok(cli, "fixtures", "upload", "--local", "--count", "3", "--phase", "paused");
            ok(cli, "pipe", "resume", "--local");
            ok(cli, "fixtures", "upload", "--local", "--count", "3", "--phase", "resumed");
            CliProcess.Result status =
                    ok(cli, "pipe", "status", "--local", "--until-files", "12", "--timeout", "60s", "--json");
            JsonNode s = JSON.readTree(status.out());
            assertThat(s.path("files").asLong()).isEqualTo(12);
            assertThat(s.path("rows").asLong()).isEqualTo(36);
            // later uploads of the run keep the key template its first upload set
            assertThat(ok(cli, "fixtures", "list", "--local").out())
                    .contains("12 object(s)")
                    .contains("/step-0001.json")
                    .contains("/step-0012.json")
                    .doesNotContain("/f0000");
            assertThat(ok(cli, "query", "--local").out()).contains("12 files, 36 rows");
            CliProcess.Result validated = ok(cli, "validate", "--local");
            assertThat(validated.out()).contains("PASS");

            CliProcess.Result cleaned = ok(cli, "cleanup", "--local");
            assertThat(cleaned.out()).contains("pipe").contains("table").contains("objects deleted");
            // idempotent: the run's folder can be cleaned again, and nothing is left
            String folder = validated
                    .out()
                    .lines()
                    .filter(l -> l.startsWith("Run folder: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("Run folder: ".length())
                    .strip();
            CliProcess.Result again = ok(cli, "cleanup", "--local", "--run", folder);
            assertThat(again.out()).contains("nothing left to clean up");
            // the pointer to the current run is gone with it
            CliProcess.Result none = cli.run("query", "--local");
            assertThat(none.exit()).as(none.toString()).isEqualTo(2);
            assertThat(none.err()).contains("cpcheck fixtures upload");
            CliProcess.Result list = ok(cli, "pipe", "list", "--local");
            assertThat(list.out()).contains("0 pipe(s)");

            // the single-purpose commands on a second step run: query with SQL, then each delete by hand
            ok(cli, "fixtures", "upload", "--local", "--new", "--count", "2", "--phase", "initial");
            ok(cli, "table", "create", "--local");
            ok(cli, "pipe", "create", "--local");
            ok(cli, "pipe", "status", "--local", "--until-files", "2", "--timeout", "60s");
            assertThat(ok(
                                    cli,
                                    "query",
                                    "--local",
                                    "--sql",
                                    "SELECT count() AS n, uniqExact(source_file) AS f FROM {table}")
                            .out())
                    .contains("6")
                    .contains("2");
            assertThat(ok(cli, "pipe", "delete", "--local").out()).startsWith("deleted pipe ");
            assertThat(ok(cli, "table", "drop", "--local").out()).startsWith("dropped table ");
            assertThat(ok(cli, "fixtures", "delete", "--local").out()).contains("deleted 2 object(s)");
            assertThat(ok(cli, "pipe", "list", "--local").out()).contains("0 pipe(s)");
            assertThat(ok(cli, "fixtures", "list", "--local").out()).contains("0 object(s)");

            // a cloud-mode run that keeps what it made, and the cleanup that removes it afterwards
            CliProcess plain = new CliProcess(work);
            CliProcess.Result kept = plain.run(
                    Duration.ofMinutes(3),
                    "run",
                    "--cloud",
                    "--env-file",
                    stackFile.toString(),
                    "--keep",
                    "--polling-interval",
                    "1s",
                    "--quiet");
            assertThat(kept.exit()).as(kept.toString()).isZero();
            String keptFolder = kept.out()
                    .lines()
                    .filter(l -> l.startsWith("Run folder: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("Run folder: ".length())
                    .strip();
            assertThat(ok(cli, "pipe", "list", "--local").out()).contains("1 pipe(s)");
            CliProcess.Result cleanedLater = plain.run(
                    Duration.ofMinutes(2),
                    "cleanup",
                    "--cloud",
                    "--env-file",
                    stackFile.toString(),
                    "--run",
                    keptFolder);
            assertThat(cleanedLater.exit()).as(cleanedLater.toString()).isZero();
            assertThat(cleanedLater.out()).contains("pipe").contains("table").contains("objects deleted");
            assertThat(ok(cli, "pipe", "list", "--local").out()).contains("0 pipe(s)");
        } finally {
            // SIGTERM here (the Ctrl-C test of a run sends SIGINT): both stop the stack cleanly
            new ProcessBuilder("kill", "-TERM", String.valueOf(up.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            CliProcess.Result stopped = up.await(Duration.ofMinutes(1));
            assertThat(stopped.err()).contains("local stack stopped");
        }
        assertThat(stackFile).as("settings file removed when the stack stops").doesNotExist();
    }

    @Test
    void localUpWithJsonPrintsOneObjectWithTheSettingsItWrote() throws Exception {
        Path stackFile = work.resolve("json-stack.env");
        CliProcess.Running up = new CliProcess(work)
                .env("CPCHECK_LOCAL_STACK_FILE", stackFile.toString())
                .start("local", "up", "--json", "--bucket", "json-bucket");
        try {
            up.awaitOutput(s -> s.contains("\"settingsFile\"") && s.endsWith("\n"), Duration.ofMinutes(3));
            JsonNode stack = JSON.readTree(up.stdout());
            assertThat(stack.path("bucket").asText()).isEqualTo("json-bucket");
            assertThat(stack.path("settingsFile").asText()).isEqualTo(stackFile.toString());
            assertThat(stack.path("settings").path("S3_ENDPOINT").asText())
                    .isEqualTo(stack.path("s3Endpoint").asText());
            assertThat(stack.path("settings").path("CLICKHOUSE_API_URL").asText())
                    .isEqualTo(stack.path("clickPipesApi").asText());
            // the ClickHouse it names answers
            java.net.http.HttpResponse<String> ping = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                            stack.path("clickHouseUrl").asText() + "/ping"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(ping.body()).startsWith("Ok.");
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(up.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            CliProcess.Result stopped = up.await(Duration.ofMinutes(1));
            assertThat(stopped.exit()).as(stopped.toString()).isZero();
        }
        assertThat(stackFile).doesNotExist();
    }

    /**
     * Step commands fail at once when what they need is not there, and stop cleanly on SIGTERM:
     * waiting for files without a pipe, a table that does not exist, an upload interrupted.
     */
    @Test
    void stepCommandsFailFastAndStopCleanly() throws Exception {
        Path stackFile = work.resolve("fast-stack.env");
        CliProcess.Running up = new CliProcess(work)
                .env("CPCHECK_LOCAL_STACK_FILE", stackFile.toString())
                .start("local", "up");
        try {
            up.awaitOutput(s -> s.contains("Try: "), Duration.ofMinutes(3));
            // the libraries' own warnings stay in the log, off the console
            assertThat(up.stderr()).doesNotContain("WARN");
            CliProcess cli = new CliProcess(work).env("CPCHECK_LOCAL_STACK_FILE", stackFile.toString());
            ok(cli, "fixtures", "upload", "--local", "--count", "3");

            long t0 = System.nanoTime();
            CliProcess.Result noPipe = cli.run("pipe", "status", "--local", "--until-files", "3", "--timeout", "2m");
            assertThat(noPipe.exit()).as(noPipe.toString()).isEqualTo(2);
            assertThat(noPipe.err()).contains("has no pipe; create one first");
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("no wait for the 2 minute timeout")
                    .isLessThan(Duration.ofSeconds(60));

            ok(cli, "table", "create", "--local");
            ok(cli, "pipe", "create", "--local", "--polling-interval", "200ms");
            ok(cli, "table", "drop", "--local");
            CliProcess.Result noTable = cli.run("pipe", "status", "--local", "--until-files", "3", "--timeout", "2m");
            assertThat(noTable.exit()).as(noTable.toString()).isEqualTo(2);
            assertThat(noTable.err())
                    .contains("does not exist, so no file can land")
                    .contains("cpcheck table create")
                    .doesNotContain("UNKNOWN_TABLE");
            ok(cli, "table", "create", "--local");

            // SIGTERM while a large batch is being written: interrupted (3), recorded, not an infrastructure error
            CliProcess.Running upload =
                    cli.start("fixtures", "upload", "--local", "--count", "12", "--rows-per-file", "300000");
            upload.awaitOutput(s -> s.contains("write 12 files"), Duration.ofMinutes(1));
            new ProcessBuilder("kill", "-TERM", String.valueOf(upload.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            CliProcess.Result interrupted = upload.await(Duration.ofMinutes(2));
            assertThat(interrupted.exit()).as(interrupted.toString()).isEqualTo(3);
            assertThat(interrupted.err()).contains("interrupted").doesNotContain("\tat ");
            CliProcess.Result cleaned = ok(cli, "cleanup", "--local");
            assertThat(cleaned.out()).contains("pipe").contains("table");
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(up.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            up.await(Duration.ofMinutes(1));
        }
    }

    /**
     * The stack a run uses stops under it: the run fails within seconds and says what is gone,
     * showing its retries as they happen, instead of minutes of silent retries ending in the
     * ClickHouse client's "Query request failed (attempt: 4)".
     */
    @Test
    void aStackStoppedMidRunFailsWithinSecondsSayingWhatIsGone() throws Exception {
        Path stackFile = work.resolve("stopped-stack.env");
        CliProcess.Running up = new CliProcess(work)
                .env("CPCHECK_LOCAL_STACK_FILE", stackFile.toString())
                .start("local", "up");
        CliProcess.Running run;
        try {
            up.awaitOutput(s -> s.contains("Try: "), Duration.ofMinutes(3));
            run = new CliProcess(work)
                    .start("run", "--cloud", "--env-file", stackFile.toString(), "--polling-interval", "1s");
            run.awaitOutput(s -> s.contains("7/12 hold"), Duration.ofMinutes(3));
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(up.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            up.await(Duration.ofMinutes(1));
        }
        long stopped = System.nanoTime();
        CliProcess.Result r = run.await(Duration.ofMinutes(3));
        Duration took = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.printf("run ended %.1f s after its stack stopped%n", took.toMillis() / 1e3);
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err())
                .contains("retrying clickhouse: cannot connect to ClickHouse at")
                .contains("connection refused")
                .doesNotContain("Query request failed")
                .doesNotContain("\tat ");
        assertThat(r.out()).contains("cannot connect to ClickHouse at").contains("connection refused");
        assertThat(took).as("seconds, not minutes").isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void stepCommandsWithoutARunningStackSayHowToStartOne() {
        CliProcess.Result r = new CliProcess(work)
                .env("CPCHECK_LOCAL_STACK_FILE", work.resolve("none.env").toString())
                .run("fixtures", "upload", "--local");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).contains("cpcheck local up").hasLineCount(1);
    }

    private static CliProcess.Result ok(CliProcess cli, String... args) {
        CliProcess.Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }
}
