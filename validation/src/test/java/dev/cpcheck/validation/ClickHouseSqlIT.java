package dev.cpcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.testing.TestClickHouse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseSqlIT {
    private final ClickHouseSql sql = TestClickHouse.sql();

    @Test
    void serverSideParametersRoundTripAwkwardValues() {
        String awkward = "it's a \\ back\tslash\nline 'quoted' \"double\" ünïcödé";
        Instant t = Instant.parse("2026-01-01T10:00:03.120Z");
        SqlRow r = sql.query(
                        "SELECT {s:String} AS s, {n:Int64} + 1 AS n, {list:Array(String)} AS list,"
                                + " toUnixTimestamp64Milli({t:DateTime64(3, 'UTC')}) AS t, toUInt64(18446744073709551615) AS big",
                        Map.of("s", awkward, "n", 41L, "list", List.of("a'b", "c\\d"), "t", t))
                .get(0);
        assertThat(r.getString("s")).isEqualTo(awkward);
        assertThat(r.get("n")).isEqualTo(42L);
        assertThat(r.get("list")).isEqualTo(List.of("a'b", "c\\d"));
        assertThat(r.getLong("t")).isEqualTo(t.toEpochMilli());
        assertThat(r.get("big")).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void externalTablesTravelWithTheQueryAndParametersKeepTheirEscapes() {
        String awkward = "tab\there \\ 'q'";
        ExternalTable table = ExternalTable.tabSeparated("ext", "name String, n UInt32", "a\\tb\t1\nc\\\\d\t2\n");
        List<SqlRow> rows =
                sql.query("SELECT name, n, {p:String} AS p FROM ext ORDER BY n", Map.of("p", awkward), table);
        assertThat(rows).extracting(x -> x.getString("name")).containsExactly("a\tb", "c\\d");
        assertThat(rows.get(0).getString("p")).isEqualTo(awkward);
    }

    @Test
    void statementsAndServerFacts() {
        String t = "default." + TestClickHouse.newTableName("sql");
        sql.execute("CREATE TABLE " + t + " (x UInt32) ENGINE = MergeTree ORDER BY x");
        sql.execute("INSERT INTO " + t + " SELECT number FROM numbers({n:UInt32})", Map.of("n", 10));
        assertThat(sql.queryLong("SELECT count() FROM " + t)).isEqualTo(10);
        sql.execute("DROP TABLE " + t);
        assertThat(sql.serverVersion()).matches("\\d+\\.\\d+.*");
        assertThat(Duration.between(Instant.now(), sql.serverTime()).abs()).isLessThan(Duration.ofSeconds(10));
        sql.ping();
    }

    @Test
    void aRefusedQueryCarriesClickHousesErrorCode() {
        assertThatThrownBy(() -> sql.query("SELECT * FROM default.no_such_table_here"))
                .isInstanceOfSatisfying(ClickHouseException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ClickHouseException.UNKNOWN_TABLE);
                    assertThat(e.reachedServer()).isTrue();
                    assertThat(e.component()).isEqualTo("clickhouse");
                    assertThat(e.getMessage()).contains("no_such_table_here");
                });
        assertThatThrownBy(() -> sql.query(
                        "SELECT * FROM no_such_table", Map.of(), ExternalTable.tabSeparated("ext", "x UInt8", "1\n")))
                .isInstanceOfSatisfying(
                        ClickHouseException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ClickHouseException.UNKNOWN_TABLE));
    }

    @Test
    void anUnreachableServerIsReportedWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClickHouseTarget target = ClickHouseTarget.of("http://127.0.0.1:" + port, "alice", "s3cr3t-Pa55", "default");
        assertThat(target.toString()).doesNotContain("s3cr3t").contains("****");
        try (ClickHouseSql down = ClickHouseSql.connect(target, Duration.ofSeconds(5))) {
            assertThatThrownBy(down::ping).isInstanceOfSatisfying(ClickHouseException.class, e -> {
                assertThat(e.reachedServer()).isFalse();
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).doesNotContain("s3cr3t");
                assertThat(String.valueOf(e.getCause())).doesNotContain("s3cr3t");
            });
            assertThatThrownBy(() -> down.query("SELECT 1", Map.of(), ExternalTable.tabSeparated("e", "x UInt8", "")))
                    .isInstanceOfSatisfying(ClickHouseException.class, e -> {
                        assertThat(e.reachedServer()).isFalse();
                        assertThat(e.getMessage()).doesNotContain("s3cr3t");
                    });
        }
    }
}
