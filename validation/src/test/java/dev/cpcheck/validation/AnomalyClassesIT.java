package dev.cpcheck.validation;

import static dev.cpcheck.validation.testing.CraftedRun.T0;
import static dev.cpcheck.validation.testing.CraftedRun.cleanLanding;
import static dev.cpcheck.validation.testing.CraftedRun.fileName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.testing.CraftedRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each anomaly class, made by changing the table of a clean run by hand as a user would (an
 * INSERT, an UPDATE, a DELETE), is named by exactly its check, with a witness naming the file and
 * (for row anomalies) the row; every other check passes. Then combinations in one file.
 */
class AnomalyClassesIT {
    private static final DeliveryGuarantee EO = DeliveryGuarantee.EXACTLY_ONCE;

    @Test
    void duplicatedFile() {
        CraftedRun run =
                CraftedRun.seed("a_dupfile").landClean().land(3, cleanLanding(3).plusMillis(500));
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("duplicates", CheckStatus.FAIL));
        CheckResult d = check(r, "duplicates");
        assertThat(d.metricLong("duplicated_files")).isEqualTo(1);
        assertThat(d.metricLong("whole_files_duplicated")).isEqualTo(1);
        assertThat(d.metricLong("duplicated_keys")).isEqualTo(3);
        assertThat(d.metricLong("surplus_rows")).isEqualTo(3);
        assertThat(d.witnesses())
                .containsExactly(Witness.ofFile(
                        "duplicated",
                        fileName(3),
                        3L,
                        "every one of its 3 rows is in the table more than once (3 surplus)"));
        assertThat(d.witnessCount()).isEqualTo(1);
        run.drop();
    }

    @Test
    void duplicatedRow() {
        CraftedRun run = CraftedRun.seed("a_duprow")
                .landClean()
                .landRows(fileName(5), 5, 2, 3, cleanLanding(5).plusMillis(100), null);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("duplicates", CheckStatus.FAIL));
        CheckResult d = check(r, "duplicates");
        assertThat(d.witnesses())
                .containsExactly(Witness.ofRow("duplicated", fileName(5), 5L, 2, "key (5, 2) is in the table 2 times"));
        assertThat(d.summary()).isEqualTo("1 key (file_id, row_id) seen more than once in 1 file (1 surplus row)");
        run.drop();
    }

    @Test
    void lostFile() {
        CraftedRun run = CraftedRun.seed("a_lostfile").landCleanExcept(8);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("completeness", CheckStatus.FAIL));
        CheckResult c = check(r, "completeness");
        assertThat(c.witnesses())
                .containsExactly(Witness.ofFile(
                        "lost",
                        fileName(8),
                        8L,
                        "rows 1-3 written (phase paused): none in the table, though the later file f000012.json is"));
        assertThat(c.summary()).isEqualTo("11/12 files, 33/36 rows ingested; 1 file lost (3 rows)");
        run.drop();
    }

    @Test
    void lostRow() {
        CraftedRun run = CraftedRun.seed("a_lostrow").landClean().delete(4, 2L);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("completeness", CheckStatus.FAIL));
        CheckResult c = check(r, "completeness");
        assertThat(c.witnesses())
                .containsExactly(Witness.ofRow(
                        "lost", fileName(4), 4L, 2, "row 2 was written and is not in the table from its file"));
        assertThat(c.metricLong("partial_files")).isEqualTo(1);
        assertThat(c.metricLong("lost_rows")).isEqualTo(1);
        assertThat(c.summary()).isEqualTo("12/12 files, 35/36 rows ingested; 1 row lost from 1 ingested file");
        run.drop();
    }

    @Test
    void alteredRowShowsExpectedAgainstFound() {
        CraftedRun run = CraftedRun.seed("a_altered").landClean().update(3, 2, "payload", "'changed by hand'");
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("row-content", CheckStatus.FAIL));
        CheckResult c = check(r, "row-content");
        long expected = run.generator().rowDigest(3, 2, "initial", CraftedRun.PAYLOAD, fileName(3));
        long found = RowDigest.content(
                3, 2, "initial", run.generator().eventTimeMillis(3, 2), "changed by hand", fileName(3));
        assertThat(c.witnesses())
                .containsExactly(Witness.ofAlteredRow(
                        "altered",
                        fileName(3),
                        3L,
                        2,
                        "row 2 holds other values than were written (row digest differs)",
                        RowDigest.format(expected),
                        RowDigest.format(found)));
        assertThat(c.summary()).isEqualTo("1 row of 1 file hold other values than were written");
        assertThat(r.guidance())
                .anySatisfy(g -> assertThat(g)
                        .startsWith("Altered rows:")
                        .contains("f000003.json row 2 (expected " + RowDigest.format(expected)));
        run.drop();
    }

    @Test
    void substitutedRowIsLossAndAnUnexpectedRowNeverAPass() {
        // row 3 of file 5 deleted and a made-up row 4 put in its place: the count is right, the set is not
        CraftedRun run = CraftedRun.seed("a_subst")
                .landClean()
                .delete(5, 3L)
                .landRows(fileName(5), 5, 4, 5, cleanLanding(5), null);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("completeness", CheckStatus.FAIL, "unexpected-rows", CheckStatus.FAIL));
        assertThat(check(r, "completeness").witnesses())
                .containsExactly(Witness.ofRow(
                        "lost",
                        fileName(5),
                        5L,
                        3,
                        "row 3 was written and is not in the table from its file (the file holds rows no file"
                                + " wrote: another row took its place)"));
        assertThat(check(r, "unexpected-rows").witnesses())
                .containsExactly(Witness.ofRow(
                        "unexpected",
                        fileName(5),
                        5L,
                        4,
                        "row id 4 of file_id 5: f000005.json was written with fewer rows, no file wrote this one"));
        run.drop();
    }

    @Test
    void foreignRowAddedToARealFileAfterTheResumeIsUnexpectedNotADuplicateNorReingestion() {
        CraftedRun run =
                CraftedRun.seed("a_foreign").landClean().landRows(fileName(3), 3, 4, 5, T0.plusSeconds(70), null);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("unexpected-rows", CheckStatus.FAIL));
        CheckResult u = check(r, "unexpected-rows");
        assertThat(u.witnesses()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(fileName(3));
            assertThat(w.rowId()).isEqualTo(4L);
        });
        assertThat(u.summary()).isEqualTo("1 row no file of the run wrote, under 1 file id");
        run.drop();
    }

    @Test
    void rowOfAnotherRunInTheRunsOwnTable() {
        CraftedRun run = CraftedRun.seed("a_otherrun")
                .landClean()
                .landRows(fileName(1), 1, 1, 4, T0.plusSeconds(20), "other-run");
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("unexpected-rows", CheckStatus.FAIL));
        assertThat(check(r, "unexpected-rows").witnesses())
                .containsExactly(Witness.ofFile(
                        "other-run", fileName(1), null, "3 rows of run other-run in this run's own table"));
        run.drop();
    }

    @Test
    void rowsInsideAPausedWindow() {
        CraftedRun run = CraftedRun.seed("a_paused").landCleanExcept(7).land(7, T0.plusSeconds(45));
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("paused-window", CheckStatus.FAIL));
        CheckResult p = check(r, "paused-window");
        assertThat(p.witnesses())
                .containsExactly(Witness.ofFile(
                        "ingested-while-paused",
                        fileName(7),
                        7L,
                        "3 rows landed at 10:00:45.000Z, inside paused window 1"));
        assertThat(p.summary())
                .startsWith("ingested while paused: window 1 (10:00:31.000Z–10:01:00.000Z, 29.0 s): 3 rows landed"
                        + " inside it [landing times from the ingested_at column");
        run.drop();
    }

    @Test
    void reingestionAfterTheResumeIsNamedByResumeContinuityAndDuplicates() {
        CraftedRun run = CraftedRun.seed("a_reingest").landClean().land(6, T0.plusSeconds(61));
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("resume-continuity", CheckStatus.FAIL, "duplicates", CheckStatus.FAIL));
        CheckResult c = check(r, "resume-continuity");
        assertThat(c.witnesses())
                .containsExactly(Witness.ofFile(
                        "re-ingested",
                        fileName(6),
                        6L,
                        "3 rows landed again (3 after resume 1 (10:01:00.000Z)); the file first landed by"
                                + " 10:00:16.000Z, before the resume; 3 rows written"));
        assertThat(c.summary()).endsWith(": the pipe resumed from before its checkpoint");
        run.drop();
    }

    @Test
    void lossOfTheNewestFilesThatPollsSawLandIsLossNotDelay() {
        // the run's own counts saw all 12 files land; the two newest are gone now
        CraftedRun run = CraftedRun.seed("a_newest").pollClean().landCleanExcept(11, 12);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("completeness", CheckStatus.FAIL));
        CheckResult c = check(r, "completeness");
        assertThat(c.metricLong("lost_files")).isEqualTo(2);
        assertThat(c.metricLong("missing_files")).isZero();
        assertThat(c.witnesses()).extracting(Witness::file).containsExactly(fileName(11), fileName(12));
        assertThat(c.witnesses().get(1).detail())
                .isEqualTo("rows 1-3 written (phase resumed): a count polled at 2026-01-01 10:01:25.000Z saw it land;"
                        + " none in the table now");
        assertThat(c.summary()).contains("counts polled during the run saw up to 36 rows, 30 are in the table now");

        // without the run's observations the same table cannot tell loss from delay
        CraftedRun blind = CraftedRun.seed("a_newest_blind").landCleanExcept(11, 12);
        CheckResult b = check(blind.validate(EO), "completeness");
        assertThat(b.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(b.metricLong("missing_files")).isEqualTo(2);
        run.drop();
        blind.drop();
    }

    @Test
    void anEmptiedTableIsLossAndNothingPassesWithoutEvidence() {
        CraftedRun run = CraftedRun.seed("a_emptied").pollClean().landClean().deleteAll();
        ValidationResult r = run.validate(EO);
        CheckResult c = check(r, "completeness");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.metricLong("lost_files")).isEqualTo(12);
        // the polls inside the window are evidence that nothing landed then
        assertThat(check(r, "paused-window").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "paused-window").summary()).contains("saw no growth, which spans the whole window");
        // nothing in the table landed before the resume: continuity cannot be shown
        assertThat(check(r, "resume-continuity").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(r, "resume-continuity").summary()).doesNotContain("continued from its checkpoint");
        assertThat(check(r, "row-content").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(run.report(r, EO).verdict()).isEqualTo(Verdict.FAIL);

        // and without polls there is no evidence for the paused window either
        CraftedRun blind = CraftedRun.seed("a_emptied_blind").landClean().deleteAll();
        ValidationResult b = blind.validate(EO);
        assertThat(check(b, "completeness").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(b, "paused-window").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(b, "resume-continuity").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(b.checks()).noneSatisfy(x -> assertThat(x.summary()).contains("continued from its checkpoint"));
        run.drop();
        blind.drop();
    }

    @Test
    void aDuplicateAndALossInOneFile() {
        // file 4 holds rows 1, 1, 2: the count is right, the digest is not
        CraftedRun run = CraftedRun.seed("a_duploss")
                .landClean()
                .delete(4, 3L)
                .landRows(fileName(4), 4, 1, 2, cleanLanding(4).plusMillis(300), null);
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("duplicates", CheckStatus.FAIL, "completeness", CheckStatus.FAIL));
        assertThat(check(r, "duplicates").witnesses())
                .containsExactly(Witness.ofRow("duplicated", fileName(4), 4L, 1, "key (4, 1) is in the table 2 times"));
        assertThat(check(r, "completeness").witnesses())
                .extracting(Witness::anomaly, Witness::file, Witness::rowId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lost", fileName(4), 3L));
        run.drop();
    }

    @Test
    void anAlteredRowInsideADuplicatedFile() {
        // file 3 landed twice; in the second copy row 2 holds another payload
        CraftedRun run = CraftedRun.seed("a_dupalt")
                .landClean()
                .landRows(fileName(3), 3, 1, 2, cleanLanding(3).plusMillis(200), null)
                .landRows(fileName(3), 3, 3, 4, cleanLanding(3).plusMillis(200), null)
                .landAltered(3, 2, cleanLanding(3).plusMillis(200), "tampered");
        ValidationResult r = run.validate(EO);
        onlyThese(r, Map.of("duplicates", CheckStatus.FAIL, "row-content", CheckStatus.FAIL));
        assertThat(check(r, "duplicates").witnesses())
                .extracting(Witness::anomaly, Witness::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("duplicated", fileName(3)));
        assertThat(check(r, "row-content").witnesses()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(fileName(3));
            assertThat(w.rowId()).isEqualTo(2L);
            assertThat(w.expected())
                    .isEqualTo(RowDigest.format(
                            run.generator().rowDigest(3, 2, "initial", CraftedRun.PAYLOAD, fileName(3))));
            assertThat(w.found()).isNotEqualTo(w.expected());
        });
        run.drop();
    }

    /** The named checks have these statuses and every other check passes. */
    static void onlyThese(ValidationResult r, Map<String, CheckStatus> expected) {
        Map<String, CheckStatus> actual = new LinkedHashMap<>();
        Map<String, String> summaries = new LinkedHashMap<>();
        for (CheckResult c : r.checks()) {
            actual.put(c.checkId(), c.status());
            summaries.put(c.checkId(), c.summary());
        }
        Map<String, CheckStatus> wanted = new LinkedHashMap<>();
        for (String id : BuiltInChecks.IDS) {
            wanted.put(id, expected.getOrDefault(id, CheckStatus.PASS));
        }
        assertThat(actual).as("statuses, with summaries %s", summaries).isEqualTo(wanted);
    }

    static CheckResult check(ValidationResult r, String id) {
        return r.checks().stream()
                .filter(c -> c.checkId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    static List<CheckResult> others(ValidationResult r, String id) {
        return r.checks().stream().filter(c -> !c.checkId().equals(id)).toList();
    }
}
