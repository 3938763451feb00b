package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Await;
import dev.cpcheck.emulator.support.Fixture;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each fault mode, run through the default cpcheck scenario (6 files, pause, 3 files while paused,
 * resume, 3 more files; 3 rows per file, batches of 2 files), produces exactly its anomaly as
 * measured by SQL on the destination; the faithful mode produces none.
 */
class FaultModesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROWS = 3;
    private static ClickPipesEmulator emulator;
    private static ApiClient api;

    @BeforeAll
    static void startEmulator() {
        emulator = ClickPipesEmulator.builder()
                .clickHouse(TestEnvironment.clickHouse().endpoint())
                .provisioningDelay(Duration.ZERO)
                .noRateLimit()
                .start();
        api = new ApiClient(emulator.endpoint());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    /** What the destination looked like after the scenario. */
    record Outcome(long rows, long duplicateRows, long missingRows, long rowsWhilePaused) {}

    private static Outcome runScenario(Fixture f, FaultMode pipeMode) throws Exception {
        f.writeFiles(0, 6, ROWS, "before");
        ApiClient.Response created = api.post("/clickpipes", f.pipeRequest(2, 200));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.result().get("id").asText();
        if (pipeMode != null) {
            emulator.pipeFaultMode(id, pipeMode);
        }
        awaitCheckpoint(id, f.key(5));

        assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", "stop"))
                        .status())
                .isEqualTo(200);
        Await.until("Stopped", TIMEOUT, () -> state(id).equals("Stopped"));
        long rowsAtPause = f.rows();
        f.writeFiles(6, 9, ROWS, "paused");
        if (pipeMode == FaultMode.INGEST_WHILE_PAUSED) {
            // the fault shows as soon as the worker gets to the files; no need to guess a delay
            awaitCheckpoint(id, f.key(8));
            assertThat(state(id)).isEqualTo("Stopped");
        } else {
            Thread.sleep(1_500); // seven polling intervals with nothing to see
        }
        long rowsWhilePaused = f.rows() - rowsAtPause;

        assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", "start"))
                        .status())
                .isEqualTo(200);
        Await.until("Running", TIMEOUT, () -> state(id).equals("Running"));
        // every mode gets to the last paused file first; files written before that would be part of
        // what the resumed pipe lists first (and skip-paused-files would skip them too)
        awaitCheckpoint(id, f.key(8));
        f.writeFiles(9, 12, ROWS, "after");
        awaitCheckpoint(id, f.key(11));

        long distinct = f.distinctRows();
        return new Outcome(f.rows(), f.duplicateRows(), 12L * ROWS - distinct, rowsWhilePaused);
    }

    private static String state(String id) {
        return api.get("/clickpipes/" + id).result().get("state").asText();
    }

    private static void awaitCheckpoint(String id, String key) {
        Await.until(
                "checkpoint at " + key,
                TIMEOUT,
                () -> {
                    EmulatedPipe p = emulator.pipe(id).orElseThrow();
                    return key.equals(p.checkpointKey()) && p.pendingBatch().isEmpty();
                },
                () -> emulator.pipe(id).toString());
    }

    @Test
    void faithfulModeHasNoAnomaly() throws Exception {
        try (Fixture f = Fixture.create("faithful")) {
            Outcome o = runScenario(f, FaultMode.NONE);
            assertThat(o).isEqualTo(new Outcome(36, 0, 0, 0));
            assertThat(f.filesNotExactlyOnce(12, ROWS)).isEmpty();
        }
    }

    @Test
    void restartFromScratchReingestsEverythingIngestedBeforeThePause() throws Exception {
        try (Fixture f = Fixture.create("scratch")) {
            Outcome o = runScenario(f, FaultMode.RESTART_FROM_SCRATCH);
            assertThat(o).isEqualTo(new Outcome(36 + 18, 18, 0, 0));
            assertThat(f.sql()
                            .query("SELECT file_id FROM " + f.table + " GROUP BY file_id HAVING count() = 6"
                                    + " ORDER BY file_id FORMAT CSV")
                            .lines()
                            .toList())
                    .containsExactly("0", "1", "2", "3", "4", "5");
        }
    }

    @Test
    void skipPausedFilesLosesTheFilesWrittenWhilePaused() throws Exception {
        try (Fixture f = Fixture.create("skip")) {
            Outcome o = runScenario(f, FaultMode.SKIP_PAUSED_FILES);
            assertThat(o).isEqualTo(new Outcome(27, 0, 9, 0));
            assertThat(f.filesNotExactlyOnce(12, ROWS)).containsExactly("6\t0", "7\t0", "8\t0");
        }
    }

    @Test
    void replayLastBatchDuplicatesTheLastBatchBeforeThePause() throws Exception {
        try (Fixture f = Fixture.create("replay")) {
            Outcome o = runScenario(f, FaultMode.REPLAY_LAST_BATCH);
            assertThat(o).isEqualTo(new Outcome(36 + 6, 6, 0, 0));
            assertThat(f.filesNotExactlyOnce(12, ROWS)).containsExactly("4\t6", "5\t6");
        }
    }

    @Test
    void ingestWhilePausedIngestsFilesWrittenWhilePaused() throws Exception {
        try (Fixture f = Fixture.create("whilepaused")) {
            Outcome o = runScenario(f, FaultMode.INGEST_WHILE_PAUSED);
            assertThat(o).isEqualTo(new Outcome(36, 0, 0, 9));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = FaultMode.class,
            names = {"SKIP_PAUSED_FILES", "REPLAY_LAST_BATCH"})
    void emulatorWideModeAppliesToPipesWithoutTheirOwn(FaultMode mode) throws Exception {
        try (Fixture f = Fixture.create("wide")) {
            emulator.faultMode(mode);
            try {
                Outcome o = runScenario(f, null);
                assertThat(o.duplicateRows() + o.missingRows()).isGreaterThan(0);
            } finally {
                emulator.faultMode(FaultMode.NONE);
            }
        }
    }

    @Test
    void pipeModeOverridesTheEmulatorWideMode() throws Exception {
        try (Fixture f = Fixture.create("override")) {
            emulator.faultMode(FaultMode.RESTART_FROM_SCRATCH);
            try {
                assertThat(runScenario(f, FaultMode.NONE)).isEqualTo(new Outcome(36, 0, 0, 0));
            } finally {
                emulator.faultMode(FaultMode.NONE);
            }
        }
    }
}
