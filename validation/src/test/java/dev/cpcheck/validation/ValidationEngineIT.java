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
                        Map.entry("duplicates", CheckStatus.PASS), Map.entry("completeness", CheckStatus.PASS),
                        Map.entry("unexpected-rows", CheckStatus.PASS), Map.entry("paused-window", CheckStatus.PASS),
                        Map.entry("resume-continuity", CheckStatus.PASS), Map.entry("timeline", CheckStatus.PASS));
        CheckResult completeness = check(r, "completeness");
        assertThat(completeness.metricLong("expected_files")).isEqualTo(12);
        assertThat(completeness.metricLong("ingested_files")).isEqualTo(12);
        assertThat(completeness.metricLong("ingested_rows")).isEqualTo(36);
        assertThat(completeness.summary()).startsWith("12/12 files, 36/36 rows ingested");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.witnesses()).isEmpty());
        assertThat(check(r, "paused-window").metricLong("windows")).isEqualTo(1);
        assertThat(check(r, "paused-window").metricLong("judged_windows")).isEqualTo(1);
        assertThat(check(r, "resume-continuity").summary()).contains("continued from its checkpoint");
        CheckResult timeline = check(r, "timeline");
        assertThat(timeline.metricLong("rows")).isEqualTo(36);
        assertThat(timeline.metrics())
                .containsEntry("counted_by", "ledger")
                .containsEntry("rows_by_label", Map.of("pre-pause", 18L, "post-resume", 18L));
        assertThat(r.observed())
                .containsEntry("files", 12L)
                .containsEntry("rows", 36L)
                .containsEntry("manifest_transport", "external-table")
                .containsEntry("ledger_mode", "by_file_id");
        assertThat(r.guidance())
                .first()
                .asString()
                .startsWith("Safe to pause and resume S3 ClickPipes")
                .contains("12 of 12 files and 36 of 36 rows");
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
        assertThat(dup.metricLong("surplus_rows")).isEqualTo(3);
        assertThat(dup.witnessCount()).isEqualTo(4);
        assertThat(dup.witnesses().get(0))
                .isEqualTo(
                        Witness.ofFile("duplicated", "f000003.json", 3L, "6 rows, 3 written (3 surplus, 3 distinct)"));
        assertThat(dup.witnesses().subList(1, 4)).extracting(Witness::rowId).containsExactly(0L, 1L, 2L);
        assertThat(dup.witnesses().get(1).detail()).isEqualTo("key (3, 0) seen 2 times");
        assertThat(dup.hint()).contains("ReplacingMergeTree");
        assertThat(others(r, "duplicates"))
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.guidance())
                .anySatisfy(g -> assertThat(g)
                        .startsWith("Duplicates: implement deduplication")
                        .contains("ReplacingMergeTree")
                        .contains("1 file ingested more than once")
                        .contains("f000003.json"));

        ValidationResult alo = run.validate(ALO);
        assertThat(check(alo, "duplicates").status()).isEqualTo(CheckStatus.WARN);
        assertThat(run.report(alo, ALO).verdict()).isEqualTo(Verdict.PASS);
        assertThat(alo.guidance()).first().asString().startsWith("Duplicates occur (allowed under at-least-once");
        run.drop();
    }

    @Test
    void singleDuplicatedRow() {
        CraftedRun run = CraftedRun.seed("row")
                .landClean()
                .landRows(fileName(5), 5, 1, 2, cleanLanding(5).plusMillis(100), null);
        ValidationResult r = run.validate(EO);

        CheckResult dup = check(r, "duplicates");
        assertThat(dup.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dup.metricLong("duplicated_files")).isEqualTo(1);
        assertThat(dup.metricLong("file_surplus_rows")).isEqualTo(1);
        assertThat(dup.metricLong("duplicated_keys")).isEqualTo(1);
        assertThat(dup.metricLong("surplus_rows")).isEqualTo(1);
        assertThat(dup.witnesses())
                .containsExactly(
                        Witness.ofFile("duplicated", "f000005.json", 5L, "4 rows, 3 written (1 surplus, 3 distinct)"),
                        Witness.ofRow("duplicated", "f000005.json", 5L, 1, "key (5, 1) seen 2 times"));
        assertThat(dup.summary())
                .isEqualTo("1 file with more rows than written (1 surplus); 1 key (file_id, row_id)"
                        + " seen more than once (1 surplus row)");
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        run.drop();
    }

    @Test
    void fileSkippedWhileALaterOneLandedIsLost() {
        CraftedRun run = CraftedRun.seed("lost").landCleanExcept(8);
        for (DeliveryGuarantee g : DeliveryGuarantee.values()) {
            ValidationResult r = run.validate(g);
            CheckResult c = check(r, "completeness");
            assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(c.metricLong("lost_files")).isEqualTo(1);
            assertThat(c.metricLong("lost_rows")).isEqualTo(3);
            assertThat(c.metricLong("missing_files")).isZero();
            assertThat(c.metricLong("ingested_files")).isEqualTo(11);
            assertThat(c.metricLong("ingested_rows")).isEqualTo(33);
            assertThat(c.witnesses())
                    .containsExactly(Witness.ofFile(
                            "lost",
                            "f000008.json",
                            8L,
                            "3 rows written (phase paused), none ingested; the later file f000012.json was"));
            assertThat(c.summary()).isEqualTo("11/12 files, 33/36 rows ingested; 1 file lost (3 rows)");
            assertThat(c.hint()).startsWith("Files were skipped: re-ingest them");
            assertThat(others(r, "completeness"))
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(CheckStatus.PASS));
            assertThat(run.report(r, g).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.guidance())
                    .anySatisfy(x -> assertThat(x)
                            .startsWith("Loss: files were skipped: re-ingest them")
                            .contains("1 file lost (3 rows, e.g. f000008.json)"));
        }
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
    void partialFile() {
        CraftedRun run =
                CraftedRun.seed("partial").landCleanExcept(4).landRows(fileName(4), 4, 0, 2, cleanLanding(4), null);
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "completeness");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("partial_files")).isEqualTo(1);
        assertThat(c.metricLong("partial_missing_rows")).isEqualTo(1);
        assertThat(c.metricLong("lost_files")).isZero();
        assertThat(c.witnesses())
                .containsExactly(Witness.ofFile("partial", "f000004.json", 4L, "2 of 3 rows ingested"));
        assertThat(check(r, "duplicates").status()).isEqualTo(CheckStatus.PASS);
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        run.drop();
    }

    @Test
    void rowsFromAFileTheRunNeverWroteAreUnexpected() {
        CraftedRun run = CraftedRun.seed("unknown")
                .shared()
                .landClean()
                .landRows("stray.json", 99, 0, 5, T0.plusSeconds(20), null)
                .landRows(fileName(1), 1, 0, 3, T0.plusSeconds(20), "some-other-run");
        ValidationResult r = run.validate(EO);
        CheckResult u = check(r, "unexpected-rows");
        assertThat(u.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(u.metricLong("unexpected_rows")).isEqualTo(5);
        assertThat(u.metricLong("unexpected_files")).isEqualTo(1);
        assertThat(u.metricLong("rows_of_other_runs")).isEqualTo(3);
        assertThat(u.metricLong("other_runs")).isEqualTo(1);
        assertThat(u.witnesses())
                .containsExactly(Witness.ofFile(
                        "unexpected", "stray.json", 99L, "5 rows from a file the manifest does not list"));
        assertThat(u.summary())
                .isEqualTo(
                        "5 rows from 1 file the run did not write; 3 rows of 1 other run ignored" + " (shared table)");
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
        assertThat(c.summary()).contains("resume 2: 3 rows").doesNotContain("resume 1:");
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
            assertThat(w.detail()).contains("inside paused window 2").doesNotContain("window 1");
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> windows =
                (List<Map<String, Object>>) c.metrics().get("window_details");
        assertThat(windows)
                .extracting(m -> ((Number) m.get("rows")).longValue())
                .containsExactly(0L, 3L);
        assertThat(check(r, "resume-continuity").status()).isEqualTo(CheckStatus.PASS);
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
        assertThat(d.metricLong("duplicated_keys")).isEqualTo(120);
        assertThat(d.witnesses()).hasSize(32);
        assertThat(d.witnessCount()).isGreaterThanOrEqualTo(40);
        run.drop();
    }

    @Test
    void rowsOfAnotherRunInTheRunsOwnTableFailOnlyThere() {
        CraftedRun own = CraftedRun.seed("foreign")
                .landClean()
                .landRows("f000001.json", 1, 0, 3, T0.plusSeconds(20), "other-run-a")
                .landRows("f000002.json", 2, 0, 2, T0.plusSeconds(20), "other-run-b");
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
    void rowsOfAKnownFileIdUnderAnotherNameSwitchToTheExactLedger() {
        CraftedRun run =
                CraftedRun.seed("mixed").landClean().landRows("f000003-copy.json", 3, 0, 3, T0.plusSeconds(20), null);
        ValidationResult r = run.validate(EO);
        assertThat(r.observed()).containsEntry("ledger_mode", "by_file");
        CheckResult u = check(r, "unexpected-rows");
        assertThat(u.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(u.metricLong("unexpected_rows")).isEqualTo(3);
        assertThat(u.witnesses())
                .containsExactly(Witness.ofFile(
                        "unexpected", "f000003-copy.json", 3L, "3 rows from a file the manifest does not list"));
        CheckResult dup = check(r, "duplicates");
        assertThat(dup.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dup.metricLong("duplicated_files")).isZero();
        assertThat(dup.metricLong("duplicated_keys")).isEqualTo(3);
        assertThat(dup.metrics().get("key_search")).isEqualTo("subquery");
        assertThat(dup.witnesses().get(0).detail())
                .isEqualTo("key (3, 0) seen 2 times, in f000003-copy.json and f000003.json");
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
    }

    @Test
    void rowsLandingInsideThePausedWindow() {
        CraftedRun run = CraftedRun.seed("paused").landCleanExcept(7).land(7, T0.plusSeconds(45));
        ValidationResult r = run.validate(EO);
        CheckResult p = check(r, "paused-window");
        assertThat(p.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(p.metricLong("paused_rows")).isEqualTo(3);
        assertThat(p.metricLong("paused_files")).isEqualTo(1);
        assertThat(p.metricLong("tolerance_ms")).isEqualTo(1000);
        assertThat((double) p.metrics().get("clock_uncertainty_ms")).isEqualTo(2.0);
        assertThat(p.witnesses())
                .containsExactly(Witness.ofFile(
                        "ingested-while-paused",
                        "f000007.json",
                        7L,
                        "3 rows landed at 10:00:45.000Z, inside paused window 1 (10:00:31.000Z–10:01:00.000Z)"));
        assertThat(p.summary()).startsWith("3 rows of 1 file landed while paused; 1 paused window (29.0 s)");
        assertThat(others(r, "paused-window"))
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(CheckStatus.PASS));
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.guidance())
                .anySatisfy(
                        g -> assertThat(g).startsWith("Ingestion while paused").contains("f000007.json"));
        run.drop();
    }

    @Test
    void rowsWithinTheToleranceOfAWindowEdgeAreNotJudged() {
        // Stopped seen at +31 s, resume sent at +60 s; tolerance 1 s + 2 ms uncertainty at each end
        CraftedRun run = CraftedRun.seed("edges")
                .landCleanExcept(7, 8)
                .land(7, T0.plusSeconds(31).plusMillis(900))
                .land(8, T0.plusSeconds(59).plusMillis(100));
        ValidationResult r = run.validate(EO);
        assertThat(check(r, "paused-window").status()).isEqualTo(CheckStatus.PASS);

        CraftedRun late = CraftedRun.seed("edges2")
                .landCleanExcept(7)
                .land(7, T0.plusSeconds(32).plusMillis(10));
        assertThat(check(late.validate(EO), "paused-window").metricLong("paused_rows"))
                .isEqualTo(3);
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
                Expectation.INGEST));
        run.landCleanExcept(7).land(7, uploaded.plusMillis(200));
        ValidationResult r = run.validate(EO);
        CheckResult p = check(r, "paused-window");
        assertThat(p.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(p.metricLong("paused_rows")).isEqualTo(3);
        assertThat(p.witnesses())
                .singleElement()
                .satisfies(w -> assertThat(w.file()).isEqualTo("f000007.json"));

        // the same landing time for a file that existed before the pause is within the tolerance: not judged
        CraftedRun old =
                CraftedRun.seed("written-before-pause").landCleanExcept(7).land(7, uploaded.plusMillis(200));
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
                .isEqualTo("6 files ingested before a pause landed again after the resume"
                        + " (resume 1: 18 rows): the pipe restarted from the beginning");
        assertThat(c.witnesses()).hasSize(6);
        assertThat(c.witnesses().get(0))
                .isEqualTo(Witness.ofFile(
                        "re-ingested",
                        "f000001.json",
                        1L,
                        "3 rows landed again (3 after resume 1 (10:01:00.000Z)); the file first landed at 10:00:11.000Z,"
                                + " before the pause; 6 rows in all"));
        CheckResult dup = check(r, "duplicates");
        assertThat(dup.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dup.metricLong("duplicated_files")).isEqualTo(6);
        assertThat(dup.metricLong("duplicated_keys")).isEqualTo(18);
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
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
    void replayOfTheLastBatchIsReingestionButNotARestart() {
        CraftedRun run = CraftedRun.seed("replay").landClean().land(6, T0.plusSeconds(61));
        CheckResult c = check(run.validate(EO), "resume-continuity");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("reingested_files")).isEqualTo(1);
        assertThat(c.summary()).endsWith(": the pipe resumed from before its checkpoint");
        assertThat(c.witnesses()).extracting(Witness::file).containsExactly("f000006.json");
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
                        "3 rows ingested although the key sorts below the checkpoint"));
        run.drop();
    }

    @Test
    void partModificationTimesAsTheTimestampSource() {
        CraftedRun run = CraftedRun.seed("parts").landClean();
        ValidationResult r = ValidationEngine.builder()
                .sql(TestClickHouse.sql())
                .timestampSource(TimestampSource.PART_MODIFICATION_TIME)
                .build()
                .validate(run.request(EO));
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        assertThat(r.observed()).containsEntry("timestamp_source", "part_modification_time");
        assertThat(check(r, "paused-window").summary()).contains("part modification times");
        run.drop();
    }

    @Test
    void aTableWithoutIngestedAtFallsBackToPartModificationTimesByItself() {
        CraftedRun run = CraftedRun.seed("noingested").landClean();
        TestClickHouse.sql().execute("ALTER TABLE " + run.destination.qualified() + " DROP COLUMN ingested_at");
        // no timestamp source given: the engine looks at the table's columns
        ValidationResult r =
                ValidationEngine.builder().sql(TestClickHouse.sql()).build().validate(run.request(EO));
        assertThat(r.observed()).containsEntry("timestamp_source", "part_modification_time");
        assertThat(r.checks())
                .allSatisfy(c -> assertThat(c.status())
                        .as(c.checkId() + ": " + c.summary())
                        .isIn(CheckStatus.PASS, CheckStatus.WARN));
        assertThat(check(r, "completeness").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "duplicates").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "paused-window").summary()).contains("part modification times");
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
