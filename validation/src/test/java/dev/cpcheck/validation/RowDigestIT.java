package dev.cpcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.testing.TestClickHouse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row digest is computed identically in Java and by ClickHouse: CityHash64 of strings of every
 * length from 0 to 300 bytes (ASCII and multi-byte UTF-8), integer arguments, and whole rows and
 * files of the generator in a table of the destination's shape.
 */
class RowDigestIT {
    private final ClickHouseSql sql = TestClickHouse.sql();

    @Test
    void cityHash64OfStringsOfEveryLengthUpTo300BytesMatchesClickHouse() {
        Random random = new Random(20261203L);
        String alphabet = "abcXYZ019-_ é€😀\t\"'\\";
        List<String> strings = new ArrayList<>();
        for (int len = 0; len <= 300; len++) {
            StringBuilder sb = new StringBuilder();
            while (sb.toString().getBytes(StandardCharsets.UTF_8).length < len) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(18))));
            }
            // cut at the wanted byte length, whole code points only
            while (sb.toString().getBytes(StandardCharsets.UTF_8).length > len) {
                sb.setLength(sb.length() - 1);
            }
            strings.add(sb.toString());
            strings.add("x".repeat(len)); // every length exactly, ASCII
        }
        int lengths = 0;
        // in chunks: query parameters travel as form fields, which have a size limit
        for (int from = 0; from < strings.size(); from += 50) {
            List<String> chunk = strings.subList(from, Math.min(strings.size(), from + 50));
            List<SqlRow> rows = sql.query(
                    "SELECT i, toString(cityHash64(s[i])) AS h FROM (SELECT {s:Array(String)} AS s)"
                            + " ARRAY JOIN arrayEnumerate(s) AS i ORDER BY i",
                    Map.of("s", chunk));
            assertThat(rows).hasSize(chunk.size());
            for (SqlRow r : rows) {
                String s = chunk.get((int) r.getLong("i") - 1);
                assertThat(RowDigest.format(RowDigest.cityHash64(s)))
                        .as("cityHash64 of %d bytes: %s", s.getBytes(StandardCharsets.UTF_8).length, s)
                        .isEqualTo(r.getString("h"));
                lengths++;
            }
        }
        assertThat(lengths).isEqualTo(602);
    }

    @Test
    void integerArgumentsAndTheirCombinationMatchClickHouse() {
        SqlRow r = sql.query("SELECT toString(cityHash64(toUInt32(7))) AS one,"
                        + " toString(cityHash64(toUInt32(4294967295))) AS max32,"
                        + " toString(cityHash64(toInt64(-5))) AS negative,"
                        + " toString(cityHash64(toUInt32(7), toUInt32(1), 'f00000007.json')) AS identity")
                .get(0);
        assertThat(RowDigest.format(RowDigest.intHash64(7))).isEqualTo(r.getString("one"));
        assertThat(RowDigest.format(RowDigest.intHash64(4294967295L))).isEqualTo(r.getString("max32"));
        assertThat(RowDigest.format(RowDigest.intHash64(-5))).isEqualTo(r.getString("negative"));
        assertThat(RowDigest.format(RowDigest.identity(7, 1, "f00000007.json"))).isEqualTo(r.getString("identity"));
    }

    @Test
    void rowAndFileDigestsOfGeneratedRowsMatchTheSqlOverATableOfTheDestinationsShape() {
        String table = TestClickHouse.newTableName("digest");
        String qualified = "`default`.`" + table + "`";
        sql.execute("CREATE TABLE " + qualified + " (run_id String, file_id UInt32, row_id UInt32,"
                + " phase LowCardinality(String), event_time DateTime64(3), payload String, source_file String)"
                + " ENGINE = MergeTree ORDER BY (file_id, row_id)");
        String runId = "20261203-101500-abcdef";
        RowGenerator g = new RowGenerator(42L, runId);
        StringBuilder values = new StringBuilder();
        for (long f = 1; f <= 4; f++) {
            for (long row = 1; row <= 50; row++) {
                int len = f == 4 ? 64 : (int) (row * 3);
                values.append(values.length() == 0 ? "" : ",")
                        .append("('")
                        .append(runId)
                        .append("',")
                        .append(f)
                        .append(',')
                        .append(row)
                        .append(",'ph-é',fromUnixTimestamp64Milli(")
                        .append(g.eventTimeMillis(f, row))
                        .append("),'")
                        .append(g.payload(f, row, len))
                        .append("','f")
                        .append(f)
                        .append(".json')");
            }
        }
        sql.execute("INSERT INTO " + qualified + " VALUES " + values);
        List<SqlRow> rows = sql.query("SELECT file_id, row_id, toString(" + RowDigest.CONTENT_SQL + ") AS d FROM "
                + qualified + " ORDER BY file_id, row_id");
        assertThat(rows).hasSize(200);
        for (SqlRow r : rows) {
            long f = r.getLong("file_id");
            long row = r.getLong("row_id");
            int len = f == 4 ? 64 : (int) (row * 3);
            assertThat(RowDigest.format(RowDigest.content(
                            f, row, "ph-é", g.eventTimeMillis(f, row), g.payload(f, row, len), "f" + f + ".json")))
                    .isEqualTo(r.getString("d"));
            if (f == 4) {
                assertThat(g.rowDigest(4, row, "ph-é", 64, "f4.json")).isEqualTo(RowDigest.parse(r.getString("d")));
            }
        }
        assertThat(sql.query("SELECT toString(sum(" + RowDigest.CONTENT_SQL + ")) AS d FROM " + qualified
                                + " WHERE file_id = 4")
                        .get(0)
                        .getString("d"))
                .isEqualTo(RowDigest.format(g.fileDigest(4, 50, "ph-é", 64, "f4.json")));
        // a file of equal payload lengths: the generator's file digest is ClickHouse's sum
        sql.execute("INSERT INTO " + qualified + " SELECT run_id, 9, row_id, phase, event_time, payload, 'f9.json'"
                + " FROM " + qualified + " WHERE file_id = 1 AND row_id <= 5");
        sql.execute(
                "ALTER TABLE " + qualified
                        + " UPDATE payload = {p:String} WHERE file_id = 9 SETTINGS mutations_sync = 2",
                Map.of("p", "x"));
        long expected = 0;
        for (long row = 1; row <= 5; row++) {
            expected += RowDigest.content(9, row, "ph-é", g.eventTimeMillis(1, row), "x", "f9.json");
        }
        assertThat(sql.query("SELECT toString(sum(" + RowDigest.CONTENT_SQL + ")) AS d, toString(sum("
                                + RowDigest.IDENTITY_SQL + ")) AS i FROM " + qualified + " WHERE file_id = 9")
                        .get(0)
                        .values())
                .containsEntry("d", RowDigest.format(expected))
                .containsEntry("i", RowDigest.format(RowDigest.fileIdentity(9, 5, "f9.json")));
        sql.execute("DROP TABLE " + qualified);
    }

    @Test
    void theGeneratorsRowsAndDigestsRegeneratedInSqlEqualJava() {
        StringBuilder cases = new StringBuilder();
        List<long[]> expected = new ArrayList<>();
        List<RowGenerator> gens =
                List.of(new RowGenerator(42L, "20261203-101500-abcdef"), new RowGenerator(-7L, "not-a-run-id"));
        int[] lengths = {0, 1, 9, 10, 11, 64, 1000};
        for (int gi = 0; gi < gens.size(); gi++) {
            RowGenerator g = gens.get(gi);
            for (int len : lengths) {
                for (long[] fr : new long[][] {{1, 1}, {7, 3}, {4294967295L, 4294967295L}}) {
                    cases.append(cases.length() == 0 ? "" : ",")
                            .append("(")
                            .append(RowDigest.format(g.payloadKey()))
                            .append(",")
                            .append(g.baseMillis())
                            .append(",")
                            .append(fr[0])
                            .append(",")
                            .append(fr[1])
                            .append(",")
                            .append(len)
                            .append(")");
                    expected.add(new long[] {gi, fr[0], fr[1], len});
                }
            }
        }
        List<SqlRow> rows = sql.query("SELECT " + RowGenerator.payloadSql("k", "f", "r", "len") + " AS payload, "
                + RowGenerator.eventTimeMillisSql("b", "f", "r") + " AS t, toString("
                + RowGenerator.contentDigestSql("k", "b", "f", "r", "'ph'", "len", "'f.json'") + ") AS d"
                + " FROM values('k UInt64, b Int64, f UInt32, r UInt32, len UInt32', " + cases + ")");
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            long[] c = expected.get(i);
            RowGenerator g = gens.get((int) c[0]);
            String payload = g.payload(c[1], c[2], (int) c[3]);
            assertThat(rows.get(i).getString("payload")).isEqualTo(payload);
            assertThat(rows.get(i).getLong("t")).isEqualTo(g.eventTimeMillis(c[1], c[2]));
            assertThat(rows.get(i).getString("d"))
                    .isEqualTo(RowDigest.format(g.rowDigest(c[1], c[2], "ph", (int) c[3], "f.json")));
        }
    }
}
