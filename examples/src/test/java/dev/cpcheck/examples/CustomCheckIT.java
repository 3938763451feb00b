package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertCheckPassed;
import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Example 6: a custom {@link dev.cpcheck.core.spi.Check}, {@link KeyOrderCheck} ("files land in key
 * order"), registered through {@code META-INF/services/dev.cpcheck.core.spi.Check} in this module's
 * main resources.
 *
 * <p><b>How it works:</b> nothing registers the check in code: {@link java.util.ServiceLoader} finds
 * it on the class path, and every run (of every example in this module) runs it after the
 * built-in checks; it appears in results.json, junit.xml and report.html like them. The second test
 * runs the check by hand on a small table whose files landed out of order, to show what a failure
 * looks like.
 *
 * <p><b>Passing means:</b> the check is discovered, passes on a faithful pipe (12 files in key
 * order), is part of the run's JUnit XML, and fails with a witness when a file lands before a lower
 * key.
 *
 * <p><b>Needs:</b> the embedded stack; about 10 s.
 */
@CheckpointTest
class CustomCheckIT {

    @Test
    void theCheckIsFoundOnTheClassPathAndRunsInEveryRun(CheckpointRunner cpcheck) throws Exception {
        assertThat(ProviderRegistry.checks().ids()).contains(KeyOrderCheck.ID);

        RunReport report = cpcheck.run(Scenarios.seed());

        assertExactlyOnce(report);
        assertCheckPassed(report, KeyOrderCheck.ID);
        CheckResult keyOrder = report.check(KeyOrderCheck.ID).orElseThrow();
        assertThat(keyOrder.summary()).isEqualTo("12 files landed in key order");
        assertThat(keyOrder.metricLong("out_of_order_files")).isZero();
        assertThat(Files.readString(Path.of(report.runDirectory()).resolve(RunFolder.JUNIT)))
                .contains("name=\"" + KeyOrderCheck.ID + "\"");
    }

    @Test
    void aFileThatLandsBeforeALowerKeyIsAWitness(CheckpointRunner cpcheck) {
        SqlClient sql = cpcheck.engine().sql();
        String table = "`default`.`key_order_demo`";
        sql.execute("CREATE TABLE " + table + " (run_id String, source_file String, ingested_at DateTime64(3))"
                + " ENGINE = MergeTree ORDER BY tuple()");
        try {
            sql.execute("INSERT INTO " + table + " VALUES"
                    + " ('demo', 'f00000001.json', '2026-01-01 00:00:01.000'),"
                    + " ('demo', 'f00000002.json', '2026-01-01 00:00:03.000'),"
                    + " ('demo', 'f00000003.json', '2026-01-01 00:00:02.000')," // landed before f00000002
                    + " ('demo', 'f00000004.json', '2026-01-01 00:00:04.000')");

            CheckResult result = new KeyOrderCheck().run(context(sql, "default", "key_order_demo", "demo"));

            System.out.println(result.summary() + ": " + result.witnesses());
            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.summary()).isEqualTo("1 of 4 files landed before a file with a lower key");
            assertThat(result.witnesses()).singleElement().satisfies(w -> {
                assertThat(w.anomaly()).isEqualTo("landed-out-of-order");
                assertThat(w.file()).isEqualTo("f00000003.json");
                assertThat(w.detail()).contains("before f00000002.json");
            });
        } finally {
            sql.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** Just what {@link KeyOrderCheck} reads; a run gives checks the full context. */
    private static CheckContext context(SqlClient sql, String database, String table, String runId) {
        return new CheckContext() {
            @Override
            public SqlClient sql() {
                return sql;
            }

            @Override
            public String database() {
                return database;
            }

            @Override
            public String table() {
                return table;
            }

            @Override
            public String qualifiedTable() {
                return "`" + database + "`.`" + table + "`";
            }

            @Override
            public String runId() {
                return runId;
            }

            @Override
            public Manifest manifest() {
                throw new UnsupportedOperationException();
            }

            @Override
            public RunHistory history() {
                return new RunHistory(java.util.List.of()); // a run in key order: no queue recorded
            }

            @Override
            public DeliveryGuarantee guarantee() {
                return DeliveryGuarantee.EXACTLY_ONCE;
            }

            @Override
            public String manifestRelation() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String landingTimeExpression() {
                return "ingested_at";
            }

            @Override
            public TimestampSource timestampSource() {
                return TimestampSource.INGESTED_AT_COLUMN;
            }

            @Override
            public Duration pausedWindowTolerance() {
                return Duration.ZERO;
            }
        };
    }
}
