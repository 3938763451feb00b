package dev.cpcheck.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.schema.Column;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.emulator.EmbeddedClickHouse;
import dev.cpcheck.emulator.EmbeddedS3;
import dev.cpcheck.emulator.S3Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consumer's view: a real ClickHouse (the embedded chdb server) reads the uploaded fixtures
 * with its {@code s3()} table function through the pipe's own URL glob, and sees exactly the
 * manifest: files ({@code _file}), rows per file, ids, row content, and each file's content digest
 * (computed by ClickHouse over the rows exactly as the manifest computed it in Java).
 */
class ClickHouseReadsFixturesIT {
    private static final String BUCKET = "fixtures-ch";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STRUCTURE =
            RowSchema.FILE_COLUMNS.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));

    static EmbeddedS3 s3;
    static EmbeddedClickHouse clickHouse;
    static S3Settings settings;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.builder().start();
        s3.createBucket(BUCKET);
        clickHouse = EmbeddedClickHouse.builder().start();
        S3Endpoint e = s3.endpoint();
        settings = S3Settings.builder()
                .bucket(BUCKET)
                .endpoint(e.url())
                .credentials(e.accessKey(), e.secretKey())
                .region(e.region())
                .build();
    }

    @AfterAll
    static void stop() {
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static List<Arguments> formatsAndCompressions() {
        List<Arguments> all = new ArrayList<>();
        for (FileFormat f : FileFormat.values()) {
            for (Compression c : Compression.values()) {
                all.add(Arguments.of(f, c));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndCompressions")
    void clickHouseSeesExactlyTheManifest(FileFormat format, Compression compression) throws Exception {
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = S3Fixture.open(settings, runId)) {
            FileBatch main =
                    new FileBatch(runId, "initial", 1, 20, 7, 24, format, compression, KeyPlacement.APPEND, 99L);
            FileBatch below =
                    new FileBatch(runId, "late", 21, 2, 3, 24, format, compression, KeyPlacement.BELOW_CHECKPOINT, 99L);
            List<ManifestFile> files = new ArrayList<>(fixture.write(main, UploadOrder.ANY_ORDER, null));
            files.addAll(fixture.write(below));
            assertThat(files).allMatch(f -> f.outcome() == UploadOutcome.OK);
            String url = fixture.pipeSource(format.clickHouseName(), compression.id(), true)
                    .url();
            String source = "s3('" + url + "', '" + s3.endpoint().accessKey() + "', '"
                    + s3.endpoint().secretKey() + "', '" + format.clickHouseName() + "', '" + STRUCTURE + "', '"
                    + compression.id() + "')";

            List<JsonNode> perFile = query("SELECT _file AS f, any(file_id) AS fid, uniqExact(file_id) AS ids, "
                    + "count() AS n, uniqExact(row_id) AS row_ids, min(row_id) AS min_row, max(row_id) AS max_row, "
                    + "any(run_id) AS run, any(phase) AS ph FROM " + source + " GROUP BY f ORDER BY f");
            // _file order is lexicographic: the two below-checkpoint e... files first
            List<ManifestFile> byKey =
                    files.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
            assertThat(perFile).hasSize(22);
            for (int i = 0; i < byKey.size(); i++) {
                ManifestFile m = byKey.get(i);
                JsonNode r = perFile.get(i);
                assertThat(r.get("f").asText()).isEqualTo(m.fileName());
                assertThat(r.get("fid").asLong()).isEqualTo(m.fileId());
                assertThat(r.get("ids").asLong()).isEqualTo(1);
                assertThat(r.get("n").asLong()).isEqualTo(m.rows());
                assertThat(r.get("row_ids").asLong()).isEqualTo(m.rows());
                assertThat(r.get("min_row").asLong()).isEqualTo(1);
                assertThat(r.get("max_row").asLong()).isEqualTo(m.rows());
                assertThat(r.get("run").asText()).isEqualTo(runId);
                assertThat(r.get("ph").asText()).isEqualTo(m.phase());
            }

            // the digest the manifest records is the one ClickHouse computes over the rows as they land
            List<JsonNode> digests = query("SELECT source_file, toString(sum(" + RowDigest.CONTENT_SQL + ")) AS d"
                    + " FROM (SELECT *, _file AS source_file FROM " + source + ") GROUP BY source_file"
                    + " ORDER BY source_file SETTINGS session_timezone = 'UTC'");
            assertThat(digests).hasSize(22);
            for (int i = 0; i < byKey.size(); i++) {
                assertThat(byKey.get(i).digest())
                        .as(byKey.get(i).fileName())
                        .isNotNull()
                        .isEqualTo(digests.get(i).get("d").asText());
                assertThat(byKey.get(i).seed()).isEqualTo(99L);
                assertThat(byKey.get(i).payloadBytes()).isEqualTo(24);
            }

            List<JsonNode> sample =
                    query("SELECT file_id, row_id, toUnixTimestamp64Milli(event_time) AS t, payload FROM " + source
                            + " WHERE row_id = 3 ORDER BY file_id SETTINGS session_timezone = 'UTC'");
            assertThat(sample).hasSize(22);
            for (JsonNode r : sample) {
                FileBatch batch = r.get("file_id").asLong() <= 20 ? main : below;
                FixtureRow expected = Fixtures.row(batch, r.get("file_id").asLong(), 3);
                assertThat(r.get("t").asLong()).isEqualTo(expected.eventTime().toEpochMilli());
                assertThat(r.get("payload").asText()).isEqualTo(expected.payload());
            }
            fixture.deleteAll();
        }
    }

    @Test
    void parquetSchemaIsInferredAsTheTableTypes() throws Exception {
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = S3Fixture.open(settings, runId)) {
            fixture.write(new FileBatch(
                    runId, "initial", 1, 1, 2, 4, FileFormat.PARQUET, Compression.NONE, KeyPlacement.APPEND, 1L));
            String url = fixture.pipeSource("Parquet", "none", true).url();
            List<JsonNode> columns = query("DESCRIBE TABLE s3('" + url + "', '"
                    + s3.endpoint().accessKey() + "', '" + s3.endpoint().secretKey()
                    + "', 'Parquet') SETTINGS schema_inference_make_columns_nullable = 0");
            List<String> described = columns.stream()
                    .map(c -> c.get("name").asText() + " " + c.get("type").asText())
                    .toList();
            assertThat(described)
                    .containsExactly(
                            "run_id String",
                            "file_id UInt32",
                            "row_id UInt32",
                            "phase String",
                            "event_time DateTime64(3, 'UTC')",
                            "payload String");
            assertThat(RowSchema.FILE_COLUMNS)
                    .extracting(Column::name)
                    .containsExactly("run_id", "file_id", "row_id", "phase", "event_time", "payload");
            fixture.deleteAll();
        }
    }

    private static List<JsonNode> query(String sql) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(clickHouse.endpoint().url() + "/?default_format=JSONEachRow"))
                                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }
}
