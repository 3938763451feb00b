package dev.cpcheck.validation.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL the ledger sends: bounds as parameters, one scan, the right join. */
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
                T0.plusSeconds(31));
        PauseSchedule.Resume r =
                new PauseSchedule.Resume(1, T0.plusSeconds(30), T0.plusSeconds(31), T0.plusSeconds(60), null, false);
        return new PauseSchedule(List.of(w), List.of(r), Duration.ofSeconds(1));
    }

    @Test
    void boundsTravelAsParametersAndTheTableIsReadOnce() {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = LedgerQuery.sql(
                "`db`.`t`",
                "`ingested_at`",
                "(SELECT * FROM cpcheck_manifest)",
                oneWindow(),
                TimeAxis.over(T0, T0.plusSeconds(90)),
                LedgerQuery.Mode.BY_FILE_ID,
                params);
        assertThat(params)
                .containsEntry("w1f", T0.plusSeconds(32).toEpochMilli())
                .containsEntry("w1t", T0.plusSeconds(59).toEpochMilli())
                .containsEntry("w1e", T0.plusSeconds(59).toEpochMilli())
                .containsEntry("w1j", T0.plusSeconds(31).toEpochMilli())
                .containsEntry("r1f", T0.plusSeconds(60).toEpochMilli())
                .containsEntry("r1t", Long.MAX_VALUE)
                .containsEntry("r1p", T0.plusSeconds(31).toEpochMilli())
                .containsEntry("ax_step", 2000L);
        assertThat(sql.split("FROM `db`.`t`", -1)).as("one scan of the table").hasSize(2);
        assertThat(sql)
                .contains("WHERE run_id = {run:String}")
                .contains("GROUP BY file_id)")
                .contains("ON m.file_id = g.g_id")
                .doesNotContain("OVER (")
                .contains("groupArraySortedIf(32)")
                .contains("sumResample(-1, 47, 1)")
                .contains("SETTINGS join_use_nulls = 0")
                .doesNotContain(T0.toString());
    }

    @Test
    void theExactModeGroupsAndJoinsByFileAsWell() {
        String sql = LedgerQuery.sql(
                "`db`.`t`", "`ingested_at`", "m", oneWindow(), null, LedgerQuery.Mode.BY_FILE, new LinkedHashMap<>());
        assertThat(sql)
                .contains("GROUP BY file_id, source_file")
                .contains("AND m.file_name = g.sf_min")
                .doesNotContain("hist_rows");
    }

    @Test
    void withoutPausesThereAreNoBounds() {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = LedgerQuery.sql(
                "`db`.`t`",
                "`ingested_at`",
                "m",
                new PauseSchedule(List.of(), List.of(), Duration.ofSeconds(1)),
                null,
                LedgerQuery.Mode.BY_FILE_ID,
                params);
        assertThat(params).isEmpty();
        assertThat(sql).contains("CAST([] AS Array(UInt64)) AS paused").contains("minIf(ts, 0)");
    }
}
