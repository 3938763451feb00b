package dev.cpcheck.core.scenario;

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
}
