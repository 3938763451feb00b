package dev.cpcheck.validation;

import static dev.cpcheck.validation.testing.CraftedRun.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.testing.CraftedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A clean run stays PASS with every check PASS across 20 seeded random-cycles schedules: 1 to 3
 * pauses of random length, files written before each pause landing before it, files written
 * while paused landing after the resume, random counts polled, all judged as a real run would be.
 * (The same schedules run end to end against the emulator in the examples' RandomCyclesIT.)
 */
class CleanRunsIT {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aCleanRandomCyclesRunPassesEveryCheck(long seed) {
        Random random = new Random(seed);
        int cycles = 1 + random.nextInt(3);
        List<long[]> landings = new ArrayList<>(); // file id, landing ms after T0
        List<Instant[]> pauses = new ArrayList<>();
        long t = 5_000;
        long fileId = 0;
        List<Long> writtenWhilePaused = new ArrayList<>();
        for (int c = 0; c <= cycles; c++) {
            // files written while the previous pause held land now, after its resume
            for (long id : writtenWhilePaused) {
                t += 200 + random.nextInt(800);
                landings.add(new long[] {id, t});
            }
            writtenWhilePaused.clear();
            int before = 1 + random.nextInt(4);
            for (int i = 0; i < before; i++) {
                t += 200 + random.nextInt(800);
                landings.add(new long[] {++fileId, t});
            }
            if (c == cycles) {
                break;
            }
            long stop = t + 1_000 + random.nextInt(2_000);
            long seen = stop + 200 + random.nextInt(800);
            long start = seen + 5_000 + random.nextInt(20_000);
            pauses.add(new Instant[] {T0.plusMillis(stop), T0.plusMillis(seen), T0.plusMillis(start)});
            int paused = random.nextInt(4);
            for (int i = 0; i < paused; i++) {
                writtenWhilePaused.add(++fileId);
            }
            t = start;
        }
        Instant end = T0.plusMillis(t + 3_000);
        CraftedRun run = CraftedRun.of("clean_" + seed, (int) fileId, end);
        for (Instant[] p : pauses) {
            run.pause(p[0], p[1], p[2]);
        }
        long rows = 0;
        long files = 0;
        String last = null;
        int next = 0;
        for (long[] l : landings) {
            run.land(l[0], T0.plusMillis(l[1]));
        }
        // counts polled every second or so, as the runner does while waiting and holding
        landings.sort((a, b) -> Long.compare(a[1], b[1]));
        for (long at = 4_000; at < t + 2_000; at += 500 + random.nextInt(1_000)) {
            while (next < landings.size() && landings.get(next)[1] < at) {
                files++;
                rows += CraftedRun.ROWS;
                String name = CraftedRun.fileName(landings.get(next)[0]);
                last = last == null || name.compareTo(last) > 0 ? name : last;
                next++;
            }
            run.poll(T0.plusMillis(at), files, rows, last);
        }

        long written = fileId;
        ValidationResult r = run.validate(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(r.checks())
                .allSatisfy(c -> assertThat(c.status())
                        .as("seed %d, %d pauses, %d files: %s: %s", seed, cycles, written, c.checkId(), c.summary())
                        .isEqualTo(CheckStatus.PASS));
        assertThat(run.report(r, DeliveryGuarantee.EXACTLY_ONCE).verdict()).isEqualTo(Verdict.PASS);
        CheckResult cont = r.checks().stream()
                .filter(c -> c.checkId().equals("resume-continuity"))
                .findFirst()
                .orElseThrow();
        assertThat(cont.metricLong("resumes")).isEqualTo(cycles);
        run.drop();
    }
}
