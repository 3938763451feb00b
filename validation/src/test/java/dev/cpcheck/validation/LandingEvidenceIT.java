package dev.cpcheck.validation;

import static dev.cpcheck.validation.AnomalyClassesIT.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.testing.LiveRun;
import dev.cpcheck.validation.testing.TestClickHouse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Landing-time evidence on a table of the destination's current shape (no column the pipe cannot
 * fill): runs played in real time, judged from part times (the embedded ClickHouse has no part
 * log) and from the counts polled during the run, with and without merges blurring the parts.
 */
class LandingEvidenceIT {
    private static final DeliveryGuarantee EO = DeliveryGuarantee.EXACTLY_ONCE;
    private static final Duration POLL = Duration.ofMillis(150);

    private static ValidationResult validate(LiveRun run) {
        return ValidationEngine.builder()
                .sql(TestClickHouse.sql())
                .pausedWindowTolerance(Duration.ofMillis(50))
                .build()
                .validate(run.request(EO));
    }

    @Test
    void unmergedPartsPlaceEveryRowOutsideThePauseWithoutAnyPoll() {
        LiveRun run = LiveRun.start("live_parts")
                .stopMerges()
                .land("initial", 1, 2, 3)
                .nextSecond();
        run.pause().nextSecond().nextSecond().resume().nextSecond().land("resumed", 4, 5, 6);
        ValidationResult r = validate(run);
        AnomalyClassesIT.onlyThese(r, java.util.Map.of());
        assertThat(r.observed()).containsEntry("timestamp_source", "part_modification_time");
        assertThat(check(r, "paused-window").summary())
                .contains("no row's landing lies inside it")
                .contains("part creation times in system.parts (seconds")
                .contains("no counts polled");
        assertThat(check(r, "resume-continuity").summary())
                .contains("3 files landed after it and none of the 3 files that landed before it landed again");
        run.drop();
    }

    @Test
    void rowsInsertedDuringThePauseAreSeenByPartTimesAndByThePolls() {
        LiveRun run =
                LiveRun.start("live_paused").stopMerges().land("initial", 1, 2).nextSecond();
        // a poll, then rows land in a second wholly inside the pause, then two more polls
        run.pause().waitFor(POLL).poll().nextSecond().land("paused", 3).polls(2, POLL);
        run.nextSecond().nextSecond().resume().nextSecond().land("resumed", 4);
        ValidationResult r = validate(run);
        AnomalyClassesIT.onlyThese(r, java.util.Map.of("paused-window", CheckStatus.FAIL));
        assertThat(check(r, "paused-window").summary())
                .contains("3 rows landed inside it")
                .contains("polled counts grew by 3 rows inside it");
        assertThat(check(r, "paused-window").witnesses())
                .extracting(w -> w.file())
                .containsExactly(LiveRun.fileName(3), LiveRun.fileName(3));
        run.drop();
    }

    @Test
    void mergedPartsAreTooCoarseAndThePollsDecide() {
        LiveRun run = LiveRun.start("live_merged")
                .stopMerges()
                .land("initial", 1, 2, 3)
                .poll()
                .nextSecond();
        // equal counts from before the pause to just before the resume, as a run polls them
        run.pause()
                .polls(3, POLL)
                .nextSecond()
                .poll()
                .resume()
                .nextSecond()
                .land("resumed", 4, 5, 6)
                .poll();
        run.mergeAll();
        ValidationResult r = validate(run);
        AnomalyClassesIT.onlyThese(r, java.util.Map.of());
        assertThat(check(r, "paused-window").summary())
                .contains("settled by the polls")
                .contains("saw no growth, which spans the whole window");
        assertThat(check(r, "paused-window").metricLong("ambiguous_rows")).isEqualTo(18);
        // the chart says its bars around the pause are approximate
        assertThat(check(r, "timeline").metricLong("coarse_rows")).isEqualTo(18);
        assertThat(check(r, "timeline").summary())
                .contains("18 rows of merged parts")
                .contains("approximate");

        // polls inside only the first part of the pause settle nothing: rows may have landed after them
        LiveRun partly = LiveRun.start("live_merged_partly")
                .stopMerges()
                .land("initial", 1, 2, 3)
                .poll()
                .nextSecond();
        partly.pause()
                .polls(3, POLL)
                .nextSecond()
                .resume()
                .nextSecond()
                .land("resumed", 4, 5, 6)
                .poll();
        partly.mergeAll();
        ValidationResult p = validate(partly);
        assertThat(check(p, "paused-window").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(p, "paused-window").summary())
                .contains("too coarse to place")
                .contains("the counts polled do not span it");
        partly.drop();

        // the same merged table without polls inside the pause cannot be judged
        LiveRun blind = LiveRun.start("live_merged_blind")
                .stopMerges()
                .land("initial", 1, 2, 3)
                .nextSecond();
        blind.pause().nextSecond().nextSecond().resume().nextSecond().land("resumed", 4, 5, 6);
        blind.mergeAll();
        ValidationResult b = validate(blind);
        assertThat(check(b, "paused-window").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(b, "paused-window").summary()).contains("too coarse to place");
        assertThat(check(b, "duplicates").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(b, "completeness").status()).isEqualTo(CheckStatus.PASS);
        run.drop();
        blind.drop();
    }

    @Test
    void reingestionAfterTheResumeOnUnmergedParts() {
        LiveRun run = LiveRun.start("live_reingest")
                .stopMerges()
                .land("initial", 1, 2)
                .nextSecond();
        run.pause()
                .nextSecond()
                .nextSecond()
                .resume()
                .nextSecond()
                .land("initial", 1, 2)
                .land("resumed", 3);
        ValidationResult r = validate(run);
        AnomalyClassesIT.onlyThese(
                r, java.util.Map.of("duplicates", CheckStatus.FAIL, "resume-continuity", CheckStatus.FAIL));
        assertThat(check(r, "resume-continuity").metricLong("reingested_files")).isEqualTo(2);
        assertThat(check(r, "resume-continuity").summary()).endsWith("the pipe restarted from the beginning");
        assertThat(check(r, "timeline").metricLong("coarse_rows")).isZero();
        assertThat(check(r, "timeline").summary()).doesNotContain("approximate");
        run.drop();
    }
}
