package dev.cpcheck.emulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.cpcheck.emulator.internal.sqs.S3EventMessages;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Await;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS server (ElasticMQ) on a free port of 127.0.0.1, started on first use, and the S3
 * event notifications of the stack's buckets: every object created under a configured bucket and
 * prefix sends the message S3 would send ({@link S3EventMessages}) to the configured queue.
 *
 * <pre>{@code
 * EmbeddedSqs sqs = EmbeddedSqs.lazy("us-east-1");          // nothing runs yet
 * Queue q = sqs.createQueue(new QueueOptions("run-1", "cpcheck-local", "cpcheck/run-1/",
 *         Duration.ofDays(4), Duration.ofSeconds(30), false, null));   // starts ElasticMQ
 * sqs.objectCreated("cpcheck-local", "cpcheck/run-1/f1.json", 42, "etag", "ObjectCreated:Put");
 * }</pre>
 *
 * <p>What ElasticMQ 1.6.11 does not do, this class does or the reader must: it keeps no message
 * retention ({@code MessageRetentionPeriod} is ignored, ElasticMQ's {@code QueueAttributesOps}),
 * so the retention a queue was created with is kept here ({@link #retention(String)}) and the
 * emulator's reader drops messages older than it, as SQS deletes them. SQS allows 60 s to 14 days
 * (AWS, CreateQueue); shorter retentions are accepted here so that a test can outlast one.
 *
 * <p>Delivery faults of the source side, for scenarios a faithful pipe must absorb: each event
 * sent twice (S3 notifications are delivered at least once), or sent again after a delay (a
 * message redelivered after it was processed).
 */
public final class EmbeddedSqs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
    /** ElasticMQ's default account id, the second segment of its queue URLs. */
    public static final String ACCOUNT_ID = "000000000000";

    private final String region;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 12);
    private ActorSystem actors;
    private SQSRestServer server;
    private SqsClient client;
    private URI endpoint;
    private ScheduledExecutorService redeliveries;
    private boolean closed;

    private EmbeddedSqs(String region) {
        this.region = Objects.requireNonNull(region, "region");
    }

    /** A server that starts on the first call that needs it. */
    public static EmbeddedSqs lazy(String region) {
        return new EmbeddedSqs(region);
    }

    /**
     * A queue and the notification that feeds it.
     *
     * @param name              queue name: letters, digits, {@code -} and {@code _}, at most 80 (SQS)
     * @param bucket            bucket whose new objects are announced
     * @param prefix            only keys starting with it (the notification's prefix filter); empty for all
     * @param retention         how long a message is kept before it is dropped unread
     * @param visibilityTimeout how long a received message stays invisible
     * @param duplicateEvents   send every event twice
     * @param redeliverAfter    send every event again after this delay, or {@code null}
     */
    public record QueueOptions(
            String name,
            String bucket,
            String prefix,
            Duration retention,
            Duration visibilityTimeout,
            boolean duplicateEvents,
            Duration redeliverAfter) {
        public QueueOptions {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bucket, "bucket");
            prefix = prefix == null ? "" : prefix;
            if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
                throw new IllegalArgumentException(
                        "queue name '" + name + "' must be 1 to 80 letters, digits, '-' or" + " '_' (SQS)");
            }
            retention = retention == null ? Duration.ofDays(4) : retention;
            visibilityTimeout = visibilityTimeout == null ? Duration.ofSeconds(30) : visibilityTimeout;
            if (retention.isNegative() || retention.isZero() || retention.compareTo(Duration.ofDays(14)) > 0) {
                throw new IllegalArgumentException(
                        "retention must be more than 0 and at most 14 days (SQS), was " + retention);
            }
            if (visibilityTimeout.isNegative() || visibilityTimeout.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException(
                        "visibilityTimeout must be 0 to 12 hours (SQS), was " + visibilityTimeout);
            }
        }
    }

    /** A queue as created: its URL and options. */
    public record Queue(String url, QueueOptions options) {}

    /** The server's URL, {@code http://127.0.0.1:PORT}; starts it if needed. */
    public synchronized URI endpoint() {
        start();
        return endpoint;
    }

    /** Whether the server runs. */
    public synchronized boolean started() {
        return server != null;
    }

    public String region() {
        return region;
    }

    /**
     * Creates the queue (starting the server if needed), routes the bucket's new objects under the
     * prefix to it and sends S3's test event to it. A queue of the same name is replaced.
     */
    public Queue createQueue(QueueOptions options) {
        SqsClient sqs;
        synchronized (this) {
            start();
            sqs = client;
        }
        String url = sqs.createQueue(b -> b.queueName(options.name())
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Long.toString(options.visibilityTimeout().toSeconds()))))
                .queueUrl();
        Queue queue = new Queue(url, options);
        queues.put(options.name(), queue);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(S3EventMessages.testEvent(options.bucket(), Instant.now())));
        LOG.info(
                "SQS queue {} gets the new objects of s3://{}/{} (retention {} s{}{})",
                url,
                options.bucket(),
                options.prefix(),
                options.retention().toSeconds(),
                options.duplicateEvents() ? ", every event twice" : "",
                options.redeliverAfter() == null
                        ? ""
                        : ", every event again after "
                                + options.redeliverAfter().toMillis() + " ms");
        return queue;
    }

    /** Removes the notification and deletes the queue; idempotent. */
    public void deleteQueue(String name) {
        Queue queue = queues.remove(name);
        SqsClient sqs;
        synchronized (this) {
            sqs = client;
        }
        if (queue != null && sqs != null) {
            try {
                sqs.deleteQueue(b -> b.queueUrl(queue.url()));
            } catch (RuntimeException e) {
                LOG.debug("Deleting queue {} failed: {}", queue.url(), e.toString());
            }
        }
    }

    /** The retention a queue of this server was created with, by URL; empty for other queues. */
    public Optional<Duration> retention(String queueUrl) {
        return queues.values().stream()
                .filter(q -> q.url().equals(queueUrl))
                .map(q -> q.options().retention())
                .findFirst();
    }

    /**
     * An object was created: sends the event to every queue routed from its bucket and prefix.
     * Called by the S3 server before it answers the request, so an acknowledged write has its
     * event in the queue.
     */
    public void objectCreated(String bucket, String key, long size, String eTag, String eventName) {
        List<Queue> targets = new ArrayList<>();
        for (Queue q : queues.values()) {
            if (q.options().bucket().equals(bucket)
                    && key.startsWith(q.options().prefix())) {
                targets.add(q);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        String seq = String.format("%016X", sequencer.incrementAndGet());
        SqsClient sqs;
        synchronized (this) {
            sqs = client;
        }
        for (Queue q : targets) {
            String body = S3EventMessages.objectCreated(
                    region,
                    eventName,
                    bucket,
                    key,
                    size,
                    eTag,
                    seq,
                    "cpcheck-" + q.options().name(),
                    Instant.now());
            try {
                sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body));
                if (q.options().duplicateEvents()) {
                    sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body));
                }
                if (q.options().redeliverAfter() != null) {
                    redeliver(q, body);
                }
            } catch (RuntimeException e) {
                // S3 would retry; here the write has happened and its event is lost: say so loudly
                LOG.warn("Could not send the event of s3://{}/{} to {}: {}", bucket, key, q.url(), e.toString());
            }
        }
    }

    private synchronized void redeliver(Queue q, String body) {
        if (closed) {
            return;
        }
        if (redeliveries == null) {
            redeliveries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sqs-redelivery");
                t.setDaemon(true);
                return t;
            });
        }
        SqsClient sqs = client;
        redeliveries.schedule(
                () -> {
                    if (queues.get(q.options().name()) == q) {
                        try {
                            sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body));
                        } catch (RuntimeException e) {
                            LOG.debug("Redelivery to {} failed: {}", q.url(), e.toString());
                        }
                    }
                },
                q.options().redeliverAfter().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A client of this server (dummy credentials: ElasticMQ checks none). */
    public static SqsClient client(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cpcheck", "cpcheck")))
                .build();
    }

    private void start() {
        if (closed) {
            throw new IllegalStateException("The embedded SQS server is stopped");
        }
        if (server != null) {
            return;
        }
        long t0 = System.nanoTime();
        // Pekko's own logger writes to standard output, which carries the stack's ready line: use SLF4J
        Config config =
                ConfigFactory.parseString("""
                        pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                        pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                        pekko.loglevel = WARNING
                        pekko.stdout-loglevel = OFF
                        pekko.log-dead-letters = off
                        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                        """).withFallback(ConfigFactory.load(EmbeddedSqs.class.getClassLoader()));
        ActorSystem system = ActorSystem.create("cpcheck-sqs", config, EmbeddedSqs.class.getClassLoader());
        try {
            SQSRestServer s = SQSRestServerBuilder.withActorSystem(system)
                    .withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(region)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            int port = s.waitUntilStarted().localAddress().getPort();
            actors = system;
            server = s;
            endpoint = URI.create("http://127.0.0.1:" + port);
            client = client(endpoint, region);
            LOG.info("Embedded SQS (ElasticMQ) ready on {} in {} ms", endpoint, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            system.terminate();
            throw new EmulatorException("Could not start the embedded SQS server (ElasticMQ): " + e, e);
        }
    }

    /** Stops the server; its queues and messages are gone. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (redeliveries != null) {
            redeliveries.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            try {
                server.stopAndWait();
            } catch (RuntimeException e) {
                LOG.debug("Stopping ElasticMQ failed: {}", e.toString());
            }
        }
        if (actors != null) {
            try {
                Await.result(actors.terminate(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                LOG.debug("Stopping the SQS actor system failed: {}", e.toString());
            }
        }
        queues.clear();
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedSqs[" + (endpoint == null ? "not started" : endpoint) + ", " + queues.size() + " queues]";
    }
}
