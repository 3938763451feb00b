package dev.cpcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cpcheck run} on the embedded stack, through the packaged jar. */
class LocalRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void defaultScenarioPassesWithTwelveFilesAndThirtySixRows() throws IOException {
        long t0 = System.nanoTime();
        // no --local: without cloud settings the run chooses the embedded stack and says so in one line
        CliProcess.Result r = new CliProcess(work).run("run");
        System.out.printf("cpcheck run took %.1f s (JVM, stack start, run, cleanup)%n", (System.nanoTime() - t0) / 1e9);

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("PASS").contains("Run folder: ");
        Path dir = runFolder(r);
        for (String f : List.of(
                "history.jsonl",
                "manifest.json",
                "results.json",
                "junit.xml",
                "report.html",
                "run.log",
                "config.json")) {
            assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
        assertThat(results.path("verdict").asText()).isEqualTo("PASS");
        assertThat(results.path("observed").path("files").asLong()).isEqualTo(12);
        assertThat(results.path("observed").path("rows").asLong()).isEqualTo(36);
        assertThat(results.path("checks"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("PASS"));
        // progress went to stderr, not into the report
        assertThat(r.err()).contains("pause").doesNotContain("Exception");
        assertThat(r.err()
                        .lines()
                        .filter(l -> l.contains("no cloud settings: running on the embedded local stack"))
                        .count())
                .isEqualTo(1);

        // the stored run can be judged again offline
        CliProcess.Result analyzed = new CliProcess(work).run("analyze", dir.toString());
        assertThat(analyzed.exit()).as(analyzed.toString()).isZero();
        assertThat(analyzed.out()).contains("PASS");
    }

    @Test
    void scaleScenarioPausesMidStreamAndTheReportSaysWhereTheTimeWent() throws IOException {
        CliProcess.Result r = new CliProcess(work).run("run", "--local", "--scenario", "scale-300x5");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("scenario scale-300x5")
                .contains("PASS")
                // the console may be ASCII ('|') or not ('·'); a phase may take "850 ms" or "1 min 4 s"
                .containsPattern("time: upload \\d[^·|]* [·|] ingestion \\d[^·|]* [·|] validation \\d[^·|]* [·|]"
                        + " cleanup \\d");
        Path dir = runFolder(r);
        JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
        assertThat(results.path("observed").path("files").asLong()).isEqualTo(300);
        assertThat(results.path("observed").path("rows").asLong()).isEqualTo(1500);
        JsonNode phases = results.path("phases");
        for (String phase : List.of("uploadMs", "ingestionMs", "validationMs", "cleanupMs")) {
            assertThat(phases.path(phase).asLong()).as(phase).isPositive();
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<th>Time</th><td>upload ");
    }

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource({
        "restart-from-scratch, duplicates",
        "skip-paused-files, completeness",
        "replay-last-batch, duplicates",
        "ingest-while-paused, paused-window"
    })
    void everyEmulatorFaultFailsWithTheMatchingCheck(String fault, String check) throws IOException {
        CliProcess.Result r = new CliProcess(work).run("run", "--local", "--quiet", "--emulator-fault", fault);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL");
        JsonNode results = JSON.readTree(runFolder(r).resolve("results.json").toFile());
        assertThat(results.path("verdict").asText()).isEqualTo("FAIL");
        List<String> failed = new ArrayList<>();
        results.path("checks").forEach(c -> {
            if (c.path("status").asText().equals("FAIL")) {
                failed.add(c.path("checkId").asText());
            }
        });
        assertThat(failed).as(r.toString()).contains(check);
    }

    /** --debug shows the libraries' request logs: their credentials are masked, on stderr and in run.log. */
    @Test
    void debugLogsShowRequestHeadersWithTheirCredentialsMasked() throws IOException {
        CliProcess.Result r = new CliProcess(work).run("run", "--local", "--debug");
        assertThat(r.exit()).as(r.toString()).isZero();
        String log = Files.readString(runFolder(r).resolve("run.log"));
        for (String text : List.of(r.err(), log)) {
            assertThat(text).as("headers are logged, masked").contains("Authorization: ****");
            assertThat(java.util.regex.Pattern.compile("(?i)authorization[\"']?\\s*[:=]\\s*\\[?(Basic|AWS4)")
                            .matcher(text)
                            .find())
                    .as("no Authorization value")
                    .isFalse();
            assertThat(java.util.regex.Pattern.compile("(?i)signature=[0-9a-f]{16}")
                            .matcher(text)
                            .find())
                    .as("no SigV4 signature")
                    .isFalse();
        }
    }

    @Test
    void jsonOutputIsTheReport() throws IOException {
        CliProcess.Result r = new CliProcess(work).run("run", "--local", "--json", "--quiet");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.path("verdict").asText()).isEqualTo("PASS");
        assertThat(report.path("expectedFiles").asInt()).isEqualTo(12);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theScenarioFileOfTheReadmeRunsAndPasses() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n");
        assertThat(start).as("README has a YAML scenario").isPositive();
        String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        Path file = work.resolve("readme-scenario.yaml");
        Files.writeString(file, yaml);
        CliProcess.Result r = new CliProcess(work).run("run", "--local", "--quiet", "--scenario", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode results = JSON.readTree(runFolder(r).resolve("results.json").toFile());
        assertThat(results.path("scenario").asText()).isEqualTo("pause-twice");
        // the file written below the checkpoint is expected to be ignored, not counted as loss
        assertThat(r.out()).contains("PASS");
        // the key template names the files; the one below the checkpoint takes the letter before
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(runFolder(r).resolve("manifest.json").toFile())
                .path("files")
                .forEach(f -> names.add(f.path("fileName").asText()));
        assertThat(names)
                .hasSize(9)
                .startsWith("events-000001.json")
                .contains("events-000008.json")
                .endsWith("dvents-000009.json");
    }

    @Test
    void theLauncherOfTheReadmeRunsTheBuiltCommand() throws Exception {
        Path launcher = Path.of("..", "cpcheck").toAbsolutePath().normalize();
        assertThat(launcher).isExecutable();
        Process p = new ProcessBuilder(launcher.toString(), "--help")
                .directory(work.toFile())
                .redirectOutput(work.resolve("help.out").toFile())
                .redirectError(work.resolve("help.err").toFile())
                .start();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("help.err"))).isZero();
        assertThat(Files.readString(work.resolve("help.out")))
                .contains("Usage: cpcheck")
                .contains("run")
                .contains("Exit codes: 0 PASS, 1 FAIL");
    }

    @Test
    void doctorChecksTheEmbeddedStackForReal() {
        CliProcess.Result r = new CliProcess(work).run("doctor", "--local");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("✓ Java")
                .contains("✓ embedded stack: started")
                .contains("ClickHouse 26.");
    }

    private Path runFolder(CliProcess.Result r) throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            List<Path> dirs = runs.filter(Files::isDirectory).sorted().toList();
            assertThat(dirs).as(r.toString()).isNotEmpty();
            return dirs.get(dirs.size() - 1);
        }
    }
}
