package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.ScenarioFile;
import dev.cpcheck.core.scenario.TableChange;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Example 13: the pause hazards users meet, as scenario steps, each judged by the same checks.
 *
 * <ul>
 *   <li><b>Restart from Failed</b> ({@code revokeSourceCredentials}, {@code restoreSourceCredentials}):
 *       the stack revokes its storage keys, the pipe's reads fail and it goes Failed; the keys come
 *       back and the pipe is started from Failed. It must continue from its checkpoint. On S3, GCS
 *       (the embedded S3 server) and Azure Blob Storage (Azurite, whose account key is rotated in
 *       place).</li>
 *   <li><b>Schema change while paused</b> ({@code alterTable}): the documented workflow (stop, change
 *       the table or add a materialized view, start). No duplicates in the table, and the view's
 *       target (checked here with SQL) gets every row that landed after the view was made exactly
 *       once.</li>
 *   <li><b>Idle service while paused</b> ({@code serviceIdle}): the start gets 424; the run wakes the
 *       service ({@code awake}) and starts again.</li>
 * </ul>
 *
 * <p><b>Passing means:</b> each scenario passes exactly once, and its history shows the hazard
 * happened (the pipe was seen Failed; the start was answered 424 and the service woken).
 *
 * <p><b>Needs:</b> the embedded stack (and Node.js for Azure); about 10 s per scenario.
 */
@CheckpointTest
class PauseHazardsIT {

    @ParameterizedTest(name = "restart from Failed on {0}")
    @ValueSource(strings = {"s3", "gcs", "azure"})
    void aPipeRestartedFromFailedContinuesFromItsCheckpoint(String source, CheckpointRunner cpcheck) {
        Scenario scenario = Scenario.builder("restart-from-failed")
                .sourceProvider(source)
                .writeFiles("initial", 4)
                .createPipe()
                .awaitFiles(4)
                .revokeSourceCredentials() // then waits for Failed
                .restoreSourceCredentials()
                .writeFiles("restored", 2)
                .resume() // start from Failed
                .writeFiles("resumed", 2)
                .awaitAllFiles()
                .build();

        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        List<HistoryEvent> events = history(report).events();
        assertThat(events)
                .anySatisfy(e -> assertThat(e.is(EventType.STATE_POLL) && "Failed".equals(e.string("state")))
                        .isTrue());
    }

    @ParameterizedTest(name = "alterTable {0} while paused")
    @ValueSource(strings = {"addColumn", "materializedView"})
    void aSchemaChangeWhilePausedDuplicatesNothing(String change, CheckpointRunner cpcheck) {
        Scenario scenario = ScenarioFile.parse("""
                name: alter-while-paused
                steps:
                  - writeFiles: {phase: initial, files: 4}
                  - createPipe
                  - awaitFiles: 4
                  - pause
                  - alterTable: %s
                  - writeFiles: {phase: paused, files: 2}
                  - hold: {intervals: 3}
                  - resume
                  - writeFiles: {phase: resumed, files: 2}
                  - awaitAllFiles
                """.formatted(change), "alter-while-paused.yaml", "alter-while-paused");
        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        if (TableChange.fromId(change) == TableChange.MATERIALIZED_VIEW) {
            assertThat(history(report).events())
                    .filteredOn(e -> e.is(EventType.NOTE))
                    .anySatisfy(e -> assertThat(e.string("message")).contains("created materialized view"));
        }
    }

    @Test
    void theViewsTargetGetsEveryLaterRowOnce(CheckpointRunner cpcheck) throws Exception {
        Scenario scenario = Scenario.builder("view-target")
                .writeFiles("initial", 4)
                .createPipe()
                .awaitFiles(4)
                .pause()
                .alterTable(TableChange.MATERIALIZED_VIEW)
                .writeFiles("paused", 2)
                .holdIntervals(3)
                .resume()
                .writeFiles("resumed", 2)
                .awaitAllFiles()
                .build();
        RunReport report;
        try (var engine = cpcheck.engineBuilder().keepResources(true).build()) {
            report = engine.run(scenario);
            assertExactlyOnce(report);
            String table = engine.endpoints().database() + "." + RunIds.tableName(report.runId());
            String target = table + "_mv_target";
            SqlRow r = engine.sql()
                    .query(
                            "SELECT count() AS n, uniqExact(file_id, row_id) AS keys, uniqExact(source_file) AS files,"
                                    + " countIf(phase_ok = 0) AS early FROM (SELECT file_id, row_id, source_file,"
                                    + " file_id > 4 AS phase_ok FROM " + target + ")",
                            Map.of())
                    .get(0);
            // the 4 files ingested before the view existed are not in it; the 4 written after are, once
            assertThat(r.getLong("n")).isEqualTo(12);
            assertThat(r.getLong("keys")).isEqualTo(12);
            assertThat(r.getLong("files")).isEqualTo(4);
            assertThat(r.getLong("early")).isZero();
            engine.cleanup(Path.of(report.runDirectory()));
        }
    }

    @Test
    void anIdleServiceIsWokenAndThePipeResumes(CheckpointRunner cpcheck) {
        Scenario scenario = Scenario.builder("idle-while-paused")
                .writeFiles("initial", 4)
                .createPipe()
                .awaitFiles(4)
                .pause()
                .serviceIdle()
                .writeFiles("paused", 2)
                .holdIntervals(2)
                .resume()
                .writeFiles("resumed", 2)
                .awaitAllFiles()
                .build();

        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        assertThat(cpcheck.embeddedStack().orElseThrow().description()).isNotNull();
        assertThat(history(report).events())
                .filteredOn(e -> e.is(EventType.NOTE))
                .anySatisfy(e -> assertThat(e.string("message")).contains("service is idle"));
    }

    private static RunHistory history(RunReport report) {
        return RunHistory.read(Path.of(report.runDirectory()).resolve(RunFolder.HISTORY));
    }
}
