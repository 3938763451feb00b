package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.emulator.support.ApiClient;
import dev.cpcheck.emulator.support.Await;
import dev.cpcheck.emulator.support.Fixture;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Unordered mode ({@code queueUrl}) on a real SQS server fed by the S3 server's event
 * notifications: the initial load, then the queue's events in any key order, each file once (also
 * when S3 sends an event twice or again later), nothing read while stopped, events older than the
 * retention dropped, {@code skipInitialLoad}, the unordered fault modes, and the API's rules.
 */
class UnorderedModeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROWS = 2;
    private static EmbeddedSqs sqs;
    private static EmbeddedS3 s3;
    private static ClickPipesEmulator emulator;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        sqs = EmbeddedSqs.lazy("us-east-1");
        s3 = EmbeddedS3.builder().objectCreatedListener(sqs::objectCreated).start();
        emulator = ClickPipesEmulator.builder()
                .clickHouse(TestEnvironment.clickHouse().endpoint())
                .provisioningDelay(Duration.ZERO)
                .queueRetention(sqs::retention)
                .noRateLimit()
                .start();
        api = new ApiClient(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        s3.close();
        sqs.close();
    }

    private static String queue(Fixture f, Duration retention, boolean duplicate, Duration redeliver) {
        return sqs.createQueue(new EmbeddedSqs.QueueOptions(
                        f.table,
                        TestEnvironment.BUCKET,
                        f.prefix + "/",
                        retention,
                        Duration.ofSeconds(30),
                        duplicate,
                        redeliver))
                .url();
    }

    @SuppressWarnings("unchecked")
    private static String createPipe(Fixture f, String queueUrl, boolean skipInitialLoad) {
        Map<String, Object> request = f.pipeRequest(3, 200);
        Map<String, Object> os = new LinkedHashMap<>(
                (Map<String, Object>) ((Map<String, Object>) request.get("source")).get("objectStorage"));
        os.put("queueUrl", queueUrl);
        if (skipInitialLoad) {
            os.put("skipInitialLoad", true);
        }
        request.put("source", Map.of("objectStorage", os));
        ApiClient.Response created = api.post("/clickpipes", request);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.result()
                        .path("source")
                        .path("objectStorage")
                        .path("queueUrl")
                        .asText())
                .isEqualTo(queueUrl);
        return created.result().get("id").asText();
    }

    private static void command(String id, String command, String state) {
        assertThat(api.patch("/clickpipes/" + id + "/state", Map.of("command", command))
                        .status())
                .isEqualTo(200);
        Await.until(
                state,
                TIMEOUT,
                () -> api.get("/clickpipes/" + id)
                        .result()
                        .get("state")
                        .asText()
                        .equals(state));
    }

    private static void awaitFiles(Fixture f, String id, long files) {
        Await.until(
                files + " files in " + f.table,
                TIMEOUT,
                () -> f.sql()
                                .queryValue("SELECT uniqExact(file_id) FROM " + f.table)
                                .trim()
                                .equals(Long.toString(files))
                        && emulator.pipe(id).orElseThrow().pendingBatch().isEmpty(),
                () -> emulator.pipe(id).toString());
    }

    /**
     * Waits until the queue holds no message, visible or in flight, and the pipe no batch: every
     * event sent so far has been taken and its file committed (or dropped).
     */
    private static void awaitDrained(String id, String queueUrl) {
        try (SqsClient client = EmbeddedSqs.client(sqs.endpoint(), "us-east-1")) {
            Await.until("queue " + queueUrl + " drained", TIMEOUT, () -> {
                Map<QueueAttributeName, String> a = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
                return a.values().stream().allMatch("0"::equals)
                        && emulator.pipe(id).orElseThrow().pendingBatch().isEmpty();
            });
        }
    }

    @Test
    void initialLoadThenEventsInAnyKeyOrderEachFileOnceAndNothingWhileStopped() throws Exception {
        try (Fixture f = Fixture.create("unordered", s3)) {
            f.writeFiles(10, 14, ROWS, "initial"); // before the queue: only the initial load finds them
            String queueUrl = queue(f, null, true, Duration.ofMillis(1_500));
            String id = createPipe(f, queueUrl, false);
            awaitFiles(f, id, 4);
            for (int fileId : List.of(20, 3, 15)) { // keys below and above the ones ingested
                f.writeFile(fileId, ROWS, "events");
            }
            f.writeRaw(f.prefix + "/notes.txt", "not a json file: another path"); // the glob is *.json
            awaitFiles(f, id, 7);

            command(id, "stop", "Stopped");
            f.writeFiles(0, 3, ROWS, "paused"); // lower keys than everything before
            Thread.sleep(1_000); // five polling intervals in which a stopped pipe must not read its queue
            assertThat(f.rows()).as("nothing read while stopped").isEqualTo(7L * ROWS);
            command(id, "start", "Running");
            awaitFiles(f, id, 10);
            // every event came twice, and comes once more 1.5 s after: let the last of those be sent and taken
            Thread.sleep(1_600);
            awaitDrained(id, queueUrl);
            assertThat(f.rows()).as("each file once, whatever came twice").isEqualTo(10L * ROWS);
            assertThat(f.duplicateRows()).isZero();
        }
    }

    @Test
    void skipInitialLoadIngestsOnlyAnnouncedFiles() throws Exception {
        try (Fixture f = Fixture.create("skipinitial", s3)) {
            f.writeFiles(0, 3, ROWS, "existing");
            String queueUrl = queue(f, null, false, null);
            String id = createPipe(f, queueUrl, true);
            f.writeFiles(3, 5, ROWS, "announced");
            awaitFiles(f, id, 2);
            awaitDrained(id, queueUrl);
            assertThat(f.sql().query("SELECT DISTINCT phase FROM " + f.table).trim())
                    .isEqualTo("announced");
        }
    }

    @Test
    void eventsOlderThanTheRetentionAreGoneWhenAStoppedPipeResumes() throws Exception {
        try (Fixture f = Fixture.create("retention", s3)) {
            String queueUrl = queue(f, Duration.ofSeconds(2), false, null);
            String id = createPipe(f, queueUrl, false);
            f.writeFiles(0, 2, ROWS, "before");
            awaitFiles(f, id, 2);
            command(id, "stop", "Stopped");
            f.writeFiles(2, 4, ROWS, "paused");
            Thread.sleep(3_000); // longer than the retention
            command(id, "start", "Running");
            f.writeFiles(4, 5, ROWS, "after");
            awaitFiles(f, id, 3);
            awaitDrained(id, queueUrl);
            assertThat(f.sql().query("SELECT DISTINCT file_id FROM " + f.table + " ORDER BY file_id FORMAT CSV"))
                    .isEqualTo("0\n1\n4\n");
        }
    }

    @Test
    void loseEventWhilePausedLosesOneFileAndReplayEventAfterResumeDuplicatesOne() throws Exception {
        for (FaultMode mode : List.of(FaultMode.LOSE_EVENT_WHILE_PAUSED, FaultMode.REPLAY_EVENT_AFTER_RESUME)) {
            try (Fixture f = Fixture.create(mode.id().replace("-", ""), s3)) {
                String queueUrl = queue(f, null, false, null);
                String id = createPipe(f, queueUrl, false);
                emulator.pipeFaultMode(id, mode);
                f.writeFiles(0, 3, ROWS, "before");
                awaitFiles(f, id, 3);
                command(id, "stop", "Stopped");
                f.writeFiles(3, 6, ROWS, "paused");
                command(id, "start", "Running");
                f.writeFiles(6, 7, ROWS, "after");
                if (mode == FaultMode.LOSE_EVENT_WHILE_PAUSED) {
                    awaitFiles(f, id, 6);
                    awaitDrained(id, queueUrl);
                    assertThat(f.rows()).isEqualTo(6L * ROWS);
                    assertThat(f.filesNotExactlyOnce(7, ROWS)).containsExactly("3\t0");
                } else {
                    awaitFiles(f, id, 7);
                    Await.until("the replay", TIMEOUT, () -> f.duplicateRows() == ROWS);
                    assertThat(f.filesNotExactlyOnce(7, ROWS)).hasSize(1);
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiTakesQueuesOnlyForContinuousAuthenticatedS3PipesWithAnSqsUrl() {
        try (Fixture f = Fixture.create("queuerules", s3)) {
            Map<String, Object> request = f.pipeRequest(3, 200);
            Map<String, Object> os =
                    (Map<String, Object>) ((Map<String, Object>) request.get("source")).get("objectStorage");
            Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
            cases.put(
                    "isContinuous", Map.of("queueUrl", "http://127.0.0.1:9324/000000000000/q", "isContinuous", false));
            cases.put("public", Map.of("queueUrl", "http://127.0.0.1:9324/000000000000/q", "authentication", "PUBLIC"));
            cases.put("SQS queue URL", Map.of("queueUrl", "https://example.com/queue"));
            cases.put(
                    "emulates unordered mode with SQS for Amazon S3 only",
                    Map.of("queueUrl", "projects/p/subscriptions/s", "type", "gcs"));
            for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
                Map<String, Object> source = new LinkedHashMap<>(os);
                source.putAll(c.getValue());
                if ("PUBLIC".equals(source.get("authentication"))) {
                    source.remove("authentication");
                    source.remove("accessKey");
                }
                Map<String, Object> body = new LinkedHashMap<>(request);
                body.put("source", Map.of("objectStorage", source));
                ApiClient.Response r = api.post("/clickpipes", body);
                assertThat(r.status()).as(r.toString()).isEqualTo(400);
                assertThat(r.error()).contains(c.getKey());
            }
            Map<String, Object> aws = new LinkedHashMap<>(os);
            aws.put("queueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/MyQueue");
            Map<String, Object> body = new LinkedHashMap<>(request);
            body.put("source", Map.of("objectStorage", aws));
            ApiClient.Response r = api.post("/clickpipes", body);
            assertThat(r.status()).as("the AWS form the live API takes").isEqualTo(200);
            api.delete("/clickpipes/" + r.result().get("id").asText());
        }
    }
}
