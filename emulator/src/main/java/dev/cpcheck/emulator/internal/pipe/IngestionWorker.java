package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.FaultMode;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.nemesis.Nemeses;
import dev.cpcheck.emulator.internal.nemesis.Nemesis;
import dev.cpcheck.emulator.internal.s3.S3KeyLister;
import dev.cpcheck.emulator.internal.s3.S3KeyLister.ObjectInfo;
import dev.cpcheck.emulator.internal.s3.S3Location;
import dev.cpcheck.emulator.internal.sqs.EventQueueReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion worker of one pipe, like ClickPipes' object storage continuous mode in
 * lexicographic order (docs: S3 ClickPipe overview, "Lexicographical order": an initial load of
 * every matching file, then a poll every {@code object_storage_polling_interval_ms} for keys
 * greater than the last ingested one; a new key that sorts lower is ignored).
 *
 * <p>Each poll lists the keys above the checkpoint, takes at most
 * {@code object_storage_max_file_count} of them and at most {@code object_storage_max_insert_bytes}
 * (docs: "Max file count: maximum number of files to process in a single insert batch", "Max insert
 * bytes: number of bytes to process in a single insert batch"), writes the batch ahead to
 * {@code pending-batch.json} and hands it to the {@link StagedBatchWriter}. A file over 10 GB is
 * not ingested: an error goes to the error table and the checkpoint passes it (docs: S3 ClickPipe
 * overview, "File size").
 *
 * <p>A pipe with a {@code queueUrl} is in unordered mode (docs: S3 ClickPipes, "Unordered mode"): the
 * same listing serves as its initial load (skipped with {@code skipInitialLoad}); once the listing
 * is exhausted the checkpoint says so and every poll reads the queue instead ({@link QueueBatchPlan}
 * decides what a poll's messages become), the batch going through the same staging mechanics and
 * its messages deleted only after the commit.
 *
 * <p>Only this thread touches the checkpoint and pending files.
 */
final class IngestionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(IngestionWorker.class);
    /** Files larger than this are skipped with an error (docs: "objects that are 10GB or smaller"). */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024 * 1024;

    private final PipeRuntime runtime;
    private final PipeStore store;
    private final EmulatorSettings settings;
    private final StagedBatchWriter writer;
    private final SideTables sideTables;
    private final ClickHouseHttp clickHouse;

    private volatile Checkpoint checkpoint;
    private volatile PendingBatch pending;
    private KeyLister lister;
    private String listerIdentity;
    /** Unordered mode: the pipe's queue, and the messages of the batch in flight (deleted after its commit). */
    private EventQueueReader queue;

    private List<String> batchMessages = List.of();
    /** Fault lose-event-while-paused: the first new-file event sent since then is dropped. */
    private Instant dropEventSince;

    IngestionWorker(
            PipeRuntime runtime,
            PipeStore store,
            ClickHouseHttp clickHouse,
            EmulatorSettings settings,
            Checkpoint checkpoint,
            PendingBatch pending) {
        this.runtime = runtime;
        this.store = store;
        this.settings = settings;
        this.clickHouse = clickHouse;
        this.checkpoint = checkpoint;
        this.pending = pending;
        this.writer = new StagedBatchWriter(runtime.id(), store, clickHouse, settings);
        this.sideTables = new SideTables(clickHouse);
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    PendingBatch pending() {
        return pending;
    }

    /** What a poll found. */
    record Poll(boolean moreAvailable, boolean sourceExhausted) {}

    void run() {
        try {
            while (true) {
                PipeRuntime.Work work = runtime.awaitWork();
                if (work == null) {
                    return;
                }
                Poll poll = null;
                Throwable error = null;
                try {
                    if (work.resumeFault() != null) {
                        applyResumeFault(work.spec(), work.resumeFault(), work.stoppedAt());
                    }
                    poll = pollOnce(work.spec());
                } catch (Throwable t) {
                    error = t;
                }
                if (!runtime.finishWork(work.spec(), poll, error)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("ClickPipe {} worker stopped unexpectedly", runtime.id(), e);
        } finally {
            if (lister != null) {
                lister.close();
                lister = null;
            }
            if (queue != null) {
                queue.close();
                queue = null;
            }
        }
    }

    /** Drops the pipe's archive table and a staging table left behind (pipe deleted). */
    void dropSideTables(StoredPipe spec) {
        DestinationTable destination = new DestinationTable(
                clickHouse, spec.destination().database(), spec.destination().table());
        try {
            sideTables.dropArchive(destination, runtime.id());
            PendingBatch p = pending;
            if (p != null) {
                writer.discard(spec, p);
            }
        } catch (RuntimeException e) {
            LOG.warn("ClickPipe {}: could not drop its archive or staging table: {}", runtime.id(), e.getMessage());
        }
    }

    private void applyResumeFault(StoredPipe spec, FaultMode mode, Instant stoppedAt) throws InterruptedException {
        Nemesis nemesis = Nemeses.of(mode);
        nemesis.onResume(new Nemesis.ResumeContext() {
            @Override
            public String pipeId() {
                return runtime.id();
            }

            @Override
            public boolean unordered() {
                return spec.source().queueUrl() != null;
            }

            @Override
            public Instant stoppedAt() {
                return stoppedAt;
            }

            @Override
            public void dropFirstEventSentSince(Instant since) {
                dropEventSince = since;
            }

            @Override
            public String checkpointKey() {
                return checkpoint.lastKey();
            }

            @Override
            public List<String> lastBatch() {
                return checkpoint.lastBatch();
            }

            @Override
            public void moveCheckpoint(String key) {
                Checkpoint moved = checkpoint.withLastKey(key);
                if (key == null && spec.source().queueUrl() != null) {
                    moved = moved.withInitialLoadDone(false); // unordered: the initial load starts over
                }
                store.writeCheckpoint(moved);
                checkpoint = moved;
            }

            @Override
            public List<String> keysAboveCheckpoint() {
                return lister(spec).listAfter(floorKey(spec, checkpoint), Integer.MAX_VALUE).stream()
                        .map(ObjectInfo::key)
                        .toList();
            }

            @Override
            public void queueReplay(List<String> keys) {
                if (pending == null) {
                    PendingBatch replay = PendingBatch.of(checkpoint.batchSeq() + 1, keys, true);
                    store.writePending(replay);
                    pending = replay;
                }
            }
        });
        runtime.resumeFaultApplied();
    }

    private Poll pollOnce(StoredPipe spec) throws InterruptedException {
        PendingBatch p = pending;
        if (p != null && p.seq() <= checkpoint.batchSeq()) {
            // committed before a crash removed the file: nothing to redo
            writer.discard(spec, p);
            store.clearPending();
            pending = null;
            p = null;
        }
        if (p != null) {
            LOG.info(
                    "ClickPipe {} finishing batch {} ({} files, {}) left by a stop or crash",
                    runtime.id(),
                    p.seq(),
                    p.keys().size(),
                    p.phase());
            commit(spec, p);
            deleteBatchMessages();
            return new Poll(true, false);
        }
        if (spec.source().queueUrl() == null) {
            return pollListing(spec);
        }
        if (!checkpoint.readsQueue()) {
            if (!Boolean.TRUE.equals(spec.source().skipInitialLoad())) {
                Poll listed = pollListing(spec);
                if (!listed.sourceExhausted()) {
                    return listed;
                }
            }
            Checkpoint reading = checkpoint.withInitialLoadDone(true);
            store.writeCheckpoint(reading);
            checkpoint = reading;
            LOG.info(
                    "ClickPipe {} {}; reading queue {}",
                    runtime.id(),
                    Boolean.TRUE.equals(spec.source().skipInitialLoad())
                            ? "skips the initial load"
                            : "finished its initial load",
                    spec.source().queueUrl());
        }
        return pollQueue(spec);
    }

    /** Continuous mode in key order, and the initial load of unordered mode: the keys above the checkpoint. */
    private Poll pollListing(StoredPipe spec) throws InterruptedException {
        long maxFiles = PipeSettings.longValue(spec.settings(), PipeSettings.MAX_FILE_COUNT);
        long maxBytes = PipeSettings.longValue(spec.settings(), PipeSettings.MAX_INSERT_BYTES);
        List<ObjectInfo> candidates = lister(spec).listAfter(floorKey(spec, checkpoint), (int) maxFiles + 1);
        List<String> keys = new ArrayList<>();
        List<ObjectInfo> tooLarge = new ArrayList<>();
        long bytes = 0;
        int taken = 0;
        for (ObjectInfo o : candidates) {
            if (keys.size() >= maxFiles || (!keys.isEmpty() && bytes + o.size() > maxBytes)) {
                break;
            }
            taken++;
            if (o.size() > MAX_FILE_BYTES) {
                tooLarge.add(o);
                continue;
            }
            keys.add(o.key());
            bytes += o.size();
        }
        for (ObjectInfo o : tooLarge) {
            sideTables.recordError(
                    new DestinationTable(
                            clickHouse,
                            spec.destination().database(),
                            spec.destination().table()),
                    runtime.id(),
                    o.key(),
                    "File is larger than 10GB (" + o.size() + " bytes) and was not ingested");
        }
        if (keys.isEmpty()) {
            if (!tooLarge.isEmpty()) {
                Checkpoint passed =
                        checkpoint.withLastKey(tooLarge.get(tooLarge.size() - 1).key());
                store.writeCheckpoint(passed);
                checkpoint = passed;
                return new Poll(true, false);
            }
            return new Poll(false, true);
        }
        PendingBatch batch = PendingBatch.of(checkpoint.batchSeq() + 1, keys, false);
        store.writePending(batch);
        pending = batch;
        commit(spec, batch);
        boolean more = candidates.size() > taken;
        return new Poll(more, !more);
    }

    /** Unordered mode: one receive round of the pipe's queue and the batch it makes ({@link QueueBatchPlan}). */
    private Poll pollQueue(StoredPipe spec) throws InterruptedException {
        S3Location location = S3Location.parse(spec.source().url());
        EventQueueReader reader = queue(spec);
        long maxFiles = PipeSettings.longValue(spec.settings(), PipeSettings.MAX_FILE_COUNT);
        long maxBytes = PipeSettings.longValue(spec.settings(), PipeSettings.MAX_INSERT_BYTES);
        List<EventQueueReader.Received> received = reader.receive((int) maxFiles);
        if (received.isEmpty()) {
            return new Poll(false, false);
        }
        DestinationTable destination = new DestinationTable(
                clickHouse, spec.destination().database(), spec.destination().table());
        QueueBatchPlan plan = QueueBatchPlan.of(
                received,
                location.bucket(),
                location.keyPattern(),
                reader.retention(),
                Instant.now(),
                dropEventSince,
                maxFiles,
                maxBytes,
                keys -> sideTables.archived(destination, runtime.id(), keys));
        if (plan.droppedByFault() != null) {
            dropEventSince = null;
            LOG.warn(
                    "ClickPipe {} fault lose-event-while-paused: the event of {} is dropped",
                    runtime.id(),
                    plan.droppedByFault());
        }
        if (plan.expired() > 0) {
            LOG.warn(
                    "ClickPipe {}: {} message(s) older than the queue's retention of {} s were dropped unread, as SQS"
                            + " deletes them",
                    runtime.id(),
                    plan.expired(),
                    reader.retention().toSeconds());
        }
        for (String key : plan.tooLarge()) {
            sideTables.recordError(destination, runtime.id(), key, "File is larger than 10GB and was not ingested");
        }
        reader.delete(plan.deleteNow());
        reader.release(plan.release());
        boolean more = received.size() >= maxFiles || !plan.release().isEmpty();
        if (plan.keys().isEmpty()) {
            return new Poll(more, false);
        }
        PendingBatch batch = PendingBatch.of(checkpoint.batchSeq() + 1, plan.keys(), false);
        store.writePending(batch);
        pending = batch;
        batchMessages = plan.deleteAfterCommit();
        commit(spec, batch);
        deleteBatchMessages();
        return new Poll(more, false);
    }

    private void deleteBatchMessages() {
        if (queue != null && !batchMessages.isEmpty()) {
            queue.delete(batchMessages);
        }
        batchMessages = List.of();
    }

    private EventQueueReader queue(StoredPipe spec) {
        String url = spec.source().queueUrl();
        if (queue == null || !queue.queueUrl().equals(url)) {
            if (queue != null) {
                queue.close();
            }
            queue = new EventQueueReader(
                    url, settings.s3Region(), settings.queueRetention(url).orElse(EventQueueReader.DEFAULT_RETENTION));
        }
        return queue;
    }

    private void commit(StoredPipe spec, PendingBatch batch) throws InterruptedException {
        try {
            checkpoint = writer.ingest(spec, batch, checkpoint);
            pending = null;
        } catch (RuntimeException | InterruptedException e) {
            // the next attempt resumes from the phase the batch reached (a STAGED batch must not be staged again)
            pending = store.readPending();
            throw e;
        }
    }

    /** Keys at or below this are never ingested again (absent a fault): the checkpoint or startAfter. */
    private static String floorKey(StoredPipe spec, Checkpoint c) {
        String startAfter = spec.source().startAfter();
        if (c.lastKey() == null) {
            return startAfter == null || startAfter.isEmpty() ? null : startAfter;
        }
        if (startAfter != null && S3Location.KEY_ORDER.compare(startAfter, c.lastKey()) > 0) {
            return startAfter;
        }
        return c.lastKey();
    }

    private KeyLister lister(StoredPipe spec) {
        StoredPipe.ObjectStorage source = spec.source();
        String identity = source.url() + "\n" + source.accessKeyId() + "\n" + source.secretKey() + "\n"
                + source.connectionString();
        if (lister == null || !identity.equals(listerIdentity)) {
            if (lister != null) {
                lister.close();
            }
            if (source.azure()) {
                lister = new AzureKeyLister(
                        clickHouse,
                        source.connectionString(),
                        AzureLocation.of(source.azureContainerName(), source.path()));
            } else {
                S3KeyLister s3 = new S3KeyLister(
                        S3Location.parse(source.url()), settings.s3Region(), source.accessKeyId(), source.secretKey());
                lister = new KeyLister() {
                    @Override
                    public List<ObjectInfo> listAfter(String after, int limit) {
                        return s3.listAfter(after, limit);
                    }

                    @Override
                    public void close() {
                        s3.close();
                    }
                };
            }
            listerIdentity = identity;
        }
        return lister;
    }
}
