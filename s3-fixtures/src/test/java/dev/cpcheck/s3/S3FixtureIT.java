package dev.cpcheck.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.s3.testing.FixtureReader;
import dev.cpcheck.s3.testing.S3ProxyServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upload, read back, list and clean up against a real S3Proxy. */
class S3FixtureIT {
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    static List<Arguments> formatsAndCompressions() {
        List<Arguments> all = new ArrayList<>();
        int i = 0;
        for (FileFormat f : FileFormat.values()) {
            for (Compression c : Compression.values()) {
                all.add(Arguments.of(f, c, i++ % 2 == 0 ? UploadOrder.ANY_ORDER : UploadOrder.KEY_ORDER));
            }
        }
        return all;
    }

    static S3Fixture fixture(String runId) {
        return S3Fixture.open(s3.settings().build(), runId);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("formatsAndCompressions")
    void fiftyFilesRoundTripAndMatchTheManifest(FileFormat format, Compression compression, UploadOrder order)
            throws Exception {
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = fixture(runId)) {
            FileBatch batch =
                    new FileBatch(runId, "initial", 1, 50, 20, 32, format, compression, KeyPlacement.APPEND, 11L);
            List<UploadProgress> progress = new CopyOnWriteArrayList<>();
            List<ManifestFile> files = fixture.write(batch, order, progress::add);

            assertThat(files).hasSize(50).allSatisfy(f -> {
                assertThat(f.outcome()).isEqualTo(UploadOutcome.OK);
                assertThat(f.error()).isNull();
                assertThat(f.etag()).isNotBlank();
                assertThat(f.expectation()).isEqualTo(Expectation.INGEST);
                assertThat(f.uploadStartedAt()).isNotNull();
                assertThat(f.uploadFinishedAt()).isAfterOrEqualTo(f.uploadStartedAt());
            });
            assertThat(files)
                    .extracting(ManifestFile::fileId)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 50).boxed().toList());
            assertThat(fixture.listKeys())
                    .containsExactlyElementsOf(
                            files.stream().map(ManifestFile::key).toList());

            for (ManifestFile f : files) {
                byte[] stored = s3.get(f.key());
                assertThat(stored.length).isEqualTo(f.bytes());
                assertThat(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(stored)))
                        .isEqualTo(f.sha256());
                List<FixtureRow> rows = FixtureReader.read(stored, format, compression);
                assertThat(rows).hasSize((int) f.rows());
                assertThat(rows)
                        .extracting(FixtureRow::rowId)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, f.rows()).boxed().toList());
                assertThat(rows).allSatisfy(r -> {
                    assertThat(r.fileId()).isEqualTo(f.fileId());
                    assertThat(r.runId()).isEqualTo(runId);
                    assertThat(r.phase()).isEqualTo(f.phase());
                });
                assertThat(rows.get(7)).isEqualTo(Fixtures.row(batch, f.fileId(), 8));
            }

            UploadProgress last = progress.get(progress.size() - 1);
            assertThat(progress).hasSize(50);
            assertThat(last)
                    .isEqualTo(new UploadProgress(
                            50,
                            50,
                            0,
                            files.stream().mapToLong(ManifestFile::bytes).sum()));
            assertThat(fixture.deleteAll()).isEqualTo(50);
        }
    }

    @Test
    void largeFilesUseMultipartWithinTheMemoryBudgetInBothOrders() throws Exception {
        for (UploadOrder order : UploadOrder.values()) {
            String runId = RunIds.newRunId();
            S3Settings settings = s3.settings()
                    .partSize(S3Settings.MIN_PART_SIZE)
                    .concurrency(4)
                    .bufferBytes(3L * S3Settings.MIN_PART_SIZE)
                    .build();
            try (S3Fixture fixture = S3Fixture.open(settings, runId)) {
                // ~12 MB per file: three parts each, three files competing for three buffers
                FileBatch batch = new FileBatch(
                        runId,
                        "big",
                        1,
                        3,
                        80_000,
                        100,
                        FileFormat.JSON_EACH_ROW,
                        Compression.NONE,
                        KeyPlacement.APPEND,
                        3L);
                List<ManifestFile> files = fixture.write(batch, order, null);
                assertThat(files).allSatisfy(f -> {
                    assertThat(f.outcome()).as(f.error()).isEqualTo(UploadOutcome.OK);
                    assertThat(f.bytes()).isGreaterThan(2L * S3Settings.MIN_PART_SIZE);
                });
                for (ManifestFile f : files) {
                    byte[] stored = s3.get(f.key());
                    assertThat(HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(stored)))
                            .isEqualTo(f.sha256());
                    assertThat(stored)
                            .isEqualTo(Fixtures.plan(fixture.prefix(), batch)
                                    .get((int) f.fileId() - 1)
                                    .toBytes());
                }
                assertThat(s3.client()
                                .listMultipartUploads(
                                        b -> b.bucket(S3ProxyServer.BUCKET).prefix(fixture.prefix()))
                                .join()
                                .uploads())
                        .isEmpty();
                fixture.deleteAll();
            }
        }
    }

    @Test
    void belowCheckpointFilesSortFirstAndAreMarkedIgnored(@TempDir Path dir) {
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = fixture(runId)) {
            FileBatch first = new FileBatch(
                    runId, "initial", 1, 3, 2, 8, FileFormat.CSV_WITH_NAMES, Compression.GZIP, KeyPlacement.APPEND, 1L);
            FileBatch below = new FileBatch(
                    runId,
                    "late",
                    4,
                    2,
                    2,
                    8,
                    FileFormat.CSV_WITH_NAMES,
                    Compression.GZIP,
                    KeyPlacement.BELOW_CHECKPOINT,
                    1L);
            List<ManifestFile> all = new ArrayList<>(fixture.write(first));
            List<ManifestFile> late = fixture.write(below);
            all.addAll(late);
            assertThat(late)
                    .allSatisfy(f -> assertThat(f.expectation()).isEqualTo(Expectation.IGNORE_BELOW_CHECKPOINT));
            assertThat(fixture.listKeys())
                    .containsExactly(
                            late.get(0).key(),
                            late.get(1).key(),
                            all.get(0).key(),
                            all.get(1).key(),
                            all.get(2).key());
            assertThat(late.get(0).fileName()).isEqualTo("e00000004.csv.gz");

            // the manifest written to the run folder reads back into the same model
            Manifest manifest = Manifest.start(
                            runId,
                            fixture.providerId(),
                            fixture.bucket(),
                            fixture.prefix(),
                            "CSVWithNames",
                            "gzip",
                            Instant.now())
                    .withFiles(all);
            manifest.write(dir.resolve("manifest.json"));
            assertThat(Manifest.read(dir.resolve("manifest.json"))).isEqualTo(manifest);
            assertThat(manifest.expectedFiles()).hasSize(3);
            fixture.deleteAll();
        }
    }

    @Test
    void runsNeverSeeEachOthersKeys() {
        String a = RunIds.newRunId();
        String b = a.substring(0, 16) + (a.charAt(16) == 'f' ? '0' : 'f') + a.substring(17);
        try (S3Fixture fa = fixture(a);
                S3Fixture fb = fixture(b)) {
            fa.write(new FileBatch(
                    a, "initial", 1, 4, 1, 4, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND, 1L));
            fb.write(new FileBatch(
                    b, "initial", 1, 6, 1, 4, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND, 1L));
            assertThat(fa.listKeys()).hasSize(4).allMatch(k -> k.startsWith("cpcheck/" + a + "/"));
            assertThat(fb.listKeys()).hasSize(6).allMatch(k -> k.startsWith("cpcheck/" + b + "/"));
            assertThat(fa.pipeSource("JSONEachRow", "none", true).url()).contains("/cpcheck/" + a + "/*.json");
            assertThatThrownBy(() -> fa.write(new FileBatch(
                            b, "x", 7, 1, 1, 1, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND, 1L)))
                    .hasMessageContaining("run " + b);

            assertThat(fa.deleteAll()).isEqualTo(4);
            assertThat(fa.listKeys()).isEmpty();
            assertThat(fb.listKeys()).hasSize(6);
            fb.deleteAll();
        }
    }

    @Test
    void cleanupDeletesInBatchesLeavesNothingAndIsIdempotent() {
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = fixture(runId)) {
            List<ManifestFile> files = fixture.write(
                    new FileBatch(
                            runId,
                            "initial",
                            1,
                            1001,
                            1,
                            0,
                            FileFormat.TSV_WITH_NAMES,
                            Compression.NONE,
                            KeyPlacement.APPEND,
                            1L),
                    UploadOrder.ANY_ORDER,
                    null);
            assertThat(files).allMatch(f -> f.outcome() == UploadOutcome.OK);
            assertThat(s3.keys(fixture.prefix())).hasSize(1002).contains(Fixtures.markerKey(fixture.prefix()));

            assertThat(fixture.deleteAll()).isEqualTo(1001);
            assertThat(s3.keys(fixture.prefix())).isEmpty();
            assertThat(fixture.deleteAll()).isZero();
            assertThat(S3Fixture.deleteRunPrefix(s3.settings().build(), fixture.prefix()))
                    .isZero();
        }
    }

    @Test
    void cleanupAbortsTheRunsUnfinishedMultipartUploadsAndNoOneElses() {
        String runId = RunIds.newRunId();
        String other = "cpcheck/" + RunIds.newRunId() + "/";
        try (S3Fixture fixture = fixture(runId)) {
            fixture.write(new FileBatch(
                    runId, "initial", 1, 2, 1, 0, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND, 1L));
            // a large file cut off mid-upload: started, one part sent, never completed
            String mine = startUnfinishedUpload(fixture.prefix() + "f00000003.json");
            String theirs = startUnfinishedUpload(other + "big.json");
            assertThat(uploadIds(fixture.prefix())).contains(mine);

            fixture.deleteAll();

            assertThat(uploadIds(fixture.prefix()))
                    .as("the run's unfinished uploads")
                    .isEmpty();
            assertThat(uploadIds(other))
                    .as("another run's upload is not ours to abort")
                    .containsExactly(theirs);
            // a second cleanup is a no-op, also for uploads
            fixture.deleteAll();
            assertThat(uploadIds(fixture.prefix())).isEmpty();
        } finally {
            uploadIds(other)
                    .forEach(id -> s3.client()
                            .abortMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET)
                                    .key(other + "big.json")
                                    .uploadId(id))
                            .join());
        }
    }

    /**
     * A run interrupted while large files are being sent, cleaned up right away as a run's own
     * cleanup does: the multipart uploads that were started (some of whose ids the interrupted
     * writer never learnt) must not outlive the cleanup.
     */
    @Test
    void anInterruptedMultipartWriteLeavesNoUploadAfterCleanup() throws Exception {
        String runId = RunIds.newRunId();
        S3Settings settings =
                s3.settings().partSize(S3Settings.MIN_PART_SIZE).concurrency(4).build();
        try (S3Fixture fixture = S3Fixture.open(settings, runId)) {
            FileBatch batch = new FileBatch(
                    runId,
                    "big",
                    1,
                    8,
                    150_000,
                    100,
                    FileFormat.JSON_EACH_ROW,
                    Compression.NONE,
                    KeyPlacement.APPEND,
                    3L);
            java.util.concurrent.atomic.AtomicReference<List<ManifestFile>> written =
                    new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.CountDownLatch partsSent = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> written.set(fixture.write(batch, UploadOrder.ANY_ORDER, p -> {
                if (p.bytesUploaded() >= S3Settings.MIN_PART_SIZE) {
                    partsSent.countDown();
                }
            })));
            writer.start();
            assertThat(partsSent.await(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as("a first part reached the store")
                    .isTrue();
            writer.interrupt();
            writer.join(60_000);
            assertThat(written.get()).as("the write returned").isNotNull();

            fixture.deleteAll();

            assertThat(uploadIds(fixture.prefix()))
                    .as("unfinished uploads after cleanup")
                    .isEmpty();
            assertThat(s3.keys(fixture.prefix())).isEmpty();
        }
    }

    private static String startUnfinishedUpload(String key) {
        String id = s3.client()
                .createMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key(key))
                .join()
                .uploadId();
        s3.client()
                .uploadPart(
                        b -> b.bucket(S3ProxyServer.BUCKET)
                                .key(key)
                                .uploadId(id)
                                .partNumber(1),
                        software.amazon.awssdk.core.async.AsyncRequestBody.fromString("{\"a\":1}\n"))
                .join();
        return id;
    }

    /** Upload ids of unfinished multipart uploads whose keys start with {@code prefix}, as S3 lists them. */
    private static List<String> uploadIds(String prefix) {
        return s3
                .client()
                .listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(prefix))
                .join()
                .uploads()
                .stream()
                .filter(u -> u.key().startsWith(prefix))
                .map(software.amazon.awssdk.services.s3.model.MultipartUpload::uploadId)
                .toList();
    }

    @Test
    void cleanupRefusesPrefixesItDidNotWrite() {
        S3Settings settings = s3.settings().build();
        String foreign = "cpcheck/" + RunIds.newRunId() + "/";
        s3.put(foreign + "important.csv", "keep me");
        s3.put("cpcheck/other.csv", "keep me too");

        assertThatThrownBy(() -> S3Fixture.deleteRunPrefix(settings, "cpcheck/"))
                .isInstanceOf(ForeignPrefixException.class)
                .hasMessageContaining("not a run prefix");
        assertThatThrownBy(() -> S3Fixture.deleteRunPrefix(settings, "")).isInstanceOf(ForeignPrefixException.class);
        assertThatThrownBy(() -> S3Fixture.deleteRunPrefix(settings, foreign.substring(0, foreign.length() - 1)))
                .isInstanceOf(ForeignPrefixException.class);
        assertThatThrownBy(() -> S3Fixture.deleteRunPrefix(settings, foreign))
                .isInstanceOf(ForeignPrefixException.class)
                .hasMessageContaining("no run marker");
        assertThat(s3.keys(foreign)).containsExactly(foreign + "important.csv");

        // a marker naming another run does not count
        s3.put(Fixtures.markerKey(foreign), "20200101-000000-000000\n");
        assertThatThrownBy(() -> S3Fixture.deleteRunPrefix(settings, foreign))
                .isInstanceOf(ForeignPrefixException.class)
                .hasMessageContaining("names run");
        assertThat(s3.keys("cpcheck/other.csv")).hasSize(1);
        assertThat(s3.keys(foreign)).hasSize(2);
    }

    @Test
    void aMissingBucketFailsEveryFileWithTheStoresError() {
        String runId = RunIds.newRunId();
        try (S3Fixture fixture = S3Fixture.open(
                s3.settings().bucket("no-such-bucket").maxAttempts(2).build(), runId)) {
            List<ManifestFile> files = fixture.write(new FileBatch(
                    runId, "initial", 1, 3, 1, 1, FileFormat.JSON_EACH_ROW, Compression.NONE, KeyPlacement.APPEND, 1L));
            assertThat(files).hasSize(3).allSatisfy(f -> {
                assertThat(f.outcome()).isEqualTo(UploadOutcome.FAILED);
                assertThat(f.error()).contains("NoSuchBucket");
                assertThat(f.error()).doesNotContain(S3ProxyServer.SECRET_KEY);
            });
        }
    }

    @Test
    void theProviderWritesThroughTheSameCode() {
        String runId = RunIds.newRunId();
        Map<String, String> config = Map.of(
                "S3_BUCKET",
                S3ProxyServer.BUCKET,
                "S3_PREFIX",
                "provider-test",
                "S3_ENDPOINT",
                s3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID",
                S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                S3ProxyServer.SECRET_KEY);
        try (SourceFixture source =
                ProviderRegistry.sourceProviders().get("s3").create(new SourceContext(runId, config))) {
            List<ManifestFile> files = source.write(new FileBatch(
                    runId, "initial", 1, 3, 3, 16, FileFormat.PARQUET, Compression.ZSTD, KeyPlacement.APPEND, 5L));
            assertThat(files).allMatch(f -> f.outcome() == UploadOutcome.OK);
            assertThat(source.listKeys())
                    .containsExactly(
                            "provider-test/" + runId + "/f00000001.parquet.zst",
                            "provider-test/" + runId + "/f00000002.parquet.zst",
                            "provider-test/" + runId + "/f00000003.parquet.zst");
            assertThat(source.pipeSource("Parquet", "zstd", true).url())
                    .isEqualTo(s3.endpoint() + "/fixtures/provider-test/" + runId + "/*.parquet.zst");
            assertThat(source.deleteAll()).isEqualTo(3);
        }
    }
}
