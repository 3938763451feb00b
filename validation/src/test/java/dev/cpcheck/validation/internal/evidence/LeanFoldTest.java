package dev.cpcheck.validation.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.spi.TimestampSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the lean pass makes of its rows: classes of files, windows, resumes and the timeline's buckets. */
class LeanFoldTest {
    private static final long S = 1_767_261_600L; // a second, epoch
    private static final Instant T0 = Instant.ofEpochSecond(S);

    /** Parts: unit 1 before the pause, 2 inside it, 3 after the resume, 4 a second before the window opens. */
    private static final Landing LANDING = Landing.fromParts(
            TimestampSource.PART_MODIFICATION_TIME,
            List.of(
                    new Landing.Part("all", 1, 1, 0, false, 9, S),
                    new Landing.Part("all", 2, 2, 0, false, 3, S + 40),
                    new Landing.Part("all", 3, 3, 0, false, 6, S + 70),
                    new Landing.Part("all", 4, 4, 0, false, 3, S + 30)),
            List.of());

    /** Stopped seen at +31 s, judged over [+32 s, +59 s], resumed at +60 s. */
    private static final PauseSchedule SCHEDULE = new PauseSchedule(
            List.of(new PauseSchedule.Window(
                    1,
                    T0.plusSeconds(31),
                    T0.plusSeconds(60),
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    T0.plusSeconds(32),
                    T0.plusSeconds(59),
                    false,
                    T0.plusSeconds(31),
                    T0.plusSeconds(60))),
            List.of(new PauseSchedule.Resume(
                    1, T0.plusSeconds(30), T0.plusSeconds(31), T0.plusSeconds(60), null, false)),
            Duration.ofSeconds(1));

    private static LeanPass.Names names() {
        List<ManifestFile> files = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String name = "f" + i + ".json";
            files.add(new ManifestFile(
                    "p/" + name,
                    name,
                    i,
                    "initial",
                    3,
                    10,
                    "etag",
                    null,
                    T0,
                    T0,
                    UploadOutcome.OK,
                    null,
                    Expectation.INGEST));
        }
        Manifest m = new Manifest("r", "s3", "b", "p/", "JSONEachRow", "none", T0, files);
        return LeanPass.Names.of(m, files.stream().map(ManifestFile::fileName).toList());
    }

    /** A file (or group of plain files) of the manifest. */
    private static LeanFold.Group file(
            long n, long id, long rowsFound, boolean exact, long unit, long lateMask, int written) {
        boolean seen = rowsFound > 0;
        return new LeanFold.Group(
                n,
                rowsFound,
                3 * n,
                true,
                true,
                exact,
                seen && !exact,
                !seen,
                true,
                0,
                0,
                seen ? id : 0,
                id,
                id,
                unit,
                unit,
                written,
                lateMask);
    }

    private static List<LeanFold.Group> run() {
        return List.of(
                file(2, 2, 6, true, 1, 0, 0), // f1, f2 folded: before the pause
                file(1, 3, 3, true, 2, 0, 0), // f3 landed inside the window
                file(1, 4, 0, false, 0, 0, 0), // f4 never landed, f5 after it did
                file(1, 5, 3, true, 3, 0, 2), // f5 after the resume
                file(1, 6, 0, false, 0, 0, 2), // f6 never landed, nothing after it did
                file(1, 7, 3, true, 4, 1, 1), // f7 written while paused, landed before the window opened
                // rows of a file id no manifest file has, after the resume
                new LeanFold.Group(1, 2, 0, false, false, false, true, false, false, 0, 0, 99, 0, 0, 3, 3, 3, 0));
    }

    @Test
    void filesAreCountedByClassAndAFileNotInTheTableIsLostWhenALaterOneLanded() {
        LeanPass l = LeanFold.fold(run(), LANDING, SCHEDULE, null, 0, names(), null);
        assertThat(l.expectedFiles()).isEqualTo(7);
        assertThat(l.expectedFilesSeen()).isEqualTo(5);
        assertThat(l.exactFiles()).isEqualTo(5);
        assertThat(l.rowsSeen()).isEqualTo(6 + 3 + 3 + 3 + 2);
        assertThat(l.lastSeenFile()).isEqualTo("f7.json");
        assertThat(l.lost()).extracting(LeanPass.Unseen::name).containsExactly("f4.json", "f6.json");
        assertThat(l.lost()).allSatisfy(u -> assertThat(u.laterLanded()).isTrue());
        assertThat(l.missingFiles()).isZero();
        assertThat(l.differingIds()).containsExactly(99L);
        assertThat(l.unknownFiles()).isEqualTo(1);
        assertThat(l.unknownRows()).isEqualTo(2);
    }

    @Test
    void aFileNoPollNorLaterFileSawLandIsMissingNotLost() {
        List<LeanFold.Group> groups = new ArrayList<>(run());
        groups.remove(5); // without f7, f5 is the last file that landed: f6 is only missing
        LeanPass l = LeanFold.fold(groups, LANDING, SCHEDULE, null, 0, names(), null);
        assertThat(l.lost()).extracting(LeanPass.Unseen::name).containsExactly("f4.json");
        assertThat(l.missing()).extracting(LeanPass.Unseen::name).containsExactly("f6.json");
        // a poll that saw f6 (or a later file) land makes it lost
        LeanPass polled = LeanFold.fold(groups, LANDING, SCHEDULE, null, 6, names(), null);
        assertThat(polled.lost()).extracting(LeanPass.Unseen::name).containsExactly("f4.json", "f6.json");
        assertThat(polled.lost().get(1).seenByPoll()).isTrue();
    }

    @Test
    void rowsInsideTheWindowAndRowsOfFilesWrittenWhilePausedThatLandedBeforeItsEndArePaused() {
        LeanPass l = LeanFold.fold(run(), LANDING, SCHEDULE, null, 0, names(), null);
        assertThat(l.pausedRows()).isEqualTo(6);
        assertThat(l.pausedFiles()).isEqualTo(2);
        assertThat(l.pausedPerWindow()).containsExactly(6L);
        assertThat(l.paused()).extracting(LeanPass.Paused::name).containsExactly("f7.json", "f3.json");
        assertThat(l.paused().get(1).firstMs()).isEqualTo((S + 40) * 1000);
        // the rows of the unknown file differ: they are placed by the row-level pass, not here
        assertThat(l.ambiguousRows()).isZero();
        // landed before the resume: f1, f2, f3, f7; after it: f5 and the unknown file
        assertThat(l.landedBeforePerResume()).containsExactly(4L);
        assertThat(l.landedAfterPerResume()).containsExactly(2L);
    }

    @Test
    void theTimelineChartsExactFilesInTheBucketTheyLandedIn() {
        TimeAxis axis = TimeAxis.over(T0, T0.plusSeconds(90));
        LeanPass l = LeanFold.fold(run(), LANDING, SCHEDULE, axis, 0, names(), null);
        long step = axis.stepMs();
        long before = axis.bucket(S * 1000 + 499);
        assertThat(before).isEqualTo(0);
        assertThat(l.histogram().get(before)).startsWith(6, 2, 6, 0, 0, 0);
        long inside = Math.floorDiv((S + 40) * 1000 + 499 - axis.originMs(), step);
        assertThat(l.histogram().get(inside)).startsWith(3, 1, 3, 0, 0, 0);
        long after = Math.floorDiv((S + 70) * 1000 + 499 - axis.originMs(), step);
        // f5 (written after the resume) and the unknown file's rows, written by no file of the run
        assertThat(l.histogram().get(after)).startsWith(5, 2, 0, 0, 3, 2);
        assertThat(l.spanningGroups()).isZero();
    }

    /** A run in unordered mode: its pipe read a queue of 1 min retention, drained at +50 s; a resume at +60 s. */
    private static QueueEvidence unorderedRun(boolean drained) {
        List<HistoryEvent> events = new ArrayList<>();
        events.add(new HistoryEvent(
                1,
                T0,
                0,
                EventType.RESOURCE_CREATED,
                0,
                Map.of(
                        "kind",
                        CreatedResource.PIPE,
                        "id",
                        "p",
                        "queueUrl",
                        "http://127.0.0.1:1/000000000000/q",
                        "queueRetentionMs",
                        60_000,
                        "skipInitialLoad",
                        false)));
        if (drained) {
            events.add(
                    new HistoryEvent(2, T0.plusSeconds(50), 0, EventType.EVENTS_DRAINED, 3, Map.of("queueUrl", "q")));
        }
        List<ManifestFile> files = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            Instant written = i == 6 ? T0.plusSeconds(55) : T0; // f6 written after the drain
            files.add(new ManifestFile(
                    "p/f" + i + ".json",
                    "f" + i + ".json",
                    i,
                    "initial",
                    3,
                    10,
                    "e",
                    null,
                    written,
                    written,
                    UploadOutcome.OK,
                    null,
                    Expectation.INGEST));
        }
        return QueueEvidence.of(
                        new RunHistory(events),
                        new Manifest("r", "s3-unordered", "b", "p/", "JSONEachRow", "none", T0, files))
                .orElseThrow();
    }

    @Test
    void inUnorderedModeKeyOrderProvesNothingAndADrainedQueueMakesEarlierFilesLost() {
        LeanPass undrained = LeanFold.fold(run(), LANDING, SCHEDULE, null, 7, names(), unorderedRun(false));
        assertThat(undrained.lost()).as("later keys and polls prove nothing").isEmpty();
        assertThat(undrained.missing()).extracting(LeanPass.Unseen::name).containsExactly("f4.json", "f6.json");

        LeanPass drained = LeanFold.fold(run(), LANDING, SCHEDULE, null, 0, names(), unorderedRun(true));
        assertThat(drained.lost()).extracting(LeanPass.Unseen::name).containsExactly("f4.json");
        assertThat(drained.lost().get(0).eventTaken()).isTrue();
        assertThat(drained.missing()).extracting(LeanPass.Unseen::name).containsExactly("f6.json");
    }
}
