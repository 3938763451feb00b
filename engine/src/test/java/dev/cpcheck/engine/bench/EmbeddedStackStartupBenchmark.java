package dev.cpcheck.engine.bench;

import dev.cpcheck.engine.EmbeddedStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /**
     * What unordered mode adds: the stack's SQS server (ElasticMQ) starts with the first queue a run
     * asks for, so a stack start is unchanged and the first queue of each stack pays for the server.
     */
    @Test
    void firstQueueOfAStack() throws Exception {
        List<Long> firstQueueMs = new ArrayList<>();
        List<Long> secondQueueMs = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            try (EmbeddedStack stack = EmbeddedStack.start()) {
                for (int q = 0; q < 2; q++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(
                                            URI.create(stack.description().controlUrl() + "/sqs/queues"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + stack.description().controlToken())
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-" + q
                                            + "\",\"bucket\":\"" + EmbeddedStack.BUCKET + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.body());
                    }
                    (q == 0 ? firstQueueMs : secondQueueMs).add((System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        System.out.printf(
                "%nBENCHMARK embedded SQS: first queue of a stack (starts ElasticMQ) %s ms; next queue %s ms%n%n",
                firstQueueMs, secondQueueMs);
    }
}
