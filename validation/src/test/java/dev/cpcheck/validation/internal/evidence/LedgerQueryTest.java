package dev.cpcheck.validation.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.TimestampSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL the ledger sends: bounds as parameters, one read of the table, the digest compared in ClickHouse. */
class LedgerQueryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static PauseSchedule oneWindow() {
        PauseSchedule.Window w = new PauseSchedule.Window(
                1,
                T0.plusSeconds(31),
                T0.plusSeconds(60),
                Duration.ZERO,
                Duration.ofSeconds(1),
                T0.plusSeconds(32),
                T0.plusSeconds(59),
                false,
                T0.plusSeconds(31),
                T0.plusSeconds(60));
        PauseSchedule.Resume r =
                new PauseSchedule.Resume(1, T0.plusSeconds(30), T0.plusSeconds(31), T0.plusSeconds(60), null, false);
        return new PauseSchedule(List.of(w), List.of(r), Duration.ofSeconds(1));
    }

    private static final Landing PARTS = Landing.fromParts(
            TimestampSource.PART_MODIFICATION_TIME,
            List.of(new Landing.Part("all", 1, 1, 0, false, 3, 1_767_261_611L)),
            List.of());

    private static CheckContext context() {
        return new CheckContext() {
            @Override
            public SqlClient sql() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String database() {
                return "db";
            }

            @Override
            public String table() {
                return "t";
            }

            @Override
            public String qualifiedTable() {
                return "`db`.`t`";
            }

            @Override
            public String runId() {
                return "r";
            }

            @Override
            public Manifest manifest() {
                return new Manifest("r", "s3", "b", "p/", "JSONEachRow", "none", T0, List.of());
            }

            @Override
            public RunHistory history() {
                return new RunHistory(List.of());
            }

            @Override
            public DeliveryGuarantee guarantee() {
                return DeliveryGuarantee.EXACTLY_ONCE;
            }

            @Override
            public String manifestRelation() {
                return "(SELECT * FROM cpcheck_manifest)";
            }

            @Override
            public String landingTimeExpression() {
                return PARTS.rowTimeSql();
            }

            @Override
            public TimestampSource timestampSource() {
                return PARTS.source();
            }

            @Override
            public Duration pausedWindowTolerance() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void boundsTravelAsParametersAndTheTableIsReadOnce() {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = LedgerQuery.sql(context(), PARTS, oneWindow(), params);
        // when files were written against the windows is worked out per file, to fold them by it
        assertThat(params)
                .containsEntry("w1j", T0.plusSeconds(31).toEpochMilli())
                .containsEntry("w1r", T0.plusSeconds(60).toEpochMilli())
                .containsEntry("run", "r");
        assertThat(sql.split("FROM `db`.`t`", -1)).as("one read of the table").hasSize(2);
        assertThat(sql)
                .contains("WHERE run_id = {run:String}")
                .contains("sum(cityHash64(file_id, row_id, source_file)) AS s")
                .contains("min(_block_number) AS k_min, max(_block_number) AS k_max")
                .contains("GROUP BY g_id)")
                .contains("ON m.file_id = g.g_id")
                .contains("s = m_digest AS exact")
                .contains("GROUP BY plain, k_m, k_g, k_n, k_u, k_w, k_l")
                .contains("SETTINGS join_use_nulls = 0")
                .doesNotContain("uniqExact")
                .doesNotContain("m_name")
                .doesNotContain(T0.toString());
    }

    @Test
    void withoutPausesThereAreNoBounds() {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = LedgerQuery.sql(
                context(), PARTS, new PauseSchedule(List.of(), List.of(), Duration.ofSeconds(1)), params);
        assertThat(params).containsOnlyKeys("run");
        assertThat(sql).contains("toUInt64(0) AS late_mask");
    }
}
