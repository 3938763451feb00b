package dev.cpcheck.emulator.support;

import dev.cpcheck.emulator.S3Endpoint;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Test data as cpcheck writes it: JSONEachRow files of the ground-truth row schema under one key
 * prefix, a destination table with {@code source_file} (from {@code _file}), and the ClickPipe
 * request that connects them, with every destination column in {@code destination.columns} and in
 * the field mappings, as the live API requires.
 */
public final class Fixture implements AutoCloseable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Destination columns and their types, in table order. */
    public static final Map<String, String> COLUMNS = columns();

    public final String table;
    public final String prefix;
    public final String runId;
    private final S3Endpoint s3;
    private final ClickHouseHttp sql;
    private final S3Client client;

    private Fixture(String name, S3Endpoint s3, ClickHouseHttp sql, boolean createTable) {
        this.table = TestEnvironment.unique(name);
        this.prefix = table.replace('_', '-');
        this.runId = table;
        this.s3 = s3;
        this.sql = sql;
        this.client = s3.newClient();
        if (createTable) {
            sql.query("CREATE TABLE " + table + " (run_id String, file_id UInt32, row_id UInt32,"
                    + " phase LowCardinality(String), event_time DateTime64(3), payload String, source_file String)"
                    + " ENGINE = MergeTree ORDER BY (file_id, row_id)");
        }
    }

    /** A fixture on the shared test servers with its destination table created. */
    public static Fixture create(String name) {
        return new Fixture(name, TestEnvironment.s3().endpoint(), TestEnvironment.sql(), true);
    }

    /** A fixture on another S3 server (its bucket {@link TestEnvironment#BUCKET} is created) and the shared ClickHouse. */
    public static Fixture create(String name, dev.cpcheck.emulator.EmbeddedS3 s3) {
        s3.createBucket(TestEnvironment.BUCKET);
        return new Fixture(name, s3.endpoint(), TestEnvironment.sql(), true);
    }

    /** A fixture without a destination table (for managed tables). */
    public static Fixture withoutTable(String name) {
        return new Fixture(name, TestEnvironment.s3().endpoint(), TestEnvironment.sql(), false);
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("run_id", "String");
        c.put("file_id", "UInt32");
        c.put("row_id", "UInt32");
        c.put("phase", "LowCardinality(String)");
        c.put("event_time", "DateTime64(3)");
        c.put("payload", "String");
        c.put("source_file", "String");
        return c;
    }

    public String key(int fileId) {
        return String.format("%s/file-%05d.json", prefix, fileId);
    }

    public String url() {
        return s3.objectUrl(TestEnvironment.BUCKET, prefix + "/*.json");
    }

    /** Writes file {@code fileId} with {@code rows} rows. */
    public void writeFile(int fileId, int rows, String phase) {
        writeKey(key(fileId), fileId, rows, phase);
    }

    /** Writes {@code body} as the object {@code key}. */
    public void writeRaw(String key, String body) {
        client.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromString(body));
    }

    public void writeKey(String key, int fileId, int rows, String phase) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sb.append("{\"run_id\":\"")
                    .append(runId)
                    .append("\",\"file_id\":")
                    .append(fileId)
                    .append(",\"row_id\":")
                    .append(r)
                    .append(",\"phase\":\"")
                    .append(phase)
                    .append("\",\"event_time\":\"")
                    .append(TIME.format(Instant.now()))
                    .append("\",\"payload\":\"p-")
                    .append(fileId)
                    .append('-')
                    .append(r)
                    .append("\"}\n");
        }
        client.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromString(sb.toString()));
    }

    public void writeFiles(int fromInclusive, int toExclusive, int rows, String phase) {
        for (int f = fromInclusive; f < toExclusive; f++) {
            writeFile(f, rows, phase);
        }
    }

    /** A ClickPipePostRequest for this fixture. */
    public Map<String, Object> pipeRequest(int maxFileCount, int pollingIntervalMs) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "pipe-" + table);
        Map<String, Object> objectStorage = new LinkedHashMap<>();
        objectStorage.put("type", "s3");
        objectStorage.put("format", "JSONEachRow");
        objectStorage.put("url", url());
        objectStorage.put("compression", "none");
        objectStorage.put("isContinuous", true);
        objectStorage.put("authentication", "IAM_USER");
        objectStorage.put("accessKey", Map.of("accessKeyId", s3.accessKey(), "secretKey", s3.secretKey()));
        request.put("source", Map.of("objectStorage", objectStorage));
        request.put(
                "destination",
                Map.of(
                        "database",
                        "default",
                        "table",
                        table,
                        "managedTable",
                        false,
                        "columns",
                        COLUMNS.entrySet().stream()
                                .map(c -> Map.of("name", c.getKey(), "type", c.getValue()))
                                .toList()));
        List<Map<String, String>> mappings = new ArrayList<>();
        for (String c : List.of("run_id", "file_id", "row_id", "phase", "event_time", "payload")) {
            mappings.add(Map.of("sourceField", c, "destinationField", c));
        }
        mappings.add(Map.of("sourceField", "_file", "destinationField", "source_file"));
        request.put("fieldMappings", mappings);
        request.put(
                "settings",
                Map.of(
                        "object_storage_polling_interval_ms",
                        pollingIntervalMs,
                        "object_storage_max_file_count",
                        maxFileCount));
        return request;
    }

    public long rows() {
        return Long.parseLong(sql.queryValue("SELECT count() FROM " + table).trim());
    }

    /** Rows beyond the first copy of each (file_id, row_id). */
    public long duplicateRows() {
        return Long.parseLong(sql.queryValue("SELECT count() - uniqExact(file_id, row_id) FROM " + table)
                .trim());
    }

    /** Distinct (file_id, row_id) among the given files. */
    public long distinctRows() {
        return Long.parseLong(sql.queryValue("SELECT uniqExact(file_id, row_id) FROM " + table)
                .trim());
    }

    /** Files whose row count is not {@code rowsPerFile} (0 rows counts too when listed in {@code expectedFiles}). */
    public List<String> filesNotExactlyOnce(int expectedFiles, int rowsPerFile) {
        String body = sql.query("SELECT f, c FROM (SELECT number AS f FROM numbers(" + expectedFiles + ")) AS e"
                + " LEFT JOIN (SELECT file_id, count() AS c FROM " + table + " GROUP BY file_id) AS a"
                + " ON e.f = a.file_id WHERE c != " + rowsPerFile + " ORDER BY f FORMAT TabSeparated");
        return body.lines().filter(l -> !l.isBlank()).toList();
    }

    public ClickHouseHttp sql() {
        return sql;
    }

    @Override
    public void close() {
        client.close();
    }
}
