package dev.cpcheck.engine.bench;

import dev.cpcheck.engine.EmbeddedStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user waits for: {@link EmbeddedStack#start()} (ClickHouse, S3, the ClickPipes emulator and
 * the bucket) and {@link EmbeddedStack#close()}: the first start in a fresh JVM, then the following
 * ones. Run it with the ClickHouse library cached (else the first start includes its download).
 * Prints the numbers; not run by the normal build. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl engine -am verify -DskipITs -Dtest=EmbeddedStackStartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class EmbeddedStackStartupBenchmark {
    private static final int RUNS = 6;

    @Test
    void startAndStop() {
        List<Long> startMs = new ArrayList<>();
        List<Long> stopMs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            EmbeddedStack stack = EmbeddedStack.start();
            long t1 = System.nanoTime();
            stack.close();
            long t2 = System.nanoTime();
            startMs.add((t1 - t0) / 1_000_000);
            stopMs.add((t2 - t1) / 1_000_000);
        }
        System.out.printf(
                "%nBENCHMARK EmbeddedStack start: first in a fresh JVM %d ms; following %s ms; stop %s ms%n%n",
                startMs.get(0), startMs.subList(1, RUNS), stopMs);
    }
}
