package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcheck.emulator.internal.sqs.S3EventMessages;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The stack's SQS server and S3 event notifications: it starts only when a queue is asked for,
 * every write under the queue's prefix puts S3's event JSON on the queue before the write is
 * answered, other prefixes and buckets send nothing, and the test event comes first.
 */
class EmbeddedSqsIT {

    @Test
    void putsAndMultipartUploadsUnderThePrefixSendTheEventsS3Sends() throws Exception {
        try (EmbeddedSqs sqs = EmbeddedSqs.lazy("us-east-1");
                EmbeddedS3 s3 = EmbeddedS3.builder()
                        .objectCreatedListener(sqs::objectCreated)
                        .start()) {
            s3.createBucket("events-bucket");
            s3.createBucket("other-bucket");
            try (S3Client client = s3.endpoint().newClient()) {
                client.putObject(b -> b.bucket("events-bucket").key("run/before.json"), RequestBody.fromString("{}"));
                assertThat(sqs.started()).as("no queue asked for yet").isFalse();

                long t0 = System.nanoTime();
                EmbeddedSqs.Queue queue = sqs.createQueue(new EmbeddedSqs.QueueOptions(
                        "run-queue",
                        "events-bucket",
                        "run/",
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        false,
                        null));
                System.out.printf("embedded SQS start and first queue: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                assertThat(queue.url()).startsWith("http://127.0.0.1:").endsWith("/000000000000/run-queue");
                assertThat(sqs.retention(queue.url())).contains(Duration.ofMinutes(5));

                client.putObject(
                        b -> b.bucket("events-bucket").key("run/red flower.json"), RequestBody.fromString("{\"a\":1}"));
                client.putObject(b -> b.bucket("events-bucket").key("elsewhere/x.json"), RequestBody.fromString("{}"));
                client.putObject(b -> b.bucket("other-bucket").key("run/y.json"), RequestBody.fromString("{}"));
                String uploadId = client.createMultipartUpload(
                                b -> b.bucket("events-bucket").key("run/big.json"))
                        .uploadId();
                String etag = client.uploadPart(
                                b -> b.bucket("events-bucket")
                                        .key("run/big.json")
                                        .uploadId(uploadId)
                                        .partNumber(1),
                                RequestBody.fromString("{\"b\":2}"))
                        .eTag();
                client.completeMultipartUpload(b -> b.bucket("events-bucket")
                        .key("run/big.json")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
            }

            List<Message> messages = new ArrayList<>();
            try (SqsClient client = EmbeddedSqs.client(sqs.endpoint(), "us-east-1")) {
                // every event was sent before its write was answered: one receive round finds them all
                while (true) {
                    List<Message> got = client.receiveMessage(b -> b.queueUrl(queue(sqs))
                                    .maxNumberOfMessages(10)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                            .messages();
                    if (got.isEmpty()) {
                        break;
                    }
                    messages.addAll(got);
                }
            }
            assertThat(messages).hasSize(3);
            JsonNode test = EmulatorJson.MAPPER.readTree(messages.get(0).body());
            assertThat(test.path("Event").asText()).isEqualTo("s3:TestEvent");
            assertThat(S3EventMessages.parse(messages.get(0).body())).isEmpty();

            JsonNode put = EmulatorJson.MAPPER.readTree(messages.get(1).body());
            JsonNode record = put.path("Records").get(0);
            assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
            assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo("events-bucket");
            assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("run/red+flower.json");
            assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(7);
            assertThat(record.path("s3").path("object").path("eTag").asText())
                    .doesNotContain("\"")
                    .isNotBlank();
            assertThat(record.path("s3").path("object").path("sequencer").asText())
                    .matches("[0-9A-F]{16}");
            assertThat(S3EventMessages.parse(messages.get(1).body()))
                    .containsExactly(
                            new S3EventMessages.Event("ObjectCreated:Put", "events-bucket", "run/red flower.json", 7));

            assertThat(S3EventMessages.parse(messages.get(2).body()))
                    .containsExactly(new S3EventMessages.Event(
                            "ObjectCreated:CompleteMultipartUpload", "events-bucket", "run/big.json", 7));
        }
    }

    @Test
    void duplicateAndRedeliveredEventsComeAsAsked() {
        try (EmbeddedSqs sqs = EmbeddedSqs.lazy("us-east-1");
                EmbeddedS3 s3 = EmbeddedS3.builder()
                        .objectCreatedListener(sqs::objectCreated)
                        .start()) {
            s3.createBucket("events-bucket");
            EmbeddedSqs.Queue queue = sqs.createQueue(new EmbeddedSqs.QueueOptions(
                    "faulty", "events-bucket", "", null, Duration.ZERO, true, Duration.ofMillis(300)));
            try (S3Client client = s3.endpoint().newClient()) {
                client.putObject(b -> b.bucket("events-bucket").key("f.json"), RequestBody.fromString("{}"));
            }
            try (SqsClient client = EmbeddedSqs.client(sqs.endpoint(), "us-east-1")) {
                List<String> keys = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (keys.size() < 3 && System.nanoTime() < deadline) {
                    for (Message m : client.receiveMessage(b -> b.queueUrl(queue.url())
                                    .maxNumberOfMessages(10)
                                    .waitTimeSeconds(1))
                            .messages()) {
                        S3EventMessages.parse(m.body()).forEach(e -> keys.add(e.key()));
                        client.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
                    }
                }
                assertThat(keys).as("twice at once, once more later").containsExactly("f.json", "f.json", "f.json");
            }
        }
    }

    private static String queue(EmbeddedSqs sqs) {
        return sqs.endpoint() + "/" + EmbeddedSqs.ACCOUNT_ID + "/run-queue";
    }
}
