package dev.cpcheck.emulator.internal.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.emulator.internal.pipe.IngestionSql.TableColumn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestionSqlTest {
    private static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("file_id", "UInt32", ""),
            new TableColumn("payload", "String", ""),
            new TableColumn("source_file", "String", ""),
            new TableColumn("ingested_at", "DateTime64(3)", "DEFAULT"));

    private static StoredPipe spec(String accessKey, List<StoredPipe.FieldMapping> mappings, String format) {
        return new StoredPipe(
                "id",
                "p",
                new StoredPipe.ObjectStorage(
                        "s3",
                        format,
                        "http://h:1/bkt/run/*.json",
                        null,
                        "gzip",
                        true,
                        null,
                        null,
                        null,
                        accessKey == null ? null : "IAM_USER",
                        null,
                        accessKey,
                        "s'ecret"),
                new StoredPipe.Destination("db", "t", false, null, null, null),
                mappings,
                Map.of(),
                null,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void insertIntoTheStagingTableMapsFieldsTypesVirtualColumnsAndRestrictsToTheBatch() {
        String sql = IngestionSql.insert(
                spec(
                        "AK",
                        List.of(
                                new StoredPipe.FieldMapping("file_id", "file_id"),
                                new StoredPipe.FieldMapping("text", "payload"),
                                new StoredPipe.FieldMapping("_file", "source_file")),
                        "JSONEachRow"),
                COLUMNS,
                List.of("run/a.json", "run/it's.json"),
                "`db`.`t_staging`");
        assertThat(sql)
                .isEqualTo("INSERT INTO `db`.`t_staging` (`file_id`, `payload`, `source_file`)\n"
                        + "SELECT `file_id`, `text`, `_file`\n"
                        + "FROM s3('http://h:1/bkt/run/*.json', 'AK', 's\\'ecret', 'JSONEachRow',"
                        + " '`file_id` UInt32, `text` String', 'gzip')\n"
                        + "WHERE _path IN ('bkt/run/a.json', 'bkt/run/it\\'s.json')");
    }

    @Test
    void aBatchIsReadByItsKeysWithoutListingThePrefix() {
        StoredPipe.ObjectStorage source = spec("AK", List.of(), "JSONEachRow").source();
        assertThat(IngestionSql.batchUrl(source, List.of("run/f001.json", "run/f002.json")))
                .isEqualTo("http://h:1/bkt/{run/f001.json,run/f002.json}");
        assertThat(IngestionSql.batchUrl(source, List.of("run/f001.json"))).isEqualTo("http://h:1/bkt/run/f001.json");
        // a key ClickHouse would read as a pattern, or that breaks the {a,b} group, keeps the pipe's URL
        assertThat(IngestionSql.batchUrl(source, List.of("run/f001.json", "run/a,b.json")))
                .isEqualTo("http://h:1/bkt/run/*.json");
        assertThat(IngestionSql.batchUrl(source, List.of("run/f?.json"))).isEqualTo("http://h:1/bkt/run/*.json");
        assertThat(IngestionSql.insert(
                        spec("AK", List.of(new StoredPipe.FieldMapping("file_id", "file_id")), "JSONEachRow"),
                        COLUMNS,
                        List.of("run/f001.json", "run/f002.json"),
                        "s"))
                .contains("FROM s3('http://h:1/bkt/{run/f001.json,run/f002.json}', 'AK'")
                .contains("WHERE _path IN ('bkt/run/f001.json', 'bkt/run/f002.json')");
    }

    @Test
    void withoutMappingsEveryColumnWithoutDefaultComesFromTheSameNamedField() {
        String sql = IngestionSql.insert(spec(null, List.of(), "CSVWithNames"), COLUMNS, List.of("run/a.json"), "s");
        assertThat(sql)
                .contains("(`file_id`, `payload`, `source_file`)")
                .contains("NOSIGN")
                .doesNotContain("ingested_at");
    }

    @Test
    void formatsWithoutNamesLetClickHouseInfer() {
        String sql = IngestionSql.insert(
                spec("AK", List.of(new StoredPipe.FieldMapping("c1", "file_id")), "CSV"),
                COLUMNS,
                List.of("run/a.csv"),
                "s");
        assertThat(sql).contains("'CSV', 'auto', 'gzip'");
    }

    @Test
    void unknownDestinationColumnIsRejected() {
        assertThatThrownBy(() -> IngestionSql.insert(
                        spec("AK", List.of(new StoredPipe.FieldMapping("a", "nope")), "JSONEachRow"),
                        COLUMNS,
                        List.of("k"),
                        "s"))
                .hasMessageContaining("has no column nope");
    }

    @Test
    void compressionNames() {
        assertThat(IngestionSql.clickHouseCompression(null)).isEqualTo("auto");
        assertThat(IngestionSql.clickHouseCompression("gz")).isEqualTo("gzip");
        assertThat(IngestionSql.clickHouseCompression("brotli")).isEqualTo("br");
        assertThat(IngestionSql.clickHouseCompression("LZMA")).isEqualTo("xz");
        assertThat(IngestionSql.clickHouseCompression("none")).isEqualTo("none");
    }

    @Test
    void managedTableDdl() {
        StoredPipe.Destination d = new StoredPipe.Destination(
                "db",
                "t",
                true,
                new StoredPipe.TableDefinition(
                        new StoredPipe.Engine("ReplacingMergeTree", "ver", null),
                        List.of("id", "toDate(ts)"),
                        "toYYYYMM(ts)",
                        null),
                List.of(
                        new StoredPipe.Column("id", "UInt64"),
                        new StoredPipe.Column("ts", "DateTime"),
                        new StoredPipe.Column("ver", "UInt32")),
                null);
        assertThat(IngestionSql.createTable(d))
                .isEqualTo("CREATE TABLE `db`.`t` (`id` UInt64, `ts` DateTime,"
                        + " `ver` UInt32)\nENGINE = ReplacingMergeTree(`ver`)\nORDER BY (`id`, toDate(ts))\n"
                        + "PARTITION BY toYYYYMM(ts)");
        StoredPipe.Destination nullEngine = new StoredPipe.Destination(
                "db",
                "t",
                true,
                new StoredPipe.TableDefinition(new StoredPipe.Engine("Null", null, null), null, null, null),
                List.of(new StoredPipe.Column("id", "UInt64")),
                null);
        assertThat(IngestionSql.createTable(nullEngine)).endsWith("ENGINE = Null");
    }
}
