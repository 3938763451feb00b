package dev.cpcheck.emulator.bench;

import dev.cpcheck.emulator.ChdbLibrary;
import dev.cpcheck.emulator.LocalStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cold start of {@link LocalStack} (embedded ClickHouse in a child JVM, S3Proxy, emulator) with the
 * chdb library already cached: the first start in a fresh JVM, then warm restarts. Prints the
 * numbers; not run by the normal build. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl emulator -am verify -DskipITs -Dtest=LocalStackStartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class LocalStackStartupBenchmark {
    private static final int RUNS = 5;

    @Test
    void startAndStop() {
        ChdbLibrary.resolve(); // the download is not part of a cold start
        List<Long> startMs = new ArrayList<>();
        List<Long> stopMs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            LocalStack stack = LocalStack.builder().start();
            long t1 = System.nanoTime();
            stack.close();
            long t2 = System.nanoTime();
            startMs.add((t1 - t0) / 1_000_000);
            stopMs.add((t2 - t1) / 1_000_000);
        }
        System.out.printf(
                "%nBENCHMARK LocalStack start (library cached): first in a fresh JVM %d ms; following %s ms;"
                        + " stop %s ms%n%n",
                startMs.get(0), startMs.subList(1, RUNS), stopMs);
    }
}
