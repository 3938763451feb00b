package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.EmulatedPipe;
import dev.cpcheck.emulator.FaultMode;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseException;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.pipe.IngestionSql.TableColumn;
import dev.cpcheck.emulator.internal.s3.S3KeyLister;
import dev.cpcheck.emulator.internal.s3.S3KeyLister.ObjectInfo;
import dev.cpcheck.emulator.internal.s3.S3Location;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ClickPipe: its lifecycle (state machine driven by API commands) and its ingestion worker,
 * which behaves like ClickPipes' object storage continuous mode in lexicographic order.
 *
 * <p>Each poll lists the keys matching the pipe's URL that sort after the checkpoint, takes up to
 * {@code object_storage_max_file_count} of them (and at most {@code object_storage_max_insert_bytes}),
 * and moves them into the destination exactly once:
 * <ol>
 *   <li>the batch (sequence number and keys) is written ahead to {@code pending-batch.json};</li>
 *   <li>one {@code INSERT ... SELECT ... FROM s3()} inserts it with the deterministic
 *       {@code insert_deduplication_token} of that sequence number, single-threaded so that a retry
 *       forms the same blocks, under a query id derived from it so that a retry cannot run beside a
 *       still-running first attempt;</li>
 *   <li>the checkpoint (greatest key, sequence number) is replaced atomically and the pending file
 *       removed.</li>
 * </ol>
 * A crash anywhere leaves either a pending batch, which the next start inserts again with the same
 * token (ClickHouse drops the blocks it already has), or a committed checkpoint.
 *
 * <p>Only the worker thread touches the checkpoint and pending files; API threads change the
 * status under the lock and wake the worker.
 */
public final class PipeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(PipeRuntime.class);
    private static final int QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING = 216;
    private static final Pattern DEDUP_WINDOW = Pattern.compile("non_replicated_deduplication_window\\s*=\\s*(\\d+)");
    private static final Pattern MERGE_TREE = Pattern.compile(
            "(Replacing|Summing|Aggregating|Collapsing" + "|VersionedCollapsing|Graphite|Coalescing)?MergeTree");

    private final String id;
    private final PipeStore store;
    private final ClickHouseHttp clickHouse;
    private final EmulatorSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private PipeSpec spec;
    private PipeStatus status;
    private boolean batchInFlight;
    private boolean shutdown;
    private boolean deleted;
    private long nextPollAtNanos;
    private int failures;

    // worker thread only (volatile for readers of the Java API)
    private volatile Checkpoint checkpoint;
    private volatile PendingBatch pending;
    private S3KeyLister lister;
    private String listerIdentity;
    private final Set<String> deduplicationChecked = new HashSet<>();

    private Thread thread;

    private PipeRuntime(
            PipeStore store,
            PipeSpec spec,
            PipeStatus status,
            Checkpoint checkpoint,
            PendingBatch pending,
            ClickHouseHttp clickHouse,
            EmulatorSettings settings) {
        this.id = spec.id();
        this.store = store;
        this.spec = spec;
        this.status = status;
        this.checkpoint = checkpoint;
        this.pending = pending;
        this.clickHouse = clickHouse;
        this.settings = settings;
    }

    /** A new pipe: stored, in state Provisioning until the provisioning delay has passed. */
    static PipeRuntime create(PipeStore store, PipeSpec spec, ClickHouseHttp clickHouse, EmulatorSettings settings) {
        Instant now = Instant.now();
        PipeStatus status = new PipeStatus(
                PipeStatus.PROVISIONING, now, now.plus(settings.provisioningDelay()), false, null, null, null);
        store.writeSpec(spec);
        store.writeCheckpoint(Checkpoint.initial());
        store.writeStatus(status);
        return new PipeRuntime(store, spec, status, Checkpoint.initial(), null, clickHouse, settings);
    }

    /** A pipe from its folder, as a restarted emulator finds it. */
    static PipeRuntime load(PipeStore store, ClickHouseHttp clickHouse, EmulatorSettings settings) {
        PipeSpec spec = Objects.requireNonNull(store.readSpec(), "pipe.json");
        PipeStatus status = store.readStatus();
        if (status == null) {
            status = new PipeStatus(PipeStatus.RUNNING, Instant.now(), null, false, null, null, null);
        }
        return new PipeRuntime(store, spec, status, store.readCheckpoint(), store.readPending(), clickHouse, settings);
    }

    /** Starts the worker thread. */
    void startWorker() {
        Thread t = new Thread(this::runWorker, "clickpipe-" + id.substring(0, Math.min(8, id.length())));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public String id() {
        return id;
    }

    public PipeSpec spec() {
        lock.lock();
        try {
            return spec;
        } finally {
            lock.unlock();
        }
    }

    /** The state as the API reports it, after any transition that is due. */
    public String state() {
        lock.lock();
        try {
            advanceTransitions(Instant.now());
            return status.state();
        } finally {
            lock.unlock();
        }
    }

    /** Configuration and state read together. */
    public record View(PipeSpec spec, String state) {}

    public View view() {
        lock.lock();
        try {
            advanceTransitions(Instant.now());
            return new View(spec, status.state());
        } finally {
            lock.unlock();
        }
    }

    /** The Java API's picture of this pipe. */
    public EmulatedPipe describe() {
        lock.lock();
        try {
            advanceTransitions(Instant.now());
            Checkpoint c = checkpoint;
            PendingBatch p = pending;
            return new EmulatedPipe(
                    id,
                    spec.name(),
                    status.state(),
                    effectiveFaultMode(),
                    c.lastKey(),
                    c.batchSeq(),
                    c.batchesCommitted(),
                    c.filesIngested(),
                    c.rowsIngested(),
                    p == null ? List.of() : p.keys(),
                    status.lastError());
        } finally {
            lock.unlock();
        }
    }

    /** The pipe's own fault mode, or {@code null} when it follows the emulator-wide one. */
    public FaultMode ownFaultMode() {
        lock.lock();
        try {
            return status.faultMode() == null ? null : FaultMode.fromId(status.faultMode());
        } finally {
            lock.unlock();
        }
    }

    public void ownFaultMode(FaultMode mode) {
        lock.lock();
        try {
            status = status.withFaultMode(mode == null ? null : mode.id());
            store.writeStatus(status);
        } finally {
            lock.unlock();
        }
    }

    private FaultMode effectiveFaultMode() {
        return status.faultMode() != null ? FaultMode.fromId(status.faultMode()) : settings.faultMode();
    }

    // ---------------------------------------------------------------- API commands

    /**
     * The {@code start} command: allowed from Stopped and Failed.
     *
     * @throws PipeRejectedException when the pipe is running or in a state that cannot start
     */
    public View start() {
        lock.lock();
        try {
            Instant now = Instant.now();
            advanceTransitions(now);
            String state = status.state();
            switch (state) {
                case PipeStatus.RUNNING, PipeStatus.PROVISIONING ->
                    throw new PipeRejectedException(shortId() + " ClickPipe is already running");
                case PipeStatus.STOPPING ->
                    throw new PipeRejectedException(shortId() + " ClickPipe is stopping; start it once it is Stopped");
                case PipeStatus.COMPLETED ->
                    throw new PipeRejectedException(
                            shortId() + " ClickPipe has completed; only Stopped or Failed ClickPipes can be started");
                default -> {
                    // Stopped or Failed
                }
            }
            FaultMode mode = effectiveFaultMode();
            String resumeFault = null;
            if (state.equals(PipeStatus.STOPPED)
                    && (mode == FaultMode.RESTART_FROM_SCRATCH
                            || mode == FaultMode.SKIP_PAUSED_FILES
                            || mode == FaultMode.REPLAY_LAST_BATCH)) {
                resumeFault = mode.id();
            }
            Duration delay = settings.stateTransitionDelay();
            PipeStatus next = delay.isZero()
                    ? status.withState(PipeStatus.RUNNING, now, null)
                    : status.withState(PipeStatus.PROVISIONING, now, now.plus(delay));
            status = next.withIngestWhilePaused(false)
                    .withResumeFault(resumeFault)
                    .withLastError(null);
            store.writeStatus(status);
            failures = 0;
            nextPollAtNanos = System.nanoTime();
            changed.signalAll();
            LOG.info(
                    "ClickPipe {} started ({} -> {}){}",
                    id,
                    state,
                    status.state(),
                    resumeFault == null ? "" : ", fault on resume: " + resumeFault);
            return new View(spec, status.state());
        } finally {
            lock.unlock();
        }
    }

    /** The {@code stop} command: allowed from any state; idempotent. */
    public View stop() {
        lock.lock();
        try {
            Instant now = Instant.now();
            advanceTransitions(now);
            String state = status.state();
            if (state.equals(PipeStatus.STOPPED) || state.equals(PipeStatus.STOPPING)) {
                return new View(spec, state);
            }
            boolean keepIngesting = effectiveFaultMode() == FaultMode.INGEST_WHILE_PAUSED;
            status = status.withState(PipeStatus.STOPPING, now, now.plus(settings.stateTransitionDelay()))
                    .withIngestWhilePaused(keepIngesting)
                    .withResumeFault(null);
            store.writeStatus(status);
            changed.signalAll();
            LOG.info(
                    "ClickPipe {} stopping ({} -> Stopping){}",
                    id,
                    state,
                    keepIngesting ? ", fault: keeps ingesting while paused" : "");
            // the reply shows Stopping; a transition with no delay and no batch in flight completes at the next read
            return new View(spec, status.state());
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the configuration (PATCH, settings, scaling); a running worker picks it up at once. */
    public View update(UnaryOperator<PipeSpec> change) {
        lock.lock();
        try {
            PipeSpec updated = change.apply(spec);
            store.writeSpec(updated);
            spec = updated;
            // a shorter polling interval takes effect now, not after the current wait
            nextPollAtNanos = Math.min(
                    nextPollAtNanos, System.nanoTime() + pollInterval(updated).toNanos());
            changed.signalAll();
            advanceTransitions(Instant.now());
            return new View(spec, status.state());
        } finally {
            lock.unlock();
        }
    }

    /** Stops the worker and removes the pipe's files. */
    void delete() {
        lock.lock();
        try {
            deleted = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        joinWorker(Duration.ofSeconds(30));
        store.delete();
        LOG.info("ClickPipe {} deleted", id);
    }

    /** Stops the worker; an insert in flight is abandoned and redone (deduplicated) on the next start. */
    void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        joinWorker(Duration.ofSeconds(1));
        Thread t = thread;
        if (t != null && t.isAlive()) {
            t.interrupt();
            joinWorker(Duration.ofSeconds(10));
        }
    }

    private void joinWorker(Duration timeout) {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- state machine

    /** Moves Provisioning to Running and Stopping to Stopped when due. Caller holds the lock. */
    private void advanceTransitions(Instant now) {
        String state = status.state();
        Instant due = status.transitionDueAt();
        boolean isDue = due == null || !now.isBefore(due);
        if (state.equals(PipeStatus.PROVISIONING) && isDue) {
            status = status.withState(PipeStatus.RUNNING, now, null);
            store.writeStatus(status);
            nextPollAtNanos = System.nanoTime();
            changed.signalAll();
            LOG.info("ClickPipe {} is Running", id);
        } else if (state.equals(PipeStatus.STOPPING) && isDue && (!batchInFlight || status.ingestWhilePaused())) {
            status = status.withState(PipeStatus.STOPPED, now, null);
            store.writeStatus(status);
            changed.signalAll();
            LOG.info("ClickPipe {} is Stopped", id);
        }
    }

    private boolean mayIngest() {
        String state = status.state();
        if (state.equals(PipeStatus.RUNNING)) {
            return true;
        }
        return status.ingestWhilePaused() && (state.equals(PipeStatus.STOPPING) || state.equals(PipeStatus.STOPPED));
    }

    private static Duration pollInterval(PipeSpec spec) {
        return Duration.ofMillis(PipeSettings.longValue(spec.settings(), PipeSettings.POLLING_INTERVAL_MS));
    }

    private String shortId() {
        return id.substring(0, Math.min(8, id.length()));
    }

    // ---------------------------------------------------------------- worker

    private record Poll(boolean moreAvailable, boolean sourceExhausted) {}

    private void runWorker() {
        try {
            while (true) {
                PipeSpec current;
                String resumeFault;
                lock.lock();
                try {
                    while (true) {
                        if (shutdown || deleted) {
                            return;
                        }
                        Instant now = Instant.now();
                        advanceTransitions(now);
                        long nowNanos = System.nanoTime();
                        boolean may = mayIngest();
                        if (may && nowNanos >= nextPollAtNanos) {
                            break;
                        }
                        long wait = may ? nextPollAtNanos - nowNanos : TimeUnit.SECONDS.toNanos(1);
                        Instant due = status.transitionDueAt();
                        if (due != null) {
                            wait = Math.min(
                                    wait,
                                    Math.max(
                                            1_000_000L,
                                            Duration.between(now, due).toNanos()));
                        }
                        changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
                    }
                    batchInFlight = true;
                    current = spec;
                    resumeFault = status.resumeFault();
                } finally {
                    lock.unlock();
                }

                Poll poll = null;
                Throwable error = null;
                try {
                    if (resumeFault != null) {
                        applyResumeFault(current, FaultMode.fromId(resumeFault));
                    }
                    poll = pollOnce(current);
                } catch (Throwable t) {
                    error = t;
                }

                lock.lock();
                try {
                    batchInFlight = false;
                    if (shutdown || deleted) {
                        return;
                    }
                    if (error == null) {
                        failures = 0;
                        nextPollAtNanos = poll.moreAvailable()
                                ? System.nanoTime()
                                : System.nanoTime() + pollInterval(spec).toNanos();
                        if (poll.sourceExhausted()
                                && !current.source().continuous()
                                && status.state().equals(PipeStatus.RUNNING)) {
                            status = status.withState(PipeStatus.COMPLETED, Instant.now(), null);
                            store.writeStatus(status);
                            LOG.info("ClickPipe {} is Completed: every matching file was ingested", id);
                        }
                    } else {
                        onFailure(error);
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                if (error instanceof InterruptedException
                        || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("ClickPipe {} worker stopped unexpectedly", id, e);
        } finally {
            if (lister != null) {
                lister.close();
                lister = null;
            }
        }
    }

    /** Caller holds the lock. */
    private void onFailure(Throwable error) {
        if (error instanceof InterruptedException) {
            return;
        }
        failures++;
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        if (failures >= settings.maxInsertAttempts()) {
            status = status.withState(PipeStatus.FAILED, Instant.now(), null)
                    .withLastError(message)
                    .withIngestWhilePaused(false);
            store.writeStatus(status);
            failures = 0;
            LOG.warn("ClickPipe {} Failed after {} attempts: {}", id, settings.maxInsertAttempts(), message);
        } else {
            long backoff = settings.retryBackoff().toNanos() << Math.min(failures - 1, 6);
            nextPollAtNanos = System.nanoTime() + backoff;
            status = status.withLastError(message);
            store.writeStatus(status);
            LOG.info("ClickPipe {} ingestion attempt {} failed, retrying: {}", id, failures, message);
        }
    }

    /** Breaks the checkpoint the way the fault mode says, once, before the first poll after a resume. */
    private void applyResumeFault(PipeSpec current, FaultMode mode) throws InterruptedException {
        Checkpoint c = checkpoint;
        switch (mode) {
            case RESTART_FROM_SCRATCH -> {
                checkpoint = c.withLastKey(null);
                store.writeCheckpoint(checkpoint);
                LOG.warn("ClickPipe {} fault restart-from-scratch: checkpoint {} forgotten", id, c.lastKey());
            }
            case SKIP_PAUSED_FILES -> {
                String floor = floorKey(current, c);
                List<ObjectInfo> waiting = lister(current).listAfter(floor, Integer.MAX_VALUE);
                if (!waiting.isEmpty()) {
                    String last = waiting.get(waiting.size() - 1).key();
                    checkpoint = c.withLastKey(last);
                    store.writeCheckpoint(checkpoint);
                    LOG.warn(
                            "ClickPipe {} fault skip-paused-files: checkpoint moved from {} to {}, skipping {} files",
                            id,
                            c.lastKey(),
                            last,
                            waiting.size());
                }
            }
            case REPLAY_LAST_BATCH -> {
                if (pending == null && !c.lastBatch().isEmpty()) {
                    PendingBatch replay = new PendingBatch(c.batchSeq() + 1, c.lastBatch(), true, Instant.now());
                    store.writePending(replay);
                    pending = replay;
                    LOG.warn(
                            "ClickPipe {} fault replay-last-batch: batch of {} files queued again as batch {}",
                            id,
                            c.lastBatch().size(),
                            replay.seq());
                }
            }
            default -> {
                // NONE and INGEST_WHILE_PAUSED do nothing on resume
            }
        }
        lock.lock();
        try {
            status = status.withResumeFault(null);
            store.writeStatus(status);
        } finally {
            lock.unlock();
        }
    }

    private Poll pollOnce(PipeSpec current) throws InterruptedException {
        PendingBatch p = pending;
        if (p != null && p.seq() <= checkpoint.batchSeq()) {
            // committed before a crash removed the file: nothing to redo
            store.clearPending();
            pending = null;
            p = null;
        }
        if (p != null) {
            LOG.info(
                    "ClickPipe {} resuming batch {} ({} files) written ahead before a stop or crash",
                    id,
                    p.seq(),
                    p.keys().size());
            insertAndCommit(current, p);
            return new Poll(true, false);
        }
        long maxFiles = PipeSettings.longValue(current.settings(), PipeSettings.MAX_FILE_COUNT);
        long maxBytes = PipeSettings.longValue(current.settings(), PipeSettings.MAX_INSERT_BYTES);
        List<ObjectInfo> candidates = lister(current).listAfter(floorKey(current, checkpoint), (int) maxFiles + 1);
        List<String> keys = new ArrayList<>();
        long bytes = 0;
        for (ObjectInfo o : candidates) {
            if (keys.size() >= maxFiles || (!keys.isEmpty() && bytes + o.size() > maxBytes)) {
                break;
            }
            keys.add(o.key());
            bytes += o.size();
        }
        if (keys.isEmpty()) {
            return new Poll(false, true);
        }
        PendingBatch batch = new PendingBatch(checkpoint.batchSeq() + 1, keys, false, Instant.now());
        store.writePending(batch);
        pending = batch;
        insertAndCommit(current, batch);
        boolean more = candidates.size() > keys.size();
        return new Poll(more, !more);
    }

    /** Keys at or below this are never ingested again (absent a fault): the checkpoint or startAfter. */
    private static String floorKey(PipeSpec spec, Checkpoint c) {
        String startAfter = spec.source().startAfter();
        if (c.lastKey() == null) {
            return startAfter == null || startAfter.isEmpty() ? null : startAfter;
        }
        if (startAfter != null && S3Location.KEY_ORDER.compare(startAfter, c.lastKey()) > 0) {
            return startAfter;
        }
        return c.lastKey();
    }

    private void insertAndCommit(PipeSpec current, PendingBatch batch) throws InterruptedException {
        PipeSpec.Destination destination = current.destination();
        List<TableColumn> columns = destinationColumns(destination);
        ensureDeduplicationWindow(destination);
        String sql = IngestionSql.insert(current, columns, batch.keys());
        Map<String, String> querySettings = new LinkedHashMap<>();
        querySettings.put("insert_deduplicate", "1");
        querySettings.put("insert_deduplication_token", batch.deduplicationToken(id));
        // one thread: a retried batch forms the same blocks, hence the same block tokens
        querySettings.put("max_threads", "1");
        querySettings.put("max_insert_threads", "1");
        querySettings.put("async_insert", "0");
        querySettings.put("wait_end_of_query", "1");
        querySettings.put("input_format_skip_unknown_fields", "1");
        querySettings.put("date_time_input_format", "best_effort");
        querySettings.put("s3_skip_empty_files", "1");
        querySettings.putAll(IngestionSql.formatSettings(current.source()));
        String queryId = "cpcheck-emulator-" + id + "-" + batch.seq();

        long started = System.nanoTime();
        ClickHouseHttp.Result result = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (result == null) {
            try {
                result = clickHouse.execute(sql, querySettings, queryId, Duration.ofMinutes(30));
            } catch (ClickHouseException e) {
                if (e.code() != QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING || System.nanoTime() > deadline) {
                    throw e;
                }
                // an earlier attempt of this very batch is still running on the server: let it finish
                Thread.sleep(250);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        LOG.info(
                "ClickPipe {} batch {} inserted: {} files, {} rows in {} ms{}",
                id,
                batch.seq(),
                batch.keys().size(),
                result.writtenRows(),
                (System.nanoTime() - started) / 1_000_000,
                batch.replay() ? " (replay)" : "");
        Duration commitDelay = settings.checkpointCommitDelay();
        if (!commitDelay.isZero()) {
            LOG.info("ClickPipe {} batch {} committing checkpoint in {} ms", id, batch.seq(), commitDelay.toMillis());
            Thread.sleep(commitDelay.toMillis());
        }
        Instant now = Instant.now();
        Checkpoint next = checkpoint.commit(batch, result.writtenRows(), now);
        store.writeCheckpoint(next);
        checkpoint = next;
        store.archive(batch, now);
        store.clearPending();
        pending = null;
        LOG.debug("ClickPipe {} checkpoint at {} (batch {})", id, next.lastKey(), next.batchSeq());
    }

    private List<TableColumn> destinationColumns(PipeSpec.Destination destination) {
        String body = clickHouse.query("SELECT name, type, default_kind FROM system.columns WHERE database = "
                + ClickHouseHttp.literal(destination.database()) + " AND table = "
                + ClickHouseHttp.literal(destination.table()) + " ORDER BY position FORMAT TabSeparated");
        List<TableColumn> columns = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            columns.add(new TableColumn(unescape(parts[0]), unescape(parts[1]), parts.length > 2 ? parts[2] : ""));
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException(
                    "Destination table " + destination.database() + "." + destination.table() + " does not exist");
        }
        return columns;
    }

    /**
     * Token deduplication needs the table to remember recent block tokens; a plain MergeTree
     * remembers none by default, so the emulator sets a window on the destination (once per table).
     */
    private void ensureDeduplicationWindow(PipeSpec.Destination destination) {
        String table = destination.database() + "." + destination.table();
        if (deduplicationChecked.contains(table)) {
            return;
        }
        String row = clickHouse.queryValue("SELECT engine, engine_full FROM system.tables WHERE database = "
                + ClickHouseHttp.literal(destination.database()) + " AND name = "
                + ClickHouseHttp.literal(destination.table()) + " FORMAT TabSeparated");
        String[] parts = row.split("\t", 2);
        if (parts.length == 2 && MERGE_TREE.matcher(parts[0]).matches()) {
            Matcher m = DEDUP_WINDOW.matcher(parts[1]);
            long window = m.find() ? Long.parseLong(m.group(1)) : serverDefaultWindow();
            if (window < IngestionSql.DEDUPLICATION_WINDOW) {
                clickHouse.query("ALTER TABLE " + ClickHouseHttp.identifier(destination.database()) + "."
                        + ClickHouseHttp.identifier(destination.table())
                        + " MODIFY SETTING non_replicated_deduplication_window = " + IngestionSql.DEDUPLICATION_WINDOW);
                LOG.info(
                        "Set non_replicated_deduplication_window = {} on {} so that retried batches land once",
                        IngestionSql.DEDUPLICATION_WINDOW,
                        table);
            }
        }
        deduplicationChecked.add(table);
    }

    private long serverDefaultWindow() {
        String v = clickHouse
                .queryValue("SELECT value FROM system.merge_tree_settings WHERE name = "
                        + "'non_replicated_deduplication_window'")
                .trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private S3KeyLister lister(PipeSpec current) {
        PipeSpec.ObjectStorage source = current.source();
        String identity = source.url() + "\n" + source.accessKeyId() + "\n" + source.secretKey();
        if (lister == null || !identity.equals(listerIdentity)) {
            if (lister != null) {
                lister.close();
            }
            lister = new S3KeyLister(
                    S3Location.parse(source.url()), settings.s3Region(), source.accessKeyId(), source.secretKey());
            listerIdentity = identity;
        }
        return lister;
    }

    private static String unescape(String tsv) {
        if (tsv.indexOf('\\') < 0) {
            return tsv;
        }
        StringBuilder sb = new StringBuilder(tsv.length());
        for (int i = 0; i < tsv.length(); i++) {
            char c = tsv.charAt(i);
            if (c == '\\' && i + 1 < tsv.length()) {
                char n = tsv.charAt(++i);
                switch (n) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case '0' -> sb.append('\0');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
