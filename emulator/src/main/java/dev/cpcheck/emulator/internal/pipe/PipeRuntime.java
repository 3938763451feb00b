package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.emulator.EmulatedPipe;
import dev.cpcheck.emulator.FaultMode;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseQueryException;
import dev.cpcheck.emulator.internal.nemesis.Nemeses;
import dev.cpcheck.emulator.internal.nemesis.Nemesis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ClickPipe: its configuration and its lifecycle ({@link PipeLifecycle} applied under a lock
 * and persisted in {@code status.json}), driving an {@link IngestionWorker} thread. API threads
 * send commands here; the worker asks for work ({@link #awaitWork()}) and reports how it went
 * ({@link #finishWork}). Faults come in as {@link Nemesis nemeses} of the pipe's fault mode.
 */
public final class PipeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(PipeRuntime.class);
    /** How long a start waits for the worker to apply its resume fault, past the state transition. */
    private static final Duration RESUME_FAULT_WAIT = Duration.ofSeconds(20);

    private final String id;
    private final PipeStore store;
    private final EmulatorSettings settings;
    private final IngestionWorker worker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private StoredPipe spec;
    private LifecycleRecord status;
    private boolean batchInFlight;
    private boolean shutdown;
    private boolean deleted;
    private long nextPollAtNanos;
    private int failures;
    private long worksFinished;

    private Thread thread;

    private PipeRuntime(
            PipeStore store,
            StoredPipe spec,
            LifecycleRecord status,
            Checkpoint checkpoint,
            PendingBatch pending,
            ClickHouseHttp clickHouse,
            EmulatorSettings settings) {
        this.id = spec.id();
        this.store = store;
        this.spec = spec;
        this.status = status;
        this.settings = settings;
        this.worker = new IngestionWorker(this, store, clickHouse, settings, checkpoint, pending);
    }

    /** A new pipe: stored, in state Provisioning until the provisioning delay has passed. */
    static PipeRuntime create(PipeStore store, StoredPipe spec, ClickHouseHttp clickHouse, EmulatorSettings settings) {
        Instant now = Instant.now();
        LifecycleRecord status = new LifecycleRecord(
                PipeState.PROVISIONING, now, now.plus(settings.provisioningDelay()), false, null, null, null);
        store.writeSpec(spec);
        store.writeCheckpoint(Checkpoint.initial());
        store.writeStatus(status);
        return new PipeRuntime(store, spec, status, Checkpoint.initial(), null, clickHouse, settings);
    }

    /** A pipe from its folder, as a restarted emulator finds it. */
    static PipeRuntime load(PipeStore store, ClickHouseHttp clickHouse, EmulatorSettings settings) {
        StoredPipe spec = Objects.requireNonNull(store.readSpec(), "pipe.json");
        LifecycleRecord status = store.readStatus();
        if (status == null) {
            status = new LifecycleRecord(PipeState.UNKNOWN, Instant.now(), null, false, null, null, null);
        }
        return new PipeRuntime(store, spec, status, store.readCheckpoint(), store.readPending(), clickHouse, settings);
    }

    /** Starts the worker thread. */
    void startWorker() {
        Thread t = new Thread(worker::run, "clickpipe-" + shortId());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public String id() {
        return id;
    }

    String shortId() {
        return id.substring(0, Math.min(8, id.length()));
    }

    public StoredPipe spec() {
        lock.lock();
        try {
            return spec;
        } finally {
            lock.unlock();
        }
    }

    /** Configuration and state read together. */
    public record View(StoredPipe spec, PipeState state) {}

    /** The configuration and the state as the API reports it, after any transition that is due. */
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
            Checkpoint c = worker.checkpoint();
            PendingBatch p = worker.pending();
            return new EmulatedPipe(
                    id,
                    spec.name(),
                    status.state().apiName(),
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
     * The {@code start} command: from Stopped or Failed through Provisioning to Running.
     *
     * @throws PipeRejectedException in any other state
     */
    public View start() {
        lock.lock();
        try {
            Instant now = Instant.now();
            advanceTransitions(now);
            PipeState before = status.state();
            PipeState next = PipeLifecycle.next(before, PipeEvent.START, shortId());
            FaultMode mode = effectiveFaultMode();
            Nemesis nemesis = Nemeses.of(mode);
            String resumeFault = before == PipeState.STOPPED && nemesis.breaksCheckpointOnResume() ? mode.id() : null;
            status = status.withState(next, now, now.plus(settings.stateTransitionDelay()))
                    .withIngestWhilePaused(false)
                    .withResumeFault(resumeFault)
                    .withLastError(null);
            advanceTransitions(now);
            store.writeStatus(status);
            failures = 0;
            nextPollAtNanos = System.nanoTime();
            changed.signalAll();
            LOG.info(
                    "ClickPipe {} started ({} -> {}){}",
                    id,
                    before,
                    status.state(),
                    resumeFault == null ? "" : ", fault on resume: " + resumeFault);
            if (resumeFault != null) {
                awaitResumeFault();
            }
            return new View(spec, status.state());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (caller holds the lock; released while waiting) until the worker has applied the resume
     * fault, or failed the attempt, so that the start is answered only then: a fault that reads the
     * source (skip-paused-files jumps past the files written while stopped) must see it as it was
     * at the start, not with the files a client writes as soon as the start is answered.
     */
    private void awaitResumeFault() {
        long deadline = System.nanoTime()
                + settings.stateTransitionDelay().plus(RESUME_FAULT_WAIT).toNanos();
        long finishedBefore = worksFinished;
        try {
            while (status.resumeFault() != null && worksFinished == finishedBefore && !shutdown && !deleted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("ClickPipe {}: start answered before its resume fault was applied", id);
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The {@code stop} command: allowed from any state; idempotent. */
    public View stop() {
        lock.lock();
        try {
            Instant now = Instant.now();
            advanceTransitions(now);
            PipeState before = status.state();
            PipeState next = PipeLifecycle.next(before, PipeEvent.STOP, shortId());
            if (next == before) {
                return new View(spec, before);
            }
            boolean keepIngesting = Nemeses.of(effectiveFaultMode()).ingestsWhileStopped();
            status = status.withState(next, now, now.plus(settings.stateTransitionDelay()))
                    .withIngestWhilePaused(keepIngesting)
                    .withResumeFault(null)
                    .withStoppedAt(now);
            store.writeStatus(status);
            changed.signalAll();
            LOG.info(
                    "ClickPipe {} stopping ({} -> {}){}",
                    id,
                    before,
                    next,
                    keepIngesting ? ", fault: keeps ingesting while paused" : "");
            // the reply shows Stopping; with no delay and no batch in flight, Stopped shows at the next read
            return new View(spec, status.state());
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the configuration (PATCH, settings, scaling); a running worker picks it up at once. */
    public View update(UnaryOperator<StoredPipe> change) {
        lock.lock();
        try {
            StoredPipe updated = change.apply(spec);
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

    /** Stops the worker, drops the archive table and removes the pipe's files. */
    void delete() {
        lock.lock();
        try {
            deleted = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        joinWorker(Duration.ofSeconds(30));
        worker.dropSideTables(spec());
        store.delete();
        LOG.info("ClickPipe {} deleted", id);
    }

    /** Stops the worker; a batch in flight is finished by the next start on the same state folder. */
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

    /**
     * Stops the worker as a crash would: interrupted at once wherever it is, mid-batch included,
     * with nothing finished first; what a restarted emulator recovers is what the state folder and
     * the staging tables hold.
     */
    void kill() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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

    // ---------------------------------------------------------------- lifecycle

    /** Applies an event to the state and persists it. Caller holds the lock. */
    private void apply(PipeEvent event, Instant now) {
        PipeState before = status.state();
        PipeState next = PipeLifecycle.next(before, event, shortId());
        if (next != before) {
            status = status.withState(next, now, null);
            store.writeStatus(status);
            changed.signalAll();
            LOG.info("ClickPipe {} is {} ({})", id, next, event);
        }
    }

    /** Provisioning becomes Running and Stopping becomes Stopped once due. Caller holds the lock. */
    private void advanceTransitions(Instant now) {
        Instant due = status.transitionDueAt();
        boolean isDue = due == null || !now.isBefore(due);
        if (!isDue) {
            return;
        }
        if (status.state() == PipeState.PROVISIONING) {
            apply(PipeEvent.PROVISIONED, now);
            nextPollAtNanos = System.nanoTime();
        } else if (status.state() == PipeState.STOPPING && (!batchInFlight || status.ingestWhilePaused())) {
            apply(PipeEvent.DRAINED, now);
        }
    }

    private static Duration pollInterval(StoredPipe spec) {
        return Duration.ofMillis(PipeSettings.longValue(spec.settings(), PipeSettings.POLLING_INTERVAL_MS));
    }

    // ---------------------------------------------------------------- worker side

    /**
     * What the worker is to do next: poll with this configuration, after the resume fault if any.
     *
     * @param stoppedAt when the stop before this resume came, or {@code null}
     */
    record Work(StoredPipe spec, FaultMode resumeFault, Instant stoppedAt) {}

    /**
     * Blocks until the pipe may ingest and its next poll is due.
     *
     * @return the work, or {@code null} when the pipe is shut down or deleted
     */
    Work awaitWork() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (shutdown || deleted) {
                    return null;
                }
                Instant now = Instant.now();
                advanceTransitions(now);
                long nowNanos = System.nanoTime();
                boolean may = PipeLifecycle.mayIngest(status.state(), status.ingestWhilePaused());
                if (may && nowNanos >= nextPollAtNanos) {
                    batchInFlight = true;
                    String fault = status.resumeFault();
                    return new Work(spec, fault == null ? null : FaultMode.fromId(fault), status.stoppedAt());
                }
                long wait = may ? nextPollAtNanos - nowNanos : TimeUnit.SECONDS.toNanos(1);
                Instant due = status.transitionDueAt();
                if (due != null) {
                    wait = Math.min(
                            wait,
                            Math.max(1_000_000L, Duration.between(now, due).toNanos()));
                }
                changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** The resume fault ran: it is not to run again. */
    void resumeFaultApplied() {
        lock.lock();
        try {
            status = status.withResumeFault(null);
            store.writeStatus(status);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The worker's report on one poll.
     *
     * @param poll  what the poll found, {@code null} when it failed
     * @param error why it failed, {@code null} when it did not
     * @return whether the worker goes on
     */
    boolean finishWork(StoredPipe polled, IngestionWorker.Poll poll, Throwable error) {
        lock.lock();
        try {
            batchInFlight = false;
            worksFinished++;
            if (shutdown || deleted) {
                return false;
            }
            Instant now = Instant.now();
            if (error == null) {
                failures = 0;
                status = status.withLastError(null);
                apply(PipeEvent.ATTEMPT_SUCCEEDED, now);
                nextPollAtNanos = poll.moreAvailable()
                        ? System.nanoTime()
                        : System.nanoTime() + pollInterval(spec).toNanos();
                if (poll.sourceExhausted() && !polled.source().continuous()) {
                    apply(PipeEvent.SOURCE_EXHAUSTED, now);
                }
            } else if (!(error instanceof InterruptedException)) {
                onFailure(error, now);
            }
            advanceTransitions(now);
            changed.signalAll();
            return !(error instanceof InterruptedException)
                    && !Thread.currentThread().isInterrupted();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void onFailure(Throwable error, Instant now) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        status = status.withLastError(message);
        if (!isIngestionFailure(error)) {
            LOG.error("ClickPipe {} worker failed unexpectedly", id, error);
            status = status.withIngestWhilePaused(false);
            apply(PipeEvent.INTERNAL_ERROR, now);
            store.writeStatus(status);
            return;
        }
        failures++;
        if (failures >= settings.maxInsertAttempts()) {
            status = status.withIngestWhilePaused(false);
            apply(PipeEvent.FAILED, now);
            store.writeStatus(status);
            failures = 0;
            LOG.warn("ClickPipe {} Failed after {} attempts: {}", id, settings.maxInsertAttempts(), message);
        } else {
            long backoff = settings.retryBackoff().toNanos() << Math.min(failures - 1, 6);
            nextPollAtNanos = System.nanoTime() + backoff;
            apply(PipeEvent.ATTEMPT_FAILED, now);
            store.writeStatus(status);
            LOG.info("ClickPipe {} ingestion attempt {} failed, retrying: {}", id, failures, message);
        }
    }

    /** Failures of ClickHouse, of the source or of the configuration, as opposed to the emulator's own bugs. */
    private static boolean isIngestionFailure(Throwable error) {
        return error instanceof ClickHouseQueryException
                || error instanceof IllegalStateException
                || error instanceof IllegalArgumentException
                || error.getClass().getName().startsWith("software.amazon.awssdk.");
    }
}
