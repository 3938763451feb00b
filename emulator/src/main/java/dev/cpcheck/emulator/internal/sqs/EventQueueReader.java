package dev.cpcheck.emulator.internal.sqs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One pipe's reader of its SQS queue (unordered mode): receives messages with their send time,
 * deletes them once their files are committed, hands back those it defers, and knows the queue's
 * retention, since the local SQS server keeps none.
 */
public final class EventQueueReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueueReader.class);
    /** SQS's default message retention (AWS, CreateQueue: 345,600 s). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(4);
    /** At most 10 messages per ReceiveMessage and per batch request (AWS, SQS quotas). */
    private static final int SQS_BATCH = 10;

    private final String queueUrl;
    private final SqsClient client;
    private final Duration retention;

    /** A message as received: its events, when it was sent, and the handle that deletes it. */
    public record Received(
            String messageId, String receiptHandle, Instant sentAt, List<S3EventMessages.Event> events) {}

    public EventQueueReader(String queueUrl, String region, Duration retention) {
        this.queueUrl = queueUrl;
        this.retention = retention == null ? DEFAULT_RETENTION : retention;
        URI u = URI.create(queueUrl);
        URI endpoint = URI.create(u.getScheme() + "://" + u.getRawAuthority());
        // the local server checks no signature; a queue on AWS cannot be reached with these keys, and
        // the pipe fails with the error SQS gives, as a pipe without permissions would
        this.client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cpcheck", "cpcheck")))
                .build();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public Duration retention() {
        return retention;
    }

    /** Whether SQS would have deleted the message by now (older than the retention). */
    public boolean expired(Received r, Instant now) {
        return r.sentAt().plus(retention).isBefore(now);
    }

    /** Up to {@code max} messages that are visible now; none waits for more. */
    public List<Received> receive(int max) {
        List<Received> out = new ArrayList<>();
        while (out.size() < max) {
            int n = Math.min(SQS_BATCH, max - out.size());
            List<Message> got = client.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(n)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                    .messages();
            for (Message m : got) {
                String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
                Instant sentAt = sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
                out.add(new Received(m.messageId(), m.receiptHandle(), sentAt, S3EventMessages.parse(m.body())));
            }
            if (got.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** Deletes messages; a handle that no longer works means the message comes again, which the seen-file check absorbs. */
    public void delete(List<String> receiptHandles) {
        for (List<String> chunk : chunks(receiptHandles)) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i))
                        .build());
            }
            try {
                var failed = client.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries))
                        .failed();
                if (!failed.isEmpty()) {
                    LOG.debug("{} of {} deletes failed on {}", failed.size(), entries.size(), queueUrl);
                }
            } catch (RuntimeException e) {
                LOG.debug("Deleting messages from {} failed: {}", queueUrl, e.toString());
            }
        }
    }

    /** Makes deferred messages visible again at once, for the next poll. */
    public void release(List<String> receiptHandles) {
        for (List<String> chunk : chunks(receiptHandles)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i))
                        .visibilityTimeout(0)
                        .build());
            }
            try {
                client.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (RuntimeException e) {
                LOG.debug("Releasing messages on {} failed: {}", queueUrl, e.toString());
            }
        }
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SQS_BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + SQS_BATCH)));
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
