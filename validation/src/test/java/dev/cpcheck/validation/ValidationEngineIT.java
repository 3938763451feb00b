package dev.cpcheck.validation;

import static dev.cpcheck.validation.testing.CraftedRun.T0;
import static dev.cpcheck.validation.testing.CraftedRun.cleanLanding;
import static dev.cpcheck.validation.testing.CraftedRun.fileName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.testing.CraftedRun;
import dev.cpcheck.validation.testing.TestClickHouse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in checks against crafted tables in a real ClickHouse: each test lands the rows a
 * pipe with one particular fault would have written and asserts every check's status, counts and
 * witnesses, and the verdict.
 */
class ValidationEngineIT {
    private static final DeliveryGuarantee EO = DeliveryGuarantee.EXACTLY_ONCE;
    private static final DeliveryGuarantee ALO = DeliveryGuarantee.AT_LEAST_ONCE;

    @Test
    void cleanRunPassesEveryCheck() {
        CraftedRun run = CraftedRun.seed("clean").landClean();
        ValidationResult r = run.validate(EO);

        assertThat(statuses(r))
                .containsExactly(
                        Map.entry("duplicates", CheckStatus.PASS),
                        Map.entry("completeness", CheckStatus.PASS),
                        Map.entry("unexpected-rows", CheckStatus.PASS),
                        Map.entry("row-content", CheckStatus.PASS),
                        Map.entry("paused-window", CheckStatus.PASS),
                        Map.entry("resume-continuity", CheckStatus.PASS),
                        Map.entry("timeline", CheckStatus.PASS));
        CheckResult completeness = check(r, "completeness");
        assertThat(completeness.metricLong("expected_files")).isEqualTo(12);
        assertThat(completeness.metricLong("ingested_files")).isEqualTo(12);
        assertThat(completeness.metricLong("ingested_rows")).isEqualTo(36);
        assertThat(completeness.summary()).startsWith("12/12 files, 36/36 rows ingested");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.witnesses()).isEmpty());
        assertThat(check(r, "paused-window").metricLong("windows")).isEqualTo(1);
        assertThat(check(r, "paused-window").metricLong("judged_windows")).isEqualTo(1);
        assertThat(check(r, "resume-continuity").summary())
                .isEqualTo("the pipe continued from its checkpoint: resume 1 (10:01:00.000Z): 6 files landed after it"
                        + " and none of the 6 files that landed before it landed again (every row compared by its"
                        + " (file, row) key)");
        assertThat(check(r, "row-content").summary())
                .isEqualTo("every row holds what was written: 12 files match the" + " manifest's digest");
        assertThat(check(r, "paused-window").summary())
                .startsWith("nothing landed while paused: window 1 (10:00:31.000Z–10:01:00.000Z, 29.0 s): no row's"
                        + " landing lies inside it [landing times from the ingested_at column");
        CheckResult timeline = check(r, "timeline");
        assertThat(timeline.metricLong("rows")).isEqualTo(36);
        assertThat(timeline.metrics())
                .containsEntry("counted_by", "ledger")
                .containsEntry("rows_by_label", Map.of("pre-pause", 18L, "post-resume", 18L));
        assertThat(r.observed())
                .containsEntry("files", 12L)
                .containsEntry("rows", 36L)
                .containsEntry("manifest_transport", "external-table")
                .containsEntry("rows_compared_by", "content")
                .containsEntry("files_matching_manifest", 12L)
                .containsEntry("files_read_row_by_row", 0L)
                .containsEntry("row_detail", "none")
                .containsEntry("timestamp_source", "ingested_at_column");
        assertThat(r.guidance())
                .first()
                .asString()
                .startsWith("Safe to pause and resume this ClickPipe")
                .contains("12 of 12 files and 36 of 36 rows ingested exactly once, each row as written");
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.PASS);
        run.drop();
    }

    @Test
    void fileIngestedTwiceIsDuplicatedAndAWarningUnderAtLeastOnce() {
        CraftedRun run =
                CraftedRun.seed("twice").landClean().land(3, cleanLanding(3).plusMillis(500));
        ValidationResult r = run.validate(EO);

        CheckResult dup = check(r, "duplicates");
        assertThat(dup.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dup.metricLong("duplicated_files")).isEqualTo(1);
        assertThat(dup.metricLong("file_surplus_rows")).isEqualTo(3);
        assertThat(dup.metricLong("duplicated_keys")).isEqualTo(3);
        assertThat(dup.hint()).contains("ReplacingMergeTree");
        assertThat(others(r, "duplicates"))
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.guidance())
                .anySatisfy(g -> assertThat(g)
                        .startsWith("Duplicates: implement deduplication")
                        .contains("ReplacingMergeTree")
                        .contains("1 file ingested more than once (3 surplus rows, e.g. f000003.json)"));

        ValidationResult alo = run.validate(ALO);
        assertThat(check(alo, "duplicates").status()).isEqualTo(CheckStatus.WARN);
        assertThat(run.report(alo, ALO).verdict()).isEqualTo(Verdict.PASS);
        assertThat(alo.guidance()).first().asString().startsWith("Duplicates occur (allowed under at-least-once");
        run.drop();
    }

    @Test
    void lastFileNotIngestedYetIsInconclusiveNotLoss() {
        CraftedRun run = CraftedRun.seed("missing").landCleanExcept(12);
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "completeness");
        assertThat(c.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(c.metricLong("lost_files")).isZero();
        assertThat(c.metricLong("missing_files")).isEqualTo(1);
        assertThat(c.witnesses())
                .extracting(Witness::anomaly, Witness::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("missing", "f000012.json"));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.guidance()).anySatisfy(g -> assertThat(g).startsWith("Not decided: completeness"));
        run.drop();
    }

    @Test
    void rowsFromAFileTheRunNeverWroteAreUnexpected() {
        CraftedRun run = CraftedRun.seed("unknown")
                .shared()
                .landClean()
                .landRows("stray.json", 99, 1, 6, T0.plusSeconds(20), null)
                .landRows(fileName(1), 1, 1, 4, T0.plusSeconds(20), "some-other-run");
        ValidationResult r = run.validate(EO);
        CheckResult u = check(r, "unexpected-rows");
        assertThat(u.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(u.metricLong("unexpected_rows")).isEqualTo(5);
        assertThat(u.metricLong("unexpected_files")).isEqualTo(1);
        assertThat(u.metricLong("unknown_file_ids")).isEqualTo(1);
        assertThat(u.metricLong("rows_of_other_runs")).isEqualTo(3);
        assertThat(u.metricLong("other_runs")).isEqualTo(1);
        assertThat(u.witnesses()).hasSize(5).allSatisfy(w -> {
            assertThat(w.file()).isEqualTo("stray.json");
            assertThat(w.fileId()).isEqualTo(99L);
            assertThat(w.detail()).endsWith("with file_id 99, which no file of the manifest has");
        });
        assertThat(u.witnesses()).extracting(Witness::rowId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(u.summary())
                .isEqualTo("5 rows no file of the run wrote, under 1 file id; 3 rows of 1 other run ignored"
                        + " (shared table)");
        assertThat(others(r, "unexpected-rows"))
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(CheckStatus.PASS));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        run.drop();
    }

    @Test
    void withTwoPausesAFileThatLandedBetweenThemAndAgainAfterTheSecondResumeIsNamedForResumeTwo() {
        // file 8 first landed at T0+63 s (after resume 1, before pause 2) and again at T0+82 s (after resume 2)
        CraftedRun run = CraftedRun.seed("twopauses").secondPause().landClean().land(8, T0.plusSeconds(82));
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "resume-continuity");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("resumes")).isEqualTo(2);
        assertThat(c.metricLong("reingested_files")).isEqualTo(1);
        assertThat(c.metricLong("reingested_rows")).isEqualTo(3);
        assertThat(c.witnesses()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(fileName(8));
            assertThat(w.detail()).contains("3 after resume 2").doesNotContain("resume 1");
        });
        assertThat(c.summary()).contains("resume 2 (10:01:20.000Z): 3 rows").doesNotContain("resume 1 (");
        assertThat(check(r, "duplicates").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(r, "paused-window").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
    }

    @Test
    void withTwoPausesRowsInsideOnlyTheSecondWindowAreNamedForWindowTwo() {
        // file 12 lands at T0+75 s: inside paused window 2 (Stopped seen T0+71 s, resume T0+80 s), not window 1
        CraftedRun run =
                CraftedRun.seed("window2").secondPause().landCleanExcept(12).land(12, T0.plusSeconds(75));
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "paused-window");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("windows")).isEqualTo(2);
        assertThat(c.metricLong("paused_rows")).isEqualTo(3);
        assertThat(c.metricLong("paused_files")).isEqualTo(1);
        assertThat(c.witnesses()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(fileName(12));
            assertThat(w.detail()).endsWith("inside paused window 2");
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> windows =
                (List<Map<String, Object>>) c.metrics().get("window_details");
        assertThat(windows)
                .extracting(m -> ((Number) m.get("rows")).longValue())
                .containsExactly(0L, 3L);
        // nothing landed after the second resume: it shows nothing about the checkpoint
        assertThat(check(r, "resume-continuity").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(r, "resume-continuity").summary())
                .contains("resume 2 (10:01:20.000Z): nothing landed after it")
                .contains("resume 1 (10:01:00.000Z): 5 files landed after it");
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
    }

    @Test
    void witnessesStopAt32PerCheckWhileTheCountsStayComplete() {
        CraftedRun run = CraftedRun.seed("many").landClean();
        // files 13-52 written and never ingested although later keys were (lost); 53-92 ingested twice
        for (long id = 13; id <= 92; id++) {
            run.manifestEntry(run.file(id, "resumed", UploadOutcome.OK, Expectation.INGEST));
        }
        for (long id = 53; id <= 92; id++) {
            run.land(id, T0.plusSeconds(70)).land(id, T0.plusSeconds(75));
        }
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "completeness");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("lost_files")).isEqualTo(40);
        assertThat(c.witnesses())
                .hasSize(32)
                .allSatisfy(w -> assertThat(w.anomaly()).isEqualTo("lost"));
        assertThat(c.witnesses().get(0).file()).isEqualTo(fileName(13));
        assertThat(c.witnessCount()).isEqualTo(40);
        CheckResult d = check(r, "duplicates");
        assertThat(d.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(d.metricLong("duplicated_files")).isEqualTo(40);
        assertThat(d.metricLong("whole_files_duplicated")).isEqualTo(40);
        assertThat(d.metricLong("duplicated_keys")).isEqualTo(120);
        assertThat(d.witnesses()).hasSize(32);
        assertThat(d.witnessCount()).isEqualTo(40);
        run.drop();
    }

    @Test
    void rowsOfAnotherRunInTheRunsOwnTableFailOnlyThere() {
        CraftedRun own = CraftedRun.seed("foreign")
                .landClean()
                .landRows("f000001.json", 1, 1, 4, T0.plusSeconds(20), "other-run-a")
                .landRows("f000002.json", 2, 1, 3, T0.plusSeconds(20), "other-run-b");
        ValidationResult r = own.validate(EO);
        CheckResult u = check(r, "unexpected-rows");
        assertThat(u.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(u.metricLong("unexpected_rows")).isZero();
        assertThat(u.metricLong("rows_of_other_runs")).isEqualTo(5);
        assertThat(u.metricLong("other_runs")).isEqualTo(2);
        assertThat(u.summary()).isEqualTo("5 rows of 2 other runs in the run's own table");
        assertThat(u.witnesses())
                .containsExactly(
                        Witness.ofFile(
                                "other-run", "f000001.json", null, "3 rows of run other-run-a in this run's own table"),
                        Witness.ofFile(
                                "other-run",
                                "f000002.json",
                                null,
                                "2 rows of run other-run-b in this run's own table"));
        assertThat(u.hint()).contains("beyond the run's prefix");
        assertThat(others(r, "unexpected-rows"))
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(CheckStatus.PASS));
        assertThat(own.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);

        // the same rows in the table of an adopted pipe are other runs' business
        ValidationResult shared = own.shared().validate(EO);
        CheckResult s = check(shared, "unexpected-rows");
        assertThat(s.status()).isEqualTo(CheckStatus.PASS);
        assertThat(s.summary()).endsWith("; 5 rows of 2 other runs ignored (shared table)");
        assertThat(s.witnesses()).isEmpty();
        own.drop();
    }

    @Test
    void rowsOfAKnownFileIdFromAnotherFileAreUnexpectedNotDuplicates() {
        CraftedRun run =
                CraftedRun.seed("mixed").landClean().landRows("f000003-copy.json", 3, 1, 4, T0.plusSeconds(20), null);
        ValidationResult r = run.validate(EO);
        assertThat(r.observed()).containsEntry("row_detail", "ids").containsEntry("files_read_row_by_row", 1L);
        CheckResult u = check(r, "unexpected-rows");
        assertThat(u.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(u.metricLong("unexpected_rows")).isEqualTo(3);
        assertThat(u.witnesses())
                .hasSize(3)
                .first()
                .isEqualTo(
                        Witness.ofRow(
                                "unexpected",
                                "f000003-copy.json",
                                3L,
                                1,
                                "row 1 with file_id 3 from f000003-copy.json, but the manifest gives file_id 3 to f000003.json"));
        assertThat(check(r, "duplicates").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "row-content").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
    }

    @Test
    void rowsWithinTheToleranceOfAWindowEdgeAreNotJudged() {
        // Stopped seen at +31 s, resume sent at +60 s; tolerance 1 s + 2 ms uncertainty at each end.
        // Files 5 and 6 were written before the pause, so a batch begun before the stop may land them late
        CraftedRun run = CraftedRun.seed("edges")
                .landCleanExcept(5, 6)
                .land(5, T0.plusSeconds(31).plusMillis(900))
                .land(6, T0.plusSeconds(59).plusMillis(100));
        ValidationResult r = run.validate(EO);
        assertThat(check(r, "paused-window").status()).isEqualTo(CheckStatus.PASS);

        CraftedRun late = CraftedRun.seed("edges2")
                .landCleanExcept(5)
                .land(5, T0.plusSeconds(32).plusMillis(10));
        assertThat(check(late.validate(EO), "paused-window").metricLong("paused_rows"))
                .isEqualTo(3);
        // a row landing in the tolerance is not judged by landing times, and by no poll either
        assertThat(check(run.validate(EO), "paused-window").metricLong("ambiguous_rows"))
                .isZero();
        run.drop();
        late.drop();
    }

    @Test
    void aFileWrittenDuringThePauseThatLandsWithinTheStartToleranceIsStillIngestedWhilePaused() {
        // file 7 was uploaded 0.5 s after Stopped was seen and landed 0.2 s later: inside the start
        // tolerance, where a batch begun before the stop could legitimately land, but this file did
        // not exist before the pause, so its rows can only have been ingested while paused
        Instant uploaded = T0.plusSeconds(31).plusMillis(500);
        CraftedRun run = CraftedRun.seed("written-while-paused");
        ManifestFile f7 = run.file(7, "paused", UploadOutcome.OK, Expectation.INGEST);
        run.manifestEntry(new ManifestFile(
                f7.key(),
                f7.fileName(),
                7,
                "paused",
                f7.rows(),
                f7.bytes(),
                f7.etag(),
                null,
                uploaded,
                uploaded,
                UploadOutcome.OK,
                null,
                Expectation.INGEST,
                f7.digest(),
                f7.seed(),
                f7.payloadBytes()));
        run.landCleanExcept(7).land(7, uploaded.plusMillis(200));
        ValidationResult r = run.validate(EO);
        CheckResult p = check(r, "paused-window");
        assertThat(p.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(p.metricLong("paused_rows")).isEqualTo(3);
        assertThat(p.witnesses())
                .singleElement()
                .satisfies(w -> assertThat(w.file()).isEqualTo("f000007.json"));

        // the same landing time for a file that existed before the pause is within the tolerance: not judged
        CraftedRun old = CraftedRun.seed("written-before-pause");
        ManifestFile early = old.file(7, "initial", UploadOutcome.OK, Expectation.INGEST);
        old.manifestEntry(new ManifestFile(
                early.key(),
                early.fileName(),
                7,
                "paused",
                early.rows(),
                early.bytes(),
                early.etag(),
                null,
                T0,
                T0,
                UploadOutcome.OK,
                null,
                Expectation.INGEST,
                f7.digest(),
                f7.seed(),
                f7.payloadBytes()));
        old.landCleanExcept(7).land(7, uploaded.plusMillis(200));
        assertThat(check(old.validate(EO), "paused-window").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
        old.drop();
    }

    @Test
    void resumeThatRestartsFromTheBeginningIsReingestion() {
        CraftedRun run = CraftedRun.seed("restart").landClean();
        for (long id = 1; id <= 6; id++) {
            run.land(id, T0.plusSeconds(61));
        }
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "resume-continuity");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("reingested_files")).isEqualTo(6);
        assertThat(c.metricLong("reingested_rows")).isEqualTo(18);
        assertThat(c.summary())
                .isEqualTo("6 files ingested before a resume landed again after it"
                        + " (resume 1 (10:01:00.000Z): 18 rows): the pipe restarted from the beginning");
        assertThat(c.witnesses()).hasSize(6);
        assertThat(c.witnesses().get(0))
                .isEqualTo(Witness.ofFile(
                        "re-ingested",
                        "f000001.json",
                        1L,
                        "3 rows landed again (3 after resume 1 (10:01:00.000Z)); the file first landed by 10:00:11.000Z,"
                                + " before the resume; 3 rows written"));
        CheckResult dup = check(r, "duplicates");
        assertThat(dup.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dup.metricLong("duplicated_files")).isEqualTo(6);
        assertThat(dup.metricLong("whole_files_duplicated")).isEqualTo(6);
        assertThat(dup.metricLong("duplicated_keys")).isEqualTo(18);
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "row-content").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "paused-window").status()).isEqualTo(CheckStatus.PASS);
        // re-ingested files landed in two buckets: counted again by file id
        assertThat(check(r, "timeline").metrics())
                .containsEntry("counted_by", "ledger+ids")
                .containsEntry("rows_by_label", Map.of("pre-pause", 18L, "post-resume", 36L));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.guidance())
                .first()
                .asString()
                .contains("6 files re-ingested after a resume (18 rows, e.g."
                        + " f000001.json, f000002.json, f000003.json, and 3 more)");

        ValidationResult alo = run.validate(ALO);
        assertThat(check(alo, "resume-continuity").status()).isEqualTo(CheckStatus.WARN);
        assertThat(check(alo, "duplicates").status()).isEqualTo(CheckStatus.WARN);
        RunReport live = run.report(alo, ALO);
        assertThat(live.verdict()).isEqualTo(Verdict.PASS);

        RunReport rejudged = ValidationEngine.rejudge(run.report(r, EO), ALO);
        assertThat(rejudged.checks())
                .extracting(CheckResult::checkId, CheckResult::status)
                .isEqualTo(live.checks().stream()
                        .map(x -> org.assertj.core.groups.Tuple.tuple(x.checkId(), x.status()))
                        .toList());
        assertThat(rejudged.verdict()).isEqualTo(live.verdict());
        assertThat(rejudged.guidance()).isEqualTo(live.guidance());
        assertThat(rejudged.guarantee()).isEqualTo(ALO);
        run.drop();
    }

    @Test
    void aCheckThatThrowsIsUnknownAndTheRunInconclusive() {
        CraftedRun run = CraftedRun.seed("throws").landClean();
        Check broken = new Check() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public CheckResult run(CheckContext context) {
                throw new IllegalStateException("boom");
            }
        };
        ValidationResult r = run.validate(EO, broken);
        CheckResult b = check(r, "broken");
        assertThat(b.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(b.error()).isEqualTo("IllegalStateException: boom");
        assertThat(b.summary()).isEqualTo("check could not run: IllegalStateException: boom");
        assertThat(others(r, "broken")).allSatisfy(o -> assertThat(o.status()).isEqualTo(CheckStatus.PASS));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.guidance()).anySatisfy(g -> assertThat(g).startsWith("Not decided: broken"));
        assertThat(r.guidance()).noneSatisfy(g -> assertThat(g).startsWith("Safe to pause"));
        run.drop();
    }

    @Test
    void filesBelowTheCheckpointAndIndeterminateUploads() {
        CraftedRun run = CraftedRun.seed("below").landClean();
        run.manifestEntry(run.file(13, "below", UploadOutcome.OK, Expectation.IGNORE_BELOW_CHECKPOINT))
                .manifestEntry(run.file(14, "resumed", UploadOutcome.INDETERMINATE, Expectation.INGEST))
                .manifestEntry(run.file(15, "resumed", UploadOutcome.FAILED, Expectation.INGEST));
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "completeness");
        assertThat(c.status()).isEqualTo(CheckStatus.WARN);
        assertThat(c.summary())
                .isEqualTo("12/12 files, 36/36 rows ingested; 1 file with an indeterminate upload not"
                        + " ingested (may not exist; not counted as loss); 1 file below the checkpoint ignored, as documented;"
                        + " 1 failed upload not expected");
        assertThat(c.witnesses())
                .containsExactly(Witness.ofFile(
                        "indeterminate",
                        "f000014.json",
                        14L,
                        "upload outcome unknown and no row ingested; the file may not exist"));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.PASS);

        run.land(13, T0.plusSeconds(70));
        CheckResult again = check(run.validate(EO), "completeness");
        assertThat(again.status()).isEqualTo(CheckStatus.WARN);
        assertThat(again.metricLong("below_checkpoint_ingested")).isEqualTo(1);
        assertThat(again.witnesses())
                .contains(Witness.ofFile(
                        "ingested-below-checkpoint",
                        "f000013.json",
                        13L,
                        "3 rows ingested although the file is below the checkpoint"));
        run.drop();
    }

    @Test
    void partTimesAsTheTimestampSourceLeaveCoarseLandingsToThePolls() {
        // the rows were inserted just now, far from the crafted windows: part times place them outside
        CraftedRun run = CraftedRun.seed("parts").pollClean().landClean();
        ValidationResult r = ValidationEngine.builder()
                .sql(TestClickHouse.sql())
                .timestampSource(TimestampSource.PART_MODIFICATION_TIME)
                .build()
                .validate(run.request(EO));
        assertThat(r.observed()).containsEntry("timestamp_source", "part_modification_time");
        assertThat(check(r, "paused-window").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "paused-window").summary()).contains("part creation times in system.parts (seconds");
        assertThat(check(r, "duplicates").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
    }

    @Test
    void aTableWithoutIngestedAtFallsBackToPartTimesByItself() {
        CraftedRun run = CraftedRun.seed("noingested").pollClean().landClean();
        TestClickHouse.sql().execute("ALTER TABLE " + run.destination.qualified() + " DROP COLUMN ingested_at");
        // no timestamp source given: the engine looks at the table's columns and what the server logs
        ValidationResult r =
                ValidationEngine.builder().sql(TestClickHouse.sql()).build().validate(run.request(EO));
        assertThat(r.observed()).containsEntry("timestamp_source", "part_modification_time");
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "duplicates").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "row-content").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "unexpected-rows").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
    }

    @Test
    void aMissingTableMakesEveryCheckUnknown() {
        CraftedRun run = CraftedRun.seed("gone").landClean();
        run.drop();
        ValidationResult r = run.validate(EO);
        assertThat(r.checks()).allSatisfy(c -> {
            assertThat(c.status()).isIn(CheckStatus.UNKNOWN, CheckStatus.WARN);
            assertThat(c.error()).contains("does not exist");
        });
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(r, "timeline").status()).isEqualTo(CheckStatus.WARN);
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void anEngineBuiltFromATargetOwnsAndClosesItsClient() {
        CraftedRun run = CraftedRun.seed("owned").landClean();
        try (ValidationEngine engine =
                ValidationEngine.builder().clickHouse(TestClickHouse.target()).build()) {
            ValidationResult r = engine.validate(run.request(EO));
            assertThat(r.checks()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        }
        run.drop();
    }

    private static List<CheckResult> others(ValidationResult r, String id) {
        return r.checks().stream().filter(c -> !c.checkId().equals(id)).toList();
    }

    private static Map<String, CheckStatus> statuses(ValidationResult r) {
        Map<String, CheckStatus> m = new java.util.LinkedHashMap<>();
        r.checks().forEach(c -> m.put(c.checkId(), c.status()));
        return m;
    }

    private static CheckResult check(ValidationResult r, String id) {
        return r.checks().stream()
                .filter(c -> c.checkId().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
