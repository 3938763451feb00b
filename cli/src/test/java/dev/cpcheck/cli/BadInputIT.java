package dev.cpcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input: exit code 2 and one line on stderr that names the field, never a stack trace; nothing
 * is started or created.
 */
class BadInputIT {
    @TempDir
    Path work;

    /** An env file with every cloud setting (secrets included) plus {@code more}. */
    private Path cloudEnv(String name, String... more) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "CLICKHOUSE_ORG_ID=org",
                "CLICKHOUSE_SERVICE_ID=svc",
                "CLICKHOUSE_API_KEY_ID=key",
                "CLICKHOUSE_API_KEY_SECRET=super-secret-value",
                "S3_BUCKET=bucket-name",
                "AWS_ACCESS_KEY_ID=AKIA1234",
                "AWS_SECRET_ACCESS_KEY=aws-secret-value"));
        lines.addAll(List.of(more));
        Path env = work.resolve(name);
        Files.writeString(env, String.join("\n", lines) + "\n");
        return env;
    }

    private void assertUsageError(CliProcess.Result r, String... mentions) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as("one line on stderr: " + r).isEqualTo(1);
        assertThat(err).startsWith("cpcheck: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String m : mentions) {
            assertThat(err).as(r.toString()).contains(m);
        }
        assertThat(work.resolve("runs")).as("no run folder for bad input").doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run --rows-per-file -1                | --rows-per-file",
                "run --rows-per-file x                 | --rows-per-file",
                "run --rows-per-file 2147483648        | files over 10 GB",
                "run --cycles 101                      | --cycles must be between 1 and 100",
                "run --polling-interval 10ms           | --polling-interval must be between 100ms and 1h",
                "run --timeout 48h                     | --timeout must be at most 24h",
                "pipe create --polling-interval 2h     | --polling-interval",
                "fixtures upload --count 200000        | --count must be at most 100,000",
                "pipe status --until-files 0           | --until-files",
                "run --cycles 0                        | --cycles",
                "run --format XML                      | --format",
                "run --compression lz4                 | --compression",
                "run --guarantee sometimes             | --guarantee",
                "run --emulator-fault explode          | --emulator-fault",
                "run --timeout soon                    | --timeout",
                "run --key-template data/{id}          | --key-template",
                "run --key-template f{id:1} --local    | numbers at most 9",
                "fixtures upload --key-template 1{id}  | --key-template",
                "run --local --cloud                   | --local",
                "run --no-such-flag                    | --no-such-flag",
                "run --scenario nosuch                 | nosuch",
                "run --scenario missing.yaml           | missing.yaml",
                "run --api-url ftp://x --local         | CLICKHOUSE_API_URL",
                "run --clickhouse-port 99999 --local   | CLICKHOUSE_PORT",
                "run --s3-bucket Bad_Bucket --local    | S3_BUCKET",
                "run --env-file /no/such/file --local  | /no/such/file",
                "frobnicate                            | frobnicate",
                "analyze /no/such/run                  | /no/such/run",
            })
    void badFlagsAreOneLineAndExitTwo(String args, String mention) {
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(1), args.trim().split("\\s+"));
        assertUsageError(r, mention.trim());
    }

    @Test
    void aPrefixTooLongForTheKeysIsRefusedUpFront() {
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--s3-prefix", "x".repeat(1000));
        assertUsageError(r, "S3_PREFIX is 1000 characters long; at most 900", "1,024 bytes");
    }

    @Test
    void cloudWithoutSettingsNamesEveryMissingVariable() {
        CliProcess.Result r = new CliProcess(work).run(Duration.ofMinutes(1), "run", "--cloud");
        assertUsageError(r, "CLICKHOUSE_ORG_ID", "CLICKHOUSE_API_KEY_SECRET", "S3_BUCKET");
    }

    @Test
    void faultModesAreRefusedInTheCloud() throws IOException {
        Path env = cloudEnv("cloud.env", "CLICKHOUSE_HOST=example.invalid", "CLICKHOUSE_PASSWORD=another-secret");
        CliProcess.Result r = new CliProcess(work)
                .run(
                        Duration.ofMinutes(1),
                        "run",
                        "--env-file",
                        env.toString(),
                        "--emulator-fault",
                        "restart-from-scratch");
        assertUsageError(r, "--emulator-fault");
        assertThat(r.out() + r.err()).doesNotContain("super-secret-value").doesNotContain("aws-secret-value");
    }

    @Test
    void envFileErrorsNameTheFileAndLine() throws IOException {
        Path env = work.resolve("bad.env");
        Files.writeString(env, "S3_BUCKET=ok-bucket\nthis is not a setting\n");
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--env-file", env.toString());
        assertUsageError(r, "bad.env:2");
    }

    @Test
    void anEnvFileThatCannotBeReadIsNamed() throws IOException {
        Path env = Files.createDirectory(work.resolve("settings.env"));
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--env-file", env.toString());
        assertUsageError(r, "settings.env");
    }

    @Test
    void scenarioYamlErrorsNameTheField() throws IOException {
        Path yaml = work.resolve("bad.yaml");
        Files.writeString(
                yaml,
                "name: broken\nsteps:\n  - write: {phase: a, files: 2}\n  - createPipe\n  - hold: soon\n  - validate\n");
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--scenario", yaml.toString());
        assertUsageError(r, "steps[2].hold");

        Files.writeString(yaml, "name: broken\nformat: XML\nsteps:\n  - validate\n");
        r = new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--scenario", yaml.toString());
        assertUsageError(r, "format");

        Files.writeString(yaml, "name: broken\nrowsPerFile: -3\nsteps:\n  - validate\n");
        r = new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--scenario", yaml.toString());
        assertUsageError(r, "rowsPerFile");
    }

    @Test
    void unreachableServicesAreAnInfrastructureErrorNotAVerdict() throws IOException {
        Path env = cloudEnv(
                "nowhere.env",
                "CLICKHOUSE_API_URL=http://127.0.0.1:9",
                "CLICKHOUSE_HOST=127.0.0.1",
                "CLICKHOUSE_PORT=9",
                "CLICKHOUSE_SECURE=false",
                "S3_ENDPOINT=http://127.0.0.1:9");
        long t0 = System.nanoTime();
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(3), "run", "--cloud", "--env-file", env.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        // a refused port is not retried for minutes: it is checked before anything starts and named
        assertThat(r.err())
                .contains("cannot connect to the ClickHouse Cloud API at http://127.0.0.1:9: connection refused");
        assertThat(took)
                .as("fails within seconds, not after minutes of retries")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(work.resolve("runs")).as("nothing started").doesNotExist();
        assertThat(r.out() + r.err())
                .doesNotContain("super-secret-value")
                .doesNotContain("aws-secret-value")
                .doesNotContain("\tat ");
    }

    @Test
    void analyzeOfAFolderWithoutItsEvidenceIsAnErrorNotAPass() throws IOException {
        java.nio.file.Path dir =
                java.nio.file.Files.createDirectories(work.resolve("stored").resolve("run-1"));
        Files.writeString(dir.resolve("results.json"), "{}");
        CliProcess.Result r = new CliProcess(work).run(Duration.ofMinutes(1), "analyze", dir.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip())
                .hasLineCount(1)
                .startsWith("cpcheck: ")
                .contains("history.jsonl is missing")
                .doesNotContain("PASS");
        Files.writeString(dir.resolve("history.jsonl"), "");
        CliProcess.Result noManifest = new CliProcess(work).run(Duration.ofMinutes(1), "analyze", dir.toString());
        assertThat(noManifest.exit()).as(noManifest.toString()).isEqualTo(2);
        assertThat(noManifest.err().strip()).hasLineCount(1).contains("manifest.json is missing");
        assertThat(noManifest.out()).doesNotContain("PASS");
    }

    @Test
    void foldersThatCannotBeWrittenAreUsageErrorsFoundBeforeAnythingStarts() throws IOException {
        Path file = Files.writeString(work.resolve("a-file"), "not a folder");
        CliProcess.Result r = new CliProcess(work)
                .run(
                        Duration.ofMinutes(1),
                        "run",
                        "--local",
                        "--runs-dir",
                        file.resolve("runs").toString());
        assertUsageError(r, "--runs-dir", "is a file, not a folder");
        assertThat(r.err()).doesNotContain("starting the embedded stack");

        r = new CliProcess(work).run(Duration.ofMinutes(1), "terraform", "--local", "--out", file.toString());
        assertUsageError(r, "--out", "is a file, not a folder");
    }

    @Test
    void theSharedTerraformPipeOfAnotherSourceIsRefusedInOneLine() {
        // without a step run, terraform writes the shared pipe over the S3 bucket; an Azure one
        // comes from a step run of that source
        CliProcess.Result r = new CliProcess(work)
                .run(
                        Duration.ofMinutes(1),
                        "terraform",
                        "--local",
                        "--source",
                        "azure",
                        "--out",
                        work.resolve("tf").toString());
        assertUsageError(r, "--source azure", "shared pipe reads the S3 bucket only", "fixtures upload --source azure");
        assertThat(work.resolve("tf/main.tf")).doesNotExist();
    }

    @Test
    void aCorruptRunFolderIsAUsageErrorInEveryCommandThatReadsIt() throws IOException {
        Path run = Files.createDirectories(work.resolve("corrupt-run"));
        Files.writeString(run.resolve("history.jsonl"), "this is not json\n{\"seq\":2}\n");
        Path env = cloudEnv(
                "nowhere.env",
                "CLICKHOUSE_API_URL=http://127.0.0.1:9",
                "CLICKHOUSE_HOST=127.0.0.1",
                "CLICKHOUSE_PORT=9",
                "CLICKHOUSE_SECURE=false");
        CliProcess.Result r = new CliProcess(work)
                .run(
                        Duration.ofMinutes(1),
                        "cleanup",
                        "--cloud",
                        "--env-file",
                        env.toString(),
                        "--run",
                        run.toString());
        assertUsageError(r, "history.jsonl:1: not a history event");
        r = new CliProcess(work).run(Duration.ofMinutes(1), "analyze", run.toString());
        assertUsageError(r, "corrupt-run");
    }

    @Test
    void aBinaryScenarioFileIsNamedAsNotText() throws IOException {
        Path binary = work.resolve("scenario.yaml");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13});
        CliProcess.Result r =
                new CliProcess(work).run(Duration.ofMinutes(1), "run", "--local", "--scenario", binary.toString());
        assertUsageError(r, "is not a text file");
        assertThat(r.err()).doesNotContain("Input length");
    }

    @Test
    void debugShowsTheStackTrace() {
        CliProcess.Result r = new CliProcess(work).run(Duration.ofMinutes(1), "analyze", "/no/such/run", "--debug");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }
}
