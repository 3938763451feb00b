package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.emulator.internal.util.FileUtil;
import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Await;
import dev.cpcheck.emulator.support.Fixture;
import dev.cpcheck.emulator.support.TestEnvironment;
import dev.cpcheck.localstack.ChildJvm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of the emulator process in the two worst windows of a batch, then a restart on the same
 * state folder: the run must end with every file exactly once, no duplicate and no loss.
 * <ul>
 *   <li>after the staging table's partitions were moved into the destination and before the
 *       checkpoint was written (rows visible, checkpoint behind);</li>
 *   <li>after the batch was inserted into its staging table and before the move (rows staged,
 *       not visible).</li>
 * </ul>
 */
class CrashRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String KEY_ID = "crash-test-key";
    private static final String KEY_SECRET = "crash-test-secret";

    private final List<Process> processes = new ArrayList<>();
    private Path root;
    private Path stateDir;

    @AfterEach
    void cleanUp() {
        processes.forEach(p -> ChildJvm.stop(p, 2_000));
        FileUtil.deleteRecursively(root);
    }

    record Child(Process process, ClickPipesEndpoint endpoint, Path log) {}

    private Child startEmulatorProcess(int run, long commitDelayMs) throws Exception {
        return startEmulatorProcess(run, commitDelayMs, 0);
    }

    private Child startEmulatorProcess(int run, long commitDelayMs, long moveDelayMs) throws Exception {
        Path log = root.resolve("emulator-run" + run + ".log");
        List<String> args = List.of(
                "--state-dir",
                stateDir.toString(),
                "--clickhouse-url",
                TestEnvironment.clickHouse().endpoint().url(),
                "--api-key-id",
                KEY_ID,
                "--api-key-secret",
                KEY_SECRET,
                "--no-rate-limit",
                "--provisioning-delay-ms",
                "0",
                "--checkpoint-commit-delay-ms",
                Long.toString(commitDelayMs),
                "--move-delay-ms",
                Long.toString(moveDelayMs),
                "--exit-on-stdin-eof");
        List<String> cmd = ChildJvm.command(
                System.getProperty("java.class.path"),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                EmulatorMain.class.getName(),
                args);
        Process process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processes.add(process);
        Await.until(
                "emulator process ready (log " + log + ")",
                TIMEOUT,
                () -> readyLine(log).isPresent() || !process.isAlive(),
                () -> ChildJvm.tail(log, 10));
        assertThat(process.isAlive())
                .as("emulator process alive; log:\n%s", ChildJvm.tail(log, 30))
                .isTrue();
        JsonNode ready = JSON.readTree(readyLine(log).orElseThrow());
        ClickPipesEndpoint endpoint = new ClickPipesEndpoint(
                URI.create(ready.get("apiBaseUrl").asText()),
                ready.get("organizationId").asText(),
                ready.get("serviceId").asText(),
                KEY_ID,
                KEY_SECRET);
        return new Child(process, endpoint, log);
    }

    private static Optional<String> readyLine(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(EmulatorMain.READY_PREFIX))
                    .map(l -> l.substring(EmulatorMain.READY_PREFIX.length()))
                    .findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static JsonNode pipeInfo(ApiClient api, String id) {
        return api.get("/admin/clickpipes/" + id).result();
    }

    private JsonNode pendingBatch(String id) throws Exception {
        Path file = stateDir.resolve("pipes").resolve(id).resolve("pending-batch.json");
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    /** Waits until batch {@code seq} is in the destination but not yet in the checkpoint, then kills -9. */
    private void killInsideCommitWindow(Child child, Fixture f, String id, int seq) throws Exception {
        Await.until(
                "batch " + seq + " inserted and not committed",
                TIMEOUT,
                () -> {
                    try {
                        JsonNode pending = pendingBatch(id);
                        if (pending == null || pending.get("seq").asInt() != seq) {
                            return false;
                        }
                        StringBuilder in = new StringBuilder();
                        for (JsonNode key : pending.get("keys")) {
                            in.append(in.length() == 0 ? "" : ",")
                                    .append('\'')
                                    .append(key.asText().substring(key.asText().lastIndexOf('/') + 1))
                                    .append('\'');
                        }
                        long landed = Long.parseLong(f.sql()
                                .queryValue("SELECT count() FROM " + f.table + " WHERE source_file IN (" + in + ")")
                                .trim());
                        return landed == pending.get("keys").size() * 3L;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> ChildJvm.tail(child.log(), 5));
        child.process().destroyForcibly(); // SIGKILL
        child.process().waitFor();
        assertThat(pendingBatch(id).get("seq").asInt())
                .as("the batch was still pending when killed")
                .isEqualTo(seq);
        assertThat(pendingBatch(id).get("phase").asText())
                .as("its partitions were moved: the batch was staged")
                .isEqualTo("STAGED");
    }

    /** Waits until batch {@code seq} is complete in its staging table and not yet in the destination, then kills -9. */
    private void killInsideMoveWindow(Child child, Fixture f, String id, int seq, long rowsBefore) throws Exception {
        String staging = "`s3_clickpipe_" + id + "_staging_" + seq + "`";
        Await.until(
                "batch " + seq + " staged and not moved",
                TIMEOUT,
                () -> {
                    try {
                        JsonNode pending = pendingBatch(id);
                        if (pending == null
                                || pending.get("seq").asInt() != seq
                                || !"STAGED".equals(pending.path("phase").asText())) {
                            return false;
                        }
                        long staged = Long.parseLong(f.sql()
                                .queryValue("SELECT count() FROM " + staging)
                                .trim());
                        return staged == pending.get("keys").size() * 3L;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> ChildJvm.tail(child.log(), 5));
        child.process().destroyForcibly(); // SIGKILL
        child.process().waitFor();
        assertThat(f.rows()).as("staged rows are not visible before the move").isEqualTo(rowsBefore);
    }

    @Test
    void killDashNineBetweenStagingAndMoveThenRestartEndsWithEveryFileExactlyOnce() throws Exception {
        root = Files.createTempDirectory("cpcheck-crash-");
        stateDir = Files.createDirectories(root.resolve("state"));
        try (Fixture f = Fixture.create("crashmove")) {
            f.writeFiles(0, 8, 3, "before");

            Child first = startEmulatorProcess(1, 0, 5_000);
            ApiClient api = new ApiClient(first.endpoint());
            ApiClient.Response created = api.post("/clickpipes", f.pipeRequest(4, 200));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String id = created.result().get("id").asText();
            killInsideMoveWindow(first, f, id, 1, 0);

            Child second = startEmulatorProcess(2, 0);
            ApiClient api2 = new ApiClient(second.endpoint());
            Await.until(
                    "checkpoint at the last file",
                    TIMEOUT,
                    () -> {
                        JsonNode p = pipeInfo(api2, id);
                        return f.key(7).equals(p.path("checkpointKey").asText())
                                && p.get("pendingBatch").isEmpty();
                    },
                    () -> pipeInfo(api2, id).toString());
            assertThat(f.rows()).isEqualTo(24);
            assertThat(f.duplicateRows()).isZero();
            assertThat(f.filesNotExactlyOnce(8, 3)).isEmpty();
            assertThat(pipeInfo(api2, id).get("batchSeq").asInt()).isEqualTo(2);
        }
    }

    @Test
    void killDashNineAfterTheMoveBeforeTheCheckpointTwiceThenRestartEndsWithEveryFileExactlyOnce() throws Exception {
        root = Files.createTempDirectory("cpcheck-crash-");
        stateDir = Files.createDirectories(root.resolve("state"));
        try (Fixture f = Fixture.create("crash")) {
            f.writeFiles(0, 12, 3, "before");

            Child first = startEmulatorProcess(1, 5_000); // a commit window a loaded machine cannot miss
            ApiClient api = new ApiClient(first.endpoint());
            ApiClient.Response created = api.post("/clickpipes", f.pipeRequest(4, 200));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String id = created.result().get("id").asText();
            killInsideCommitWindow(first, f, id, 2);
            assertThat(f.rows())
                    .as("batches 1 and 2 landed; the checkpoint only knows batch 1")
                    .isEqualTo(24);
            assertThat(JSON.readTree(stateDir.resolve("pipes")
                                    .resolve(id)
                                    .resolve("checkpoint.json")
                                    .toFile())
                            .get("batchSeq")
                            .asInt())
                    .isEqualTo(1);

            Child second = startEmulatorProcess(2, 5_000);
            killInsideCommitWindow(second, f, id, 3);
            assertThat(f.rows())
                    .as("batch 2 redone without duplicates, batch 3 landed")
                    .isEqualTo(36);

            Child third = startEmulatorProcess(3, 0);
            ApiClient api3 = new ApiClient(third.endpoint());
            Await.until(
                    "checkpoint at the last file",
                    TIMEOUT,
                    () -> {
                        JsonNode p = pipeInfo(api3, id);
                        return f.key(11).equals(p.path("checkpointKey").asText())
                                && p.get("pendingBatch").isEmpty();
                    },
                    () -> pipeInfo(api3, id).toString());

            assertThat(f.rows()).isEqualTo(36);
            assertThat(f.duplicateRows()).isZero();
            assertThat(f.filesNotExactlyOnce(12, 3)).isEmpty();
            JsonNode p = pipeInfo(api3, id);
            assertThat(p.get("batchSeq").asInt()).isEqualTo(3);
            assertThat(p.get("state").asText()).isEqualTo("Running");
            assertThat(api3.get("/clickpipes/" + id).status()).isEqualTo(200);
        }
    }
}
