package dev.cpcheck.s3;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.spi.EventQueue;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.IngestionOrder;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.s3.internal.S3Clients;
import dev.cpcheck.s3.internal.sqs.LocalQueues;
import dev.cpcheck.s3.internal.sqs.NotificationCheck;
import dev.cpcheck.s3.internal.sqs.SqsEventQueue;
import dev.cpcheck.s3.internal.sqs.UnorderedSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;

/**
 * The fixture files of one run for a pipe in unordered mode: the files of an {@link S3Fixture},
 * written in random order, and the SQS queue that announces them to the pipe.
 *
 * <ul>
 *   <li>On the embedded stack the run makes its own queue when the pipe is described
 *       ({@link #pipeSource}), with the bucket notification for the run prefix: files written
 *       before are in the bucket without an event, as when a queue is added to a bucket that holds
 *       files; with {@code skipInitialLoad} they are expected to be ignored
 *       ({@link Expectation#SKIP_INITIAL_LOAD}). The queue goes when the fixture closes.</li>
 *   <li>In the cloud it uses {@code SQS_QUEUE_URL} and checks that the bucket's event
 *       notifications send the run's new objects to it ({@link NotificationCheck}); every file has
 *       an event then. The queue is the user's and is never deleted or purged.</li>
 * </ul>
 *
 * <p>Each batch is written file by file in a shuffled order (seeded by the batch), so files become
 * visible in no key order; large batches (over {@value #SHUFFLED_MAX} files) are uploaded
 * concurrently, in whatever order the uploads finish.
 */
public final class S3UnorderedFixture implements SourceFixture {
    private static final Logger LOG = LoggerFactory.getLogger(S3UnorderedFixture.class);
    /** Batches up to this size are written one file at a time in shuffled order. */
    static final int SHUFFLED_MAX = 64;
    /** S3 delivers notifications "typically in seconds" but sometimes "a minute or longer" (AWS, S3 user guide). */
    static final Duration CLOUD_DELIVERY_GRACE = Duration.ofSeconds(90);

    private final S3Fixture files;
    private final UnorderedSettings settings;
    private final String queueName;
    private volatile long lastWriteNanos = Long.MIN_VALUE;
    private SqsEventQueue queue;
    private boolean closed;

    S3UnorderedFixture(S3Fixture files, UnorderedSettings settings) {
        this.files = files;
        this.settings = settings;
        this.queueName = "cpcheck-" + files.runId();
    }

    @Override
    public String providerId() {
        return S3UnorderedSourceProvider.ID;
    }

    @Override
    public String bucket() {
        return files.bucket();
    }

    @Override
    public String prefix() {
        return files.prefix();
    }

    /** The settings of unordered mode this fixture runs with. */
    public UnorderedSettings settings() {
        return settings;
    }

    @Override
    public List<ManifestFile> write(FileBatch batch) {
        List<ManifestFile> written;
        if (batch.count() > SHUFFLED_MAX) {
            written = files.write(batch, UploadOrder.ANY_ORDER, null);
        } else {
            List<Long> ids = new ArrayList<>();
            for (long id = batch.firstFileId(); id < batch.firstFileId() + batch.count(); id++) {
                ids.add(id);
            }
            Collections.shuffle(ids, new Random(batch.seed() * 31 + batch.firstFileId()));
            written = new ArrayList<>();
            for (long id : ids) {
                written.addAll(files.write(one(batch, id), UploadOrder.KEY_ORDER, null));
            }
        }
        lastWriteNanos = System.nanoTime();
        // in the bucket before the queue announces anything: a pipe that skips the initial load never sees it
        Expectation expected = settings.skipInitialLoad() && settings.local() && !queueExists()
                ? Expectation.SKIP_INITIAL_LOAD
                : Expectation.INGEST; // unordered mode has no checkpoint key: a low key is owed like any other
        return written.stream().map(f -> f.withExpectation(expected)).toList();
    }

    private static FileBatch one(FileBatch b, long fileId) {
        return new FileBatch(
                b.runId(),
                b.phase(),
                fileId,
                1,
                b.rowsPerFile(),
                b.payloadBytes(),
                b.format(),
                b.compression(),
                b.placement(),
                b.seed(),
                b.keyTemplate());
    }

    @Override
    public List<String> listKeys() {
        return files.listKeys();
    }

    @Override
    public int deleteAll() {
        return files.deleteAll();
    }

    /**
     * The pipe's source: the run's files in unordered mode, read from the queue. On the embedded
     * stack this makes the run's queue and its notification (once).
     */
    @Override
    public SourceSpec pipeSource(String format, String compression, boolean continuous) {
        return files.pipeSource(format, compression, continuous).withQueue(queue().url(), settings.skipInitialLoad());
    }

    @Override
    public IngestionOrder ingestionOrder() {
        return IngestionOrder.ANY_ORDER;
    }

    /** The run's queue: on the embedded stack once the pipe was described, in the cloud always. */
    @Override
    public Optional<EventQueue> eventQueue() {
        if (settings.local() && !queueExists()) {
            return Optional.empty();
        }
        return Optional.of(queue());
    }

    private synchronized boolean queueExists() {
        return queue != null;
    }

    private synchronized SqsEventQueue queue() {
        if (closed) {
            throw new IllegalStateException("this S3UnorderedFixture is closed");
        }
        if (queue == null) {
            queue = settings.local() ? localQueue() : cloudQueue();
        }
        return queue;
    }

    private SqsEventQueue localQueue() {
        LocalQueues stack = new LocalQueues(settings.controlUrl(), settings.controlToken());
        LocalQueues.Created created = stack.create(
                queueName,
                bucket(),
                prefix(),
                settings.retention(),
                settings.visibilityTimeout(),
                settings.duplicateEvents(),
                settings.redeliverAfter());
        LOG.info(
                "run {}: queue {} announces the new objects of s3://{}/{} (retention {} s)",
                files.runId(),
                created.queueUrl(),
                bucket(),
                prefix(),
                created.retention().toSeconds());
        return SqsEventQueue.local(
                created,
                SqsEventQueue.client(created.endpoint(), created.region(), S3Clients.credentials(files.settings())),
                () -> lastWriteNanos);
    }

    private SqsEventQueue cloudQueue() {
        String url = settings.queueUrl();
        checkNotification(url);
        return SqsEventQueue.aws(
                url,
                SqsEventQueue.client(null, NotificationCheck.region(url), S3Clients.credentials(files.settings())),
                CLOUD_DELIVERY_GRACE,
                () -> lastWriteNanos);
    }

    /** Stops the run when nothing sends its new objects to the queue; a configuration S3 cannot show is logged. */
    private void checkNotification(String url) {
        GetBucketNotificationConfigurationResponse config;
        try (S3AsyncClient s3 = S3Clients.create(files.settings())) {
            config = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket()))
                    .join();
        } catch (CompletionException e) {
            LOG.warn(
                    "run {}: cannot read the event notifications of s3://{} ({}); make sure they send new objects"
                            + " under {} to {}",
                    files.runId(),
                    bucket(),
                    e.getCause() == null ? e.toString() : e.getCause().getMessage(),
                    prefix(),
                    url);
            return;
        }
        NotificationCheck.Result r = NotificationCheck.check(config, bucket(), url, prefix());
        switch (r.outcome()) {
            case ROUTED -> LOG.info("run {}: {}", files.runId(), r.message());
            case EVENTBRIDGE_UNVERIFIED -> LOG.warn("run {}: {}", files.runId(), r.message());
            case MISSING -> throw new IllegalArgumentException(r.message());
        }
    }

    /** Closes the clients; on the embedded stack the run's queue and its notification go too. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (queue != null) {
                if (settings.local()) {
                    try {
                        new LocalQueues(settings.controlUrl(), settings.controlToken()).delete(queueName);
                    } catch (RuntimeException e) {
                        LOG.debug("run {}: could not delete queue {}: {}", files.runId(), queueName, e.toString());
                    }
                }
                queue.close();
            }
        } finally {
            files.close();
        }
    }

    @Override
    public String toString() {
        return "S3UnorderedFixture[s3://" + bucket() + "/" + prefix() + ", "
                + (queue == null ? settings.local() ? "local queue not made yet" : settings.queueUrl() : queue.url())
                + "]";
    }
}
