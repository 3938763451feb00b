package dev.cpcheck.core.runner;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.runner.RunRecorder.PipeCommand;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.Limits;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.scenario.TableChange;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.EventQueue;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.IngestionOrder;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.core.spi.ValidationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each step does and records: the meaning of the step vocabulary, in one place for both a
 * scenario run and step commands. {@link StepExecutor} records the step around each call.
 */
final class StepActions {
    private static final Logger LOG = LoggerFactory.getLogger(StepActions.class);

    private final RunSession s;

    StepActions(RunSession session) {
        this.s = session;
    }

    /**
     * @throws InterruptedException when the thread was interrupted during the upload: what was
     *     written is in the manifest and the history, the rest of the run stops
     */
    List<ManifestFile> writeFiles(int index, Step.WriteFiles w) throws InterruptedException {
        Manifest manifest = s.manifest();
        long rowsPerFile = w.rowsPerFile() == null ? s.fixtures.rowsPerFile() : w.rowsPerFile();
        Limits.checkRowsPerFile("rows per file", rowsPerFile, s.fixtures.payloadBytes());
        Limits.checkRunFiles(manifest.files().size(), w.count());
        long next =
                manifest.files().stream().mapToLong(ManifestFile::fileId).max().orElse(0) + 1;
        FileBatch batch = new FileBatch(
                s.runId,
                w.phase(),
                next,
                w.count(),
                rowsPerFile,
                s.fixtures.payloadBytes(),
                s.fixtures.format(),
                s.fixtures.compression(),
                w.placement(),
                s.fixtures.seed(),
                s.fixtures.keyTemplate());
        String prefixId = s.sourcePrefixId();
        if (!s.state().isOpen(CreatedResource.SOURCE_PREFIX, prefixId)) {
            // before the first upload: a run cut off mid-batch still knows where its files are
            s.recorder.resourceIntent(index, CreatedResource.SOURCE_PREFIX, prefixId);
            s.recorder.sourcePrefixCreated(index, prefixId);
        }
        List<ManifestFile> written = s.source().write(batch);
        // unordered mode has no checkpoint key: a low key is owed like any other
        if (w.placement() == KeyPlacement.BELOW_CHECKPOINT && s.source().ingestionOrder() == IngestionOrder.KEY_ORDER) {
            written = written.stream().map(StepActions::ignoredBelowCheckpoint).toList();
        }
        s.manifest(manifest.withFiles(written));
        s.recorder.filesWritten(index, w.phase(), w.placement(), written);
        if (Thread.interrupted()) {
            // the upload stops early on an interrupt and keeps the flag: the step is interrupted, not
            // failed (the flag is cleared as InterruptedException's contract says)
            throw new InterruptedException("interrupted while writing files of phase " + w.phase());
        }
        long ok = written.stream().filter(f -> f.outcome() == UploadOutcome.OK).count();
        if (ok == 0) {
            long failed = written.stream()
                    .filter(f -> f.outcome() == UploadOutcome.FAILED)
                    .count();
            throw new InfrastructureException(
                    "source",
                    "no file of the batch was written (" + failed + " failed, " + (written.size() - failed)
                            + " indeterminate): " + written.get(0).error());
        }
        if (ok < written.size()) {
            LOG.warn(
                    "run {}: {} of {} files of phase {} were not acknowledged; the checks account for them",
                    s.runId,
                    written.size() - ok,
                    written.size(),
                    w.phase());
        }
        return written;
    }

    private static ManifestFile ignoredBelowCheckpoint(ManifestFile f) {
        return f.withExpectation(Expectation.IGNORE_BELOW_CHECKPOINT); // keeps digest and generator
    }

    /** {@code index} is {@code null} when a scenario run creates its table before its first step. */
    boolean createTable(Integer index) {
        DestinationSpec spec = s.destinationSpec();
        Destination table = s.destinations.apply(spec);
        if (table.createdByPipe()) {
            return false; // the pipe creates it; createPipe records it as the run's
        }
        s.recorder.resourceIntent(index, CreatedResource.TABLE, RunRecorder.tableId(spec));
        boolean created = table.prepare();
        s.recorder.tableCreated(index, spec, !created);
        return created;
    }

    void dropTable(int index) {
        DestinationSpec spec = s.destinationSpec();
        s.destinations.apply(spec).drop();
        s.recorder.resourceRemoved(index, CreatedResource.TABLE, RunRecorder.tableId(spec), "steps", Map.of());
    }

    PipeInfo createPipe(int index, Step.CreatePipe step) throws InterruptedException {
        PipeSpec spec = withInitialLoad(s.pipeSpec(), step);
        boolean tableByPipe = s.destinations.apply(spec.destination()).createdByPipe();
        s.recorder.resourceIntent(index, CreatedResource.PIPE, spec.name());
        if (tableByPipe) {
            s.recorder.resourceIntent(index, CreatedResource.TABLE, RunRecorder.tableId(spec.destination()));
        }
        PipeInfo info = s.pipes.create(spec);
        s.recorder.pipeCreated(index, spec, info, s.source().eventQueue().orElse(null));
        expectInitialLoadSkips(index, spec.source(), step);
        if (tableByPipe) {
            s.recorder.tableCreated(index, spec.destination(), false);
        }
        PipeState reached = awaitState(index, PipeState.RUNNING, s.config.stateTimeout());
        return new PipeInfo(info.id(), info.name(), reached, info.sourceUrl(), info.destination());
    }

    /** The pipe with the step's {@code startAfter} (the key of the file it names) or {@code skipInitialLoad}. */
    private PipeSpec withInitialLoad(PipeSpec spec, Step.CreatePipe step) {
        if (step.startAfterFile() == null && step.skipInitialLoad() == null) {
            return spec;
        }
        String startAfter = null;
        if (step.startAfterFile() != null) {
            startAfter = s.manifest().files().stream()
                    .filter(f -> f.fileId() == step.startAfterFile())
                    .map(ManifestFile::key)
                    .findFirst()
                    .orElseThrow(() -> new CpcheckException("startAfter names file " + step.startAfterFile()
                            + ", which this run has not written; write it before creating the pipe"));
        }
        return spec.withSource(spec.source().withInitialLoad(startAfter, step.skipInitialLoad()));
    }

    /**
     * The files the new pipe's initial load skips, as documented: keys at or below
     * {@code startAfter}, or every file there when {@code skipInitialLoad} is set. The manifest says so,
     * and the checks report them as skipped rather than lost.
     */
    private void expectInitialLoadSkips(int index, SourceSpec source, Step.CreatePipe step) {
        String after = source.startAfter();
        // the step's own skipInitialLoad; a source that sets it (unordered mode) marks its files itself
        boolean skipAll = Boolean.TRUE.equals(step.skipInitialLoad());
        if (after == null && !skipAll) {
            return;
        }
        Expectation skip = skipAll ? Expectation.SKIP_INITIAL_LOAD : Expectation.SKIP_START_AFTER;
        long[] marked = {0};
        s.manifest(s.manifest().mapFiles(f -> {
            if (f.expectation() == Expectation.INGEST && (skipAll || f.key().compareTo(after) <= 0)) {
                marked[0]++;
                return f.withExpectation(skip);
            }
            return f;
        }));
        s.recorder.note(
                index,
                marked[0] + " file(s) written before the pipe are " + skip.reason()
                        + (skipAll ? "" : " (startAfter " + after + ")"));
    }

    /** @param awaitRunning a scenario waits for Running; a step command only records the pipe */
    PipeInfo adoptPipe(int index, String pipeId, boolean awaitRunning) throws InterruptedException {
        PipeInfo info = s.pipes.adopt(pipeId);
        DestinationSpec table = AdoptedPipes.requireUsable(info, s.source(), s.fixtures);
        s.recorder.pipeAdopted(index, info, table);
        if (!awaitRunning) {
            return info;
        }
        if (info.state() == PipeState.STOPPED) {
            throw new IllegalStateException("adopted pipe " + info.id() + " is Stopped; start it first (cpcheck pipe"
                    + " resume " + info.id() + ") so the run begins from a running pipe");
        }
        PipeState reached = awaitState(index, PipeState.RUNNING, s.config.stateTimeout());
        return new PipeInfo(info.id(), info.name(), reached, info.sourceUrl(), info.destination());
    }

    IngestionSnapshot awaitFiles(int index, Step.AwaitFiles a) throws InterruptedException {
        Duration timeout = a.timeout() == null ? s.config.awaitTimeout() : a.timeout();
        Destination d = s.destination();
        if (!a.all()) {
            int n = a.files();
            return s.waiter.until(
                    n + " files ingested",
                    d::snapshot,
                    c -> c.files() >= n,
                    s.config.probeInterval(),
                    timeout,
                    poll -> counted(index, poll, "await"),
                    IngestionSnapshot::describe);
        }
        Manifest manifest = s.manifest();
        long expected = manifest.expectedFiles().size();
        if (s.source().ingestionOrder() == IngestionOrder.ANY_ORDER) {
            return awaitAllAnnounced(index, d, expected, timeout);
        }
        String lastName =
                manifest.lastExpectedFile().map(ManifestFile::fileName).orElse(null);
        long t0 = s.nanoTime.getAsLong();
        // Done when every file landed, or when the highest key landed: continuous mode never goes
        // back to lower keys, so waiting longer for files below it would only waste time.
        IngestionSnapshot landed = s.waiter.until(
                "all " + expected + " files ingested",
                d::snapshot,
                c -> c.files() >= expected
                        || (lastName != null
                                && c.lastFile() != null
                                && c.lastFile().compareTo(lastName) >= 0),
                s.config.probeInterval(),
                timeout,
                poll -> counted(index, poll, "await"),
                IngestionSnapshot::describe);
        return settle(index, d, landed, timeout.minusNanos(s.nanoTime.getAsLong() - t0));
    }

    /**
     * Unordered mode: done when every owed file landed, or when the source's queue has held no
     * event the pipe had not taken, and the count has not changed, for the settle time: the files
     * still missing then will not come (their events were taken or dropped), which the history
     * records ({@code events-drained}) for the checks.
     */
    private IngestionSnapshot awaitAllAnnounced(int index, Destination d, long expected, Duration timeout)
            throws InterruptedException {
        Optional<EventQueue> queue = s.source().eventQueue();
        long settle = s.config.effectiveSettle().toNanos();
        long t0 = s.nanoTime.getAsLong();
        long[] quietSince = {-1};
        IngestionSnapshot[] previous = {null};
        boolean[] drained = {false};
        IngestionSnapshot landed = s.waiter.until(
                "all " + expected + " files ingested, or every event of the queue taken",
                d::snapshot,
                c -> {
                    if (c.files() >= expected) {
                        return true;
                    }
                    long now = s.nanoTime.getAsLong();
                    OptionalLong pending = queue.map(EventQueue::pendingEvents).orElse(OptionalLong.empty());
                    boolean quiet = pending.isPresent()
                            && pending.getAsLong() == 0
                            && previous[0] != null
                            && previous[0].rows() == c.rows()
                            && previous[0].files() == c.files();
                    previous[0] = c;
                    if (!quiet) {
                        quietSince[0] = -1;
                        return false;
                    }
                    if (quietSince[0] < 0) {
                        quietSince[0] = now;
                    }
                    drained[0] = now - quietSince[0] >= settle;
                    return drained[0];
                },
                s.config.probeInterval(),
                timeout,
                poll -> counted(index, poll, "await"),
                IngestionSnapshot::describe);
        if (drained[0]) {
            s.recorder.eventsDrained(index, queue.orElseThrow().url());
        }
        return settle(index, d, landed, timeout.minusNanos(s.nanoTime.getAsLong() - t0));
    }

    /** Waits until the count stays unchanged for the settle time, so duplicates still arriving are seen. */
    private IngestionSnapshot settle(int index, Destination d, IngestionSnapshot landed, Duration left)
            throws InterruptedException {
        Duration settle = s.config.effectiveSettle();
        Duration budget = left.compareTo(settle.multipliedBy(4)) > 0 ? left : settle.multipliedBy(4);
        long[] stableSince = {s.nanoTime.getAsLong()};
        IngestionSnapshot[] previous = {landed};
        try {
            return s.waiter.until(
                    "the row count to settle",
                    d::snapshot,
                    c -> {
                        long now = s.nanoTime.getAsLong();
                        if (c.rows() != previous[0].rows() || c.files() != previous[0].files()) {
                            previous[0] = c;
                            stableSince[0] = now;
                            return false;
                        }
                        return now - stableSince[0] >= settle.toNanos();
                    },
                    s.config.probeInterval(),
                    budget,
                    poll -> counted(index, poll, "settle"),
                    IngestionSnapshot::describe);
        } catch (WaitTimeoutException e) {
            // Rows still arriving after all that time: go on, the checks will judge what is there.
            s.recorder.note(index, "row count did not settle: " + e.getMessage());
            s.lastCounts = previous[0];
            return previous[0];
        }
    }

    void pause(int index) {
        String pipeId = s.requirePipe();
        s.measureClock("pause-" + (s.state().stops() + 1));
        s.recorder.pipeCommandSent(index, PipeCommand.STOP, pipeId, false);
        s.pausedByRun = true;
        s.pipes.pause(pipeId);
    }

    void resume(int index) {
        String pipeId = s.requirePipe();
        if (s.state().stopOutstanding() && s.state().pauseConfirmed()) {
            // the count just before the resume closes the paused window for the polled evidence
            pollPausedCount(index, "before-resume");
        }
        s.measureClock("resume-" + (s.state().starts() + 1));
        s.recorder.pipeCommandSent(index, PipeCommand.START, pipeId, false);
        s.pipes.resume(pipeId);
        s.pausedByRun = false;
    }

    PipeState awaitState(int index, PipeState target, Duration timeout) throws InterruptedException {
        boolean confirming = target == PipeState.STOPPED && !s.state().pauseConfirmed();
        PipeState reached = awaitStateOnly(index, target, timeout);
        if (confirming && s.state().pauseConfirmed()) {
            // the count as the pause takes effect opens the paused window for the polled evidence
            pollPausedCount(index, "pause-confirmed");
        }
        return reached;
    }

    /**
     * One count at an edge of a paused window: with the count polled at the other edge it proves
     * that nothing landed in between (counts only grow), however long the window's other steps
     * take. Best effort: a destination that cannot answer now (e.g. restarting) leaves a note and
     * the window to the other evidence.
     */
    private void pollPausedCount(int index, String purpose) {
        try {
            s.countPolled(index, s.destination().snapshot(), 1, Duration.ZERO, purpose);
        } catch (RuntimeException e) {
            s.recorder.note(index, "row count not polled (" + purpose + "): " + e.getMessage());
        }
    }

    private PipeState awaitStateOnly(int index, PipeState target, Duration timeout) throws InterruptedException {
        String pipeId = s.requirePipe();
        return s.waiter.until(
                "state " + target.apiName(),
                () -> s.pipes.state(pipeId),
                state -> {
                    if (state == target) {
                        return true;
                    }
                    if (state.isTerminalFailure()) {
                        throw new PipeFailedException(pipeId, state, "state " + target.apiName());
                    }
                    return false;
                },
                s.config.stateInterval(),
                timeout,
                poll -> s.recorder.statePolled(index, pipeId, poll.value(), poll.attempt(), poll.elapsed()),
                PipeState::apiName);
    }

    IngestionSnapshot hold(int index, Duration duration) throws InterruptedException {
        s.waiter.observe(
                s.destination()::snapshot, s.config.probeInterval(), duration, poll -> counted(index, poll, "hold"));
        return s.lastCounts;
    }

    ValidationResult validate(int index, DeliveryGuarantee judgedUnder) {
        s.measureClock("validate");
        DestinationSpec spec = s.destinationSpec();
        // a table the run did not create (an adopted pipe's) may hold other runs' rows; its own may not
        boolean shared = !s.state().createdByRun(CreatedResource.TABLE, RunRecorder.tableId(spec));
        ValidationResult result = s.validator.validate(
                new ValidationRequest(s.runId, spec, s.manifest(), s.recorder.history(), judgedUnder, shared));
        s.recorder.validationFinished(index, result);
        return result;
    }

    void revokeSourceCredentials(int index) {
        String pipeId = s.requirePipe();
        s.recorder.note(index, s.hazards.revokeSourceCredentials(s.pipeSpec(), pipeId));
    }

    /** Restores the credentials, then reads the state back: a credential update can resume a stopped pipe. */
    PipeState restoreSourceCredentials(int index) {
        String pipeId = s.requirePipe();
        s.recorder.note(index, s.hazards.restoreSourceCredentials(s.pipeSpec(), pipeId));
        PipeState state = s.pipes.state(pipeId);
        s.recorder.statePolled(index, pipeId, state, 1, Duration.ZERO);
        return state;
    }

    String alterTable(int index, TableChange change) {
        s.requirePipe();
        String what = s.destination().alter(change);
        s.recorder.note(index, what);
        return what;
    }

    void serviceIdle(int index) {
        s.requirePipe();
        s.recorder.note(index, s.hazards.idleService());
    }

    void deletePipe(int index) {
        String pipeId = s.requirePipe();
        s.pipes.delete(pipeId);
        s.recorder.resourceRemoved(index, CreatedResource.PIPE, pipeId, "steps", Map.of());
    }

    int deleteFiles(int index) {
        int n = s.source().deleteAll();
        s.recorder.resourceRemoved(
                index, CreatedResource.SOURCE_PREFIX, s.sourcePrefixId(), "steps", Map.of("deleted", n));
        return n;
    }

    /** One state poll outside any step (it may confirm a pause). */
    PipeState pollState() {
        String pipeId = s.requirePipe();
        PipeState state = s.pipes.state(pipeId);
        s.recorder.statePolled(null, pipeId, state, 1, Duration.ZERO);
        return state;
    }

    /** One count outside any step. */
    IngestionSnapshot pollCounts(String purpose) {
        IngestionSnapshot counts = s.destination().snapshot();
        s.countPolled(null, counts, 1, Duration.ZERO, purpose);
        return counts;
    }

    private void counted(int index, Waiter.Poll<IngestionSnapshot> poll, String purpose) {
        s.countPolled(index, poll.value(), poll.attempt(), poll.elapsed(), purpose);
    }
}
