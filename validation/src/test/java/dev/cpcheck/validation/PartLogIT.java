package dev.cpcheck.validation;

import static dev.cpcheck.validation.AnomalyClassesIT.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.emulator.EmbeddedClickHouse;
import dev.cpcheck.validation.testing.LiveRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Landing times from the part log: an embedded ClickHouse of its own, started with a config file
 * that enables {@code system.part_log} (chdb has none by default; command-line overrides of the
 * setting are ignored, a config file is read). The log times each part to the microsecond, so a
 * pause shorter than a second is judged without any poll; part creation times (seconds) could not.
 */
class PartLogIT {
    private static final Duration GAP = Duration.ofMillis(300);
    private static EmbeddedClickHouse server;
    private static ClickHouseSql sql;

    @BeforeAll
    static void startAServerWithThePartLog(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path config = Files.writeString(
                dir.resolve("part-log.xml"),
                "<clickhouse><part_log><database>system</database><table>part_log</table>"
                        + "<flush_interval_milliseconds>500</flush_interval_milliseconds></part_log></clickhouse>\n");
        server = EmbeddedClickHouse.builder()
                .serverOption("--config-file=" + config)
                .start();
        sql = ClickHouseSql.connect(ClickHouseTarget.of(
                server.endpoint().url(),
                server.endpoint().user(),
                server.endpoint().password(),
                "default"));
    }

    @AfterAll
    static void stop() {
        if (sql != null) {
            sql.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ValidationResult validate(LiveRun run) {
        return ValidationEngine.builder()
                .sql(sql)
                .pausedWindowTolerance(Duration.ofMillis(50))
                .build()
                .validate(run.request(DeliveryGuarantee.EXACTLY_ONCE));
    }

    @Test
    void rowsInsertedDuringAPauseShorterThanASecondAreSeenByThePartLog() {
        LiveRun run = LiveRun.start(sql, "plog_paused").stopMerges().land("initial", 1, 2);
        run.waitFor(GAP).pause().waitFor(GAP).land("paused", 3).waitFor(GAP).resume();
        run.waitFor(GAP).land("resumed", 4);
        ValidationResult r = validate(run);
        assertThat(r.observed()).containsEntry("timestamp_source", "part_log");
        AnomalyClassesIT.onlyThese(r, java.util.Map.of("paused-window", CheckStatus.FAIL));
        assertThat(check(r, "paused-window").summary())
                .contains("3 rows landed inside it")
                .contains("the part log (when each part was inserted, attached or moved into the table");
        assertThat(check(r, "paused-window").witnesses())
                .extracting(w -> w.file())
                .containsOnly(LiveRun.fileName(3));
        run.drop();
    }

    @Test
    void aCleanSubSecondPauseIsAPassNotAGuess() {
        LiveRun run = LiveRun.start(sql, "plog_clean").stopMerges().land("initial", 1, 2);
        run.waitFor(GAP).pause().waitFor(GAP).waitFor(GAP).resume();
        run.waitFor(GAP).land("resumed", 3, 4);
        ValidationResult r = validate(run);
        assertThat(r.observed()).containsEntry("timestamp_source", "part_log");
        AnomalyClassesIT.onlyThese(r, java.util.Map.of());
        assertThat(check(r, "paused-window").summary()).contains("no row's landing lies inside it");
        assertThat(check(r, "paused-window").metricLong("ambiguous_rows")).isZero();
        run.drop();
    }
}
