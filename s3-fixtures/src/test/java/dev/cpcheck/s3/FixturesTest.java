package dev.cpcheck.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.KeyTemplate;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.s3.testing.FixtureReader;
import dev.cpcheck.s3.testing.ParquetTestReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FixturesTest {
    static final String RUN = "20261123-213000-3fa9c1";
    static final String PREFIX = "cpcheck/" + RUN + "/";

    static FileBatch batch(FileFormat format, Compression compression, long seed) {
        return new FileBatch(RUN, "initial", 1, 3, 25, 40, format, compression, KeyPlacement.APPEND, seed);
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

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(Fixtures.runPrefix("cpcheck", RUN)).isEqualTo(PREFIX);
        assertThat(Fixtures.runPrefix("/a/b/", RUN)).isEqualTo("a/b/" + RUN + "/");
        assertThat(Fixtures.runPrefix("", RUN)).isEqualTo(RUN + "/");
        assertThat(Fixtures.key(PREFIX, 7, FileFormat.JSON_EACH_ROW, Compression.GZIP, KeyPlacement.APPEND))
                .isEqualTo("cpcheck/20261123-213000-3fa9c1/f00000007.json.gz");
        assertThat(Fixtures.key(PREFIX, 10, FileFormat.PARQUET, Compression.NONE, KeyPlacement.BELOW_CHECKPOINT))
                .isEqualTo("cpcheck/20261123-213000-3fa9c1/e00000010.parquet");
        assertThat(Fixtures.markerKey(PREFIX)).isEqualTo(PREFIX + ".cpcheck-run");
        FixtureFile f = Fixtures.plan(PREFIX, batch(FileFormat.CSV_WITH_NAMES, Compression.ZSTD, 1))
                .get(2);
        assertThat(f.fileName()).isEqualTo("f00000003.csv.zst");
        assertThat(f.fileId()).isEqualTo(3);
    }

    @Test
    void keysSortInCreationOrderAndBelowCheckpointKeysSortFirstButMatchTheGlob() {
        List<String> created = new ArrayList<>();
        for (long id : new long[] {1, 2, 9, 10, 99, 100, 12345, 99_999_999}) {
            created.add(Fixtures.key(PREFIX, id, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND));
        }
        assertThat(created).isSorted();
        String below = Fixtures.key(
                PREFIX, 100_000 - 1, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.BELOW_CHECKPOINT);
        assertThat(created).allSatisfy(k -> assertThat(below.compareTo(k)).isNegative());

        Pattern glob = globRegex(Fixtures.keyGlob(PREFIX, FileFormat.JSON_EACH_ROW, Compression.NONE));
        assertThat(created).allMatch(k -> glob.matcher(k).matches());
        assertThat(glob.matcher(below).matches()).isTrue();
        assertThat(glob.matcher(Fixtures.markerKey(PREFIX)).matches()).isFalse();
        assertThat(glob.matcher(PREFIX + "f00000001.json.gz").matches()).isFalse();
        assertThat(glob.matcher("cpcheck/20261123-213000-aaaaaa/f00000001.json").matches())
                .isFalse();
    }

    @Test
    void aKeyTemplateNamesThePlannedFilesAndTheRunGlobStillCoversThem() {
        KeyTemplate template = KeyTemplate.parse("events-{id:3}-x");
        FileBatch batch = new FileBatch(
                RUN,
                "initial",
                98,
                3,
                2,
                0,
                FileFormat.JSON_EACH_ROW,
                Compression.GZIP,
                KeyPlacement.APPEND,
                1,
                template);
        List<FixtureFile> files = Fixtures.plan(PREFIX, batch);
        assertThat(files)
                .extracting(FixtureFile::fileName)
                .containsExactly("events-098-x.json.gz", "events-099-x.json.gz", "events-100-x.json.gz");
        String below = Fixtures.key(
                PREFIX, 101, FileFormat.JSON_EACH_ROW, Compression.GZIP, KeyPlacement.BELOW_CHECKPOINT, template);
        assertThat(below).isEqualTo(PREFIX + "dvents-101-x.json.gz");
        Pattern glob = globRegex(Fixtures.keyGlob(PREFIX, FileFormat.JSON_EACH_ROW, Compression.GZIP));
        assertThat(files).allMatch(f -> glob.matcher(f.key()).matches());
        assertThat(glob.matcher(below).matches()).isTrue();
        assertThat(files).allSatisfy(f -> assertThat(below).isLessThan(f.key()));
        // the rows do not depend on the names: same content as the default template
        FileBatch plain = new FileBatch(
                RUN, "initial", 98, 3, 2, 0, FileFormat.JSON_EACH_ROW, Compression.GZIP, KeyPlacement.APPEND, 1);
        assertThat(files.get(0).toBytes())
                .isEqualTo(Fixtures.plan(PREFIX, plain).get(0).toBytes());
        FileBatch tooMany = new FileBatch(
                RUN,
                "initial",
                999,
                2,
                2,
                0,
                FileFormat.JSON_EACH_ROW,
                Compression.GZIP,
                KeyPlacement.APPEND,
                1,
                template);
        assertThatThrownBy(() -> Fixtures.plan(PREFIX, tooMany))
                .hasMessageContaining("exceed 999")
                .hasMessageContaining("events-{id:3}-x");
    }

    @Test
    void rejectsWhatWouldBreakOrderingOrTheGlob() {
        assertThatThrownBy(() -> Fixtures.key(
                        PREFIX, 100_000_000, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 digits");
        assertThatThrownBy(() -> Fixtures.runPrefix("cpcheck", "not-a-run")).hasMessageContaining("not a run id");
        assertThatThrownBy(() -> Fixtures.runPrefix("data/*", RUN)).hasMessageContaining("not usable");
        assertThatThrownBy(() -> Fixtures.runPrefix("a//b", RUN)).hasMessageContaining("not usable");
        FileBatch other = new FileBatch(
                "20261123-213000-bbbbbb",
                "p",
                1,
                1,
                1,
                0,
                FileFormat.JSON_EACH_ROW,
                Compression.NONE,
                KeyPlacement.APPEND,
                1);
        assertThatThrownBy(() -> Fixtures.plan(PREFIX, other)).hasMessageContaining("cannot be written under");
        assertThat(Fixtures.runIdOf(PREFIX)).contains(RUN);
        assertThat(Fixtures.runIdOf("cpcheck/")).isEmpty();
        assertThat(Fixtures.runIdOf("cpcheck/" + RUN)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("formatsAndCompressions")
    void sameSeedGivesIdenticalBytesAndOtherSeedOtherBytes(FileFormat format, Compression compression) {
        FixtureFile a = Fixtures.plan(PREFIX, batch(format, compression, 42)).get(1);
        FixtureFile b = Fixtures.plan(PREFIX, batch(format, compression, 42)).get(1);
        FixtureFile c = Fixtures.plan(PREFIX, batch(format, compression, 43)).get(1);
        assertThat(a.toBytes()).isEqualTo(b.toBytes());
        assertThat(a.toBytes()).isNotEqualTo(c.toBytes());
    }

    @ParameterizedTest
    @MethodSource("formatsAndCompressions")
    void everyFormatReadsBackToTheDocumentedRows(FileFormat format, Compression compression) {
        FileBatch batch = batch(format, compression, 7);
        for (FixtureFile f : Fixtures.plan(PREFIX, batch)) {
            List<FixtureRow> rows = FixtureReader.read(f.toBytes(), format, compression);
            List<FixtureRow> expected = LongStream.rangeClosed(1, batch.rowsPerFile())
                    .mapToObj(r -> Fixtures.row(batch, f.fileId(), r))
                    .toList();
            assertThat(rows).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void callerGivenStringsAreEscapedForTheFormat(FileFormat format) {
        String phase = "a \"quoted\", tab\there\\ new\nline é";
        FileBatch batch = new FileBatch(RUN, phase, 5, 1, 3, 0, format, Compression.NONE, KeyPlacement.APPEND, 1);
        List<FixtureRow> rows =
                FixtureReader.read(Fixtures.plan(PREFIX, batch).get(0).toBytes(), format, Compression.NONE);
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.phase()).isEqualTo(phase);
            assertThat(r.payload()).isEmpty();
        });
    }

    @Test
    void rowValuesAreStableAcrossVersions() {
        // Pinned: a change here changes every fixture ever written; bump deliberately.
        FileBatch batch = batch(FileFormat.JSON_EACH_ROW, Compression.NONE, 42);
        FixtureRow row = Fixtures.row(batch, 2, 3);
        assertThat(row.payload()).hasSize(40).matches("[A-Za-z0-9_-]+");
        assertThat(row.eventTime())
                .isBetween(Instant.parse("2026-11-23T21:30:01Z"), Instant.parse("2026-11-23T21:30:03Z"));
        assertThat(Fixtures.row(batch, 2, 3)).isEqualTo(row);
        assertThat(Fixtures.row(batch, 2, 4).payload()).isNotEqualTo(row.payload());
        assertThat(Fixtures.row(batch, 3, 3).payload()).isNotEqualTo(row.payload());
        String json = new String(Fixtures.plan(PREFIX, batch).get(0).toBytes(), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
        assertThat(json)
                .startsWith("{\"run_id\":\"" + RUN + "\",\"file_id\":1,\"row_id\":1,\"phase\":\"initial\","
                        + "\"event_time\":\"2026-11-23 21:30:00.");
    }

    @Test
    void textFormatsLookLikeClickHouseOutput() {
        FileBatch csv = new FileBatch(
                RUN, "paused", 4, 1, 1, 5, FileFormat.CSV_WITH_NAMES, Compression.NONE, KeyPlacement.APPEND, 9);
        String text = new String(Fixtures.plan(PREFIX, csv).get(0).toBytes(), StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("\"run_id\",\"file_id\",\"row_id\",\"phase\",\"event_time\",\"payload\"\n\"" + RUN
                        + "\",4,1,\"paused\",\"2026-11-23 21:30:03.");
        FileBatch tsv = new FileBatch(
                RUN, "paused", 4, 1, 1, 5, FileFormat.TSV_WITH_NAMES, Compression.NONE, KeyPlacement.APPEND, 9);
        assertThat(new String(Fixtures.plan(PREFIX, tsv).get(0).toBytes(), StandardCharsets.UTF_8))
                .startsWith("run_id\tfile_id\trow_id\tphase\tevent_time\tpayload\n" + RUN
                        + "\t4\t1\tpaused\t2026-11-23 21:30:03.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parquetSchemaCarriesTheLogicalTypesClickHouseMapsToTheTableTypes() {
        FileBatch batch = batch(FileFormat.PARQUET, Compression.NONE, 1);
        Map<Integer, Object> footer =
                ParquetTestReader.footer(Fixtures.plan(PREFIX, batch).get(0).toBytes());
        List<Object> schema = (List<Object>) footer.get(2);
        Map<Integer, Object> fileId = (Map<Integer, Object>) schema.get(2);
        assertThat(new String((byte[]) fileId.get(4), StandardCharsets.UTF_8)).isEqualTo("file_id");
        assertThat(fileId.get(1)).isEqualTo(1L); // INT32
        assertThat(fileId.get(3)).isEqualTo(0L); // REQUIRED
        assertThat(fileId.get(6)).isEqualTo(13L); // UINT_32
        Map<Integer, Object> intType = (Map<Integer, Object>) ((Map<Integer, Object>) fileId.get(10)).get(10);
        assertThat(intType).containsEntry(1, 32L).containsEntry(2, false);
        Map<Integer, Object> eventTime = (Map<Integer, Object>) schema.get(5);
        assertThat(eventTime.get(1)).isEqualTo(2L); // INT64
        assertThat(eventTime.get(6)).isEqualTo(9L); // TIMESTAMP_MILLIS
        Map<Integer, Object> ts = (Map<Integer, Object>) ((Map<Integer, Object>) eventTime.get(10)).get(8);
        assertThat(ts).containsEntry(1, true).containsKey(2);
        Map<Integer, Object> payload = (Map<Integer, Object>) schema.get(6);
        assertThat(payload.get(1)).isEqualTo(6L); // BYTE_ARRAY
        assertThat(payload.get(6)).isEqualTo(0L); // UTF8
        assertThat(footer.get(3)).isEqualTo(25L);
    }

    /** ClickHouse glob semantics for the patterns we generate: '*' is any run of non-'/' chars. */
    static Pattern globRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            sb.append(c == '*' ? "[^/]*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString());
    }
}
