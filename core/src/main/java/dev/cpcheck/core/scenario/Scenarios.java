package dev.cpcheck.core.scenario;

import java.time.Duration;
import java.util.Random;

/** Ready-made scenarios. */
public final class Scenarios {
    /** Name of {@link #seed()}. */
    public static final String SEED = "seed";

    private Scenarios() {}

    /**
     * The default scenario: 12 files × 3 rows (36 rows), JSONEachRow, continuous pipe. Six files
     * are written before the pipe exists; once they have landed the pipe is paused, three files
     * are written while it is paused and it is held for three polling intervals; then it is
     * resumed and three more files are written.
     *
     * <p>Passing means: every file exactly once (3 rows each, 36 in all), nothing ingested while
     * paused, and after resume only the files not yet ingested were ingested.
     */
    public static Scenario seed() {
        return Scenario.builder(SEED)
                .description("12 files x 3 rows: 6 before the pipe, pause, 3 while paused, resume, 3 after")
                .format(FileFormat.JSON_EACH_ROW)
                .rowsPerFile(3)
                .writeFiles("initial", 6)
                .createPipe()
                .awaitFiles(6)
                .pause()
                .writeFiles("paused", 3)
                .holdIntervals(3)
                .resume()
                .writeFiles("resumed", 3)
                .awaitAllFiles()
                .validate()
                .build();
    }

    /**
     * {@code cycles} pause/resume cycles drawn from {@code seed}: the same seed and count give the
     * same schedule. Each cycle pauses, writes 0-3 files while paused, holds 1-3 polling
     * intervals, resumes, writes 1-3 files and waits for them.
     *
     * @throws IllegalArgumentException if cycles is not between 1 and 100
     */
    public static Scenario randomCycles(long seed, int cycles) {
        Limits.checkCycles("cycles", cycles);
        Random random = new Random(seed);
        int initial = 2 + random.nextInt(4);
        Scenario.Builder b = Scenario.builder("random-cycles-" + seed + "-x" + cycles)
                .description(cycles + " random pause/resume cycles, seed " + seed)
                .seed(seed)
                .rowsPerFile(3)
                .writeFiles("initial", initial)
                .createPipe()
                .awaitFiles(initial);
        int written = initial;
        for (int c = 1; c <= cycles; c++) {
            b.pause();
            int whilePaused = random.nextInt(4);
            if (whilePaused > 0) {
                b.writeFiles("cycle-" + c + "-paused", whilePaused);
                written += whilePaused;
            }
            b.holdIntervals(1 + random.nextInt(3));
            b.resume();
            int after = 1 + random.nextInt(3);
            b.writeFiles("cycle-" + c + "-resumed", after);
            written += after;
            b.awaitFiles(written);
        }
        return b.awaitAllFiles().validate().build();
    }

    /**
     * A run of {@code files} files of {@code rowsPerFile} rows, paused mid-stream: 40% of the files
     * are written before the pipe exists, the pipe is created and, once a fifth of all files has
     * landed (half of those written, the rest still being ingested), paused; 10% more are written
     * while it is paused and it is held for three polling intervals; then it is resumed, the
     * remaining half is written and every file is awaited (10 minutes plus 50 ms per file at most)
     * and validated. Named
     * {@code scale-<files>x<rows>}, e.g. {@code scale-100000x100}.
     *
     * @throws IllegalArgumentException if files is not between 3 and {@link Limits#MAX_FILES_PER_RUN},
     *     or the scenario breaks a bound of {@link Limits} (file size, bytes of the run)
     */
    public static Scenario scale(int files, long rowsPerFile) {
        Limits.checkFiles("files", files);
        if (files < 3) {
            throw new IllegalArgumentException(
                    "files must be at least 3 (before the pipe, while paused, after" + " the resume), got " + files);
        }
        int initial = Math.max(1, (int) Math.round(files * 0.4));
        int whilePaused = Math.max(1, files / 10);
        int resumed = files - initial - whilePaused;
        // the runner's default await timeout is sized for a dozen files; ingestion takes a batch of
        // at most object_storage_max_file_count (100 by default) files at a time
        Duration await = Duration.ofMinutes(10).plusMillis(50L * files);
        return Scenario.builder("scale-" + files + "x" + rowsPerFile)
                .description(files + " files x " + rowsPerFile + " rows: " + initial + " before the pipe, pause after "
                        + Math.max(1, initial / 2) + " landed, " + whilePaused + " while paused, resume, " + resumed
                        + " after")
                .rowsPerFile(rowsPerFile)
                .writeFiles("initial", initial)
                .createPipe()
                .awaitFiles(Math.max(1, initial / 2), await)
                .pause()
                .writeFiles("paused", whilePaused)
                .holdIntervals(3)
                .resume()
                .writeFiles("resumed", resumed)
                .awaitAllFiles(await)
                .validate()
                .build();
    }
}
