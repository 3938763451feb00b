package dev.cpcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.testing.TestClickHouse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseDestinationIT {
    private final ClickHouseSql sql = TestClickHouse.sql();

    @Test
    void createObserveAndDrop() {
        DestinationSpec spec = new DestinationSpec("default", TestClickHouse.newTableName("dest"));
        ClickHouseDestination d = new ClickHouseDestination(sql, spec, "run-a");

        assertThat(d.prepare()).as("created by this call").isTrue();
        assertThat(d.prepare()).as("already there").isFalse();
        assertThat(d.table().exists()).isTrue();
        assertThat(d.table().hasIngestedAt())
                .as("the table holds no column the pipe cannot fill")
                .isFalse();
        assertThat(d.snapshot()).isEqualTo(new IngestionSnapshot(0, 0, null));

        insert(spec, "run-a", "f000001.json", 1, 3);
        insert(spec, "run-a", "f000002.json", 2, 3);
        insert(spec, "run-b", "f000009.json", 9, 5);
        assertThat(d.snapshot()).isEqualTo(new IngestionSnapshot(2, 6, "f000002.json"));
        assertThat(Duration.between(Instant.now(), d.serverTime()).abs()).isLessThan(Duration.ofSeconds(10));

        ClickHouseTable.Totals run = d.table().totals("run-a");
        assertThat(run.rows()).isEqualTo(6);
        assertThat(run.files()).isEqualTo(2);
        assertThat(run.runs()).isEqualTo(1);
        assertThat(run.firstIngestedAt()).isNotNull();
        ClickHouseTable.Totals all = d.table().totals(null);
        assertThat(all.rows()).isEqualTo(11);
        assertThat(all.runs()).isEqualTo(2);
        assertThat(d.table().totals("nobody").firstIngestedAt()).isNull();

        List<ClickHouseTable.FileCount> files = d.table().fileCounts(null, 2);
        assertThat(files)
                .extracting(ClickHouseTable.FileCount::sourceFile)
                .containsExactly("f000001.json", "f000002.json");
        assertThat(files.get(0).rows()).isEqualTo(3);
        assertThat(files.get(0).distinctRows()).isEqualTo(3);

        List<SqlRow> recent = d.table().recentRows("run-b", 2);
        assertThat(recent).hasSize(2);
        assertThat(recent.get(0).getString("source_file")).isEqualTo("f000009.json");
        assertThat(recent.get(0).values()).containsKeys("run_id", "file_id", "row_id", "payload", "ingested_at");

        d.drop();
        assertThat(d.table().exists()).isFalse();
        d.drop(); // gone already: not an error
    }

    @Test
    void anExistingTableWithoutTheColumnsIsRefused() {
        DestinationSpec spec = new DestinationSpec("default", TestClickHouse.newTableName("foreign"));
        sql.execute("CREATE TABLE " + spec.qualified() + " (x UInt8) ENGINE = MergeTree ORDER BY x");
        ClickHouseDestination d = new ClickHouseDestination(sql, spec, "run-a");
        assertThatThrownBy(d::prepare)
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("run_id")
                .hasMessageContaining("cpcheck table drop");
        d.drop();
    }

    private void insert(DestinationSpec spec, String run, String file, int fileId, int rows) {
        sql.execute(
                "INSERT INTO " + spec.qualified()
                        + " (run_id, file_id, row_id, phase, event_time, payload, source_file)"
                        + " SELECT {run:String}, {f:UInt32}, number, 'initial', now64(3), 'p', {file:String} FROM numbers({n:UInt32})",
                Map.of("run", run, "f", fileId, "file", file, "n", rows));
    }
}
