package dev.cpcheck.s3.internal.sqs;

import dev.cpcheck.core.spi.EventQueue;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The run's SQS queue as the run sees it: its URL and retention, and how many events the pipe has
 * not taken yet (visible, in flight and delayed messages, from the queue's approximate counts).
 *
 * <p>S3 delivers event notifications "typically in seconds" but sometimes "a minute or longer"
 * (AWS, S3 user guide, "Amazon S3 Event Notifications"), so an empty queue proves nothing until
 * that long after the last write: {@link #pendingEvents()} stays unknown for {@code deliveryGrace}
 * after each write. The embedded stack sends each event before it answers the write: no grace.
 */
public final class SqsEventQueue implements EventQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventQueue.class);

    private final String url;
    private final Duration retention;
    private final SqsAsyncClient client;
    private final Duration deliveryGrace;
    private final LongSupplier lastWriteNanos;

    SqsEventQueue(
            String url,
            Duration retention,
            SqsAsyncClient client,
            Duration deliveryGrace,
            LongSupplier lastWriteNanos) {
        this.url = Objects.requireNonNull(url, "url");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.client = client;
        this.deliveryGrace = deliveryGrace;
        this.lastWriteNanos = lastWriteNanos;
    }

    /** A client for the queue's server: {@code endpoint} for a local one, AWS's for its region otherwise. */
    public static SqsAsyncClient client(URI endpoint, String region, AwsCredentialsProvider credentials) {
        SqsAsyncClientBuilder b = SqsAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(4));
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    /** A queue of the embedded stack. */
    public static SqsEventQueue local(LocalQueues.Created q, SqsAsyncClient client, LongSupplier lastWriteNanos) {
        return new SqsEventQueue(q.queueUrl(), q.retention(), client, Duration.ZERO, lastWriteNanos);
    }

    /** A queue on AWS: its retention is read from the queue. */
    public static SqsEventQueue aws(
            String url, SqsAsyncClient client, Duration deliveryGrace, LongSupplier lastWriteNanos) {
        Map<QueueAttributeName, String> a = attributes(client, url, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        String seconds = a.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        // SQS's default when the attribute cannot be read (AWS, CreateQueue: 345,600 s)
        Duration retention = seconds == null ? Duration.ofDays(4) : Duration.ofSeconds(Long.parseLong(seconds));
        return new SqsEventQueue(url, retention, client, deliveryGrace, lastWriteNanos);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public OptionalLong pendingEvents() {
        long last = lastWriteNanos.getAsLong();
        if (last != Long.MIN_VALUE && System.nanoTime() - last < deliveryGrace.toNanos()) {
            return OptionalLong.empty();
        }
        try {
            Map<QueueAttributeName, String> a = attributes(
                    client,
                    url,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
            long total = 0;
            for (String v : a.values()) {
                total += Long.parseLong(v);
            }
            return OptionalLong.of(total);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the counts of queue {}: {}", url, e.toString());
            return OptionalLong.empty();
        }
    }

    private static Map<QueueAttributeName, String> attributes(
            SqsAsyncClient client, String url, QueueAttributeName... names) {
        try {
            return client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(names))
                    .join()
                    .attributes();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "SqsEventQueue[" + url + ", retention " + retention.toSeconds() + " s]";
    }
}
