package dev.cpcheck.core.runner;

import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistorySink;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.history.RunState;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.EventQueue;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.spi.ValidationResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a run's history with one typed method per event, so that every way of running (a scenario
 * in one process, step commands in several) records the same events with the same data, and keeps
 * the {@link RunState} those events lead to.
 *
 * <pre>{@code
 * RunRecorder recorder = new RunRecorder(HistoryWriter.open(runDir.resolve("history.jsonl")));
 * recorder.pipeCommandSent(3, PipeCommand.STOP, pipeId, false);
 * recorder.statePolled(4, pipeId, PipeState.STOPPED, 1, Duration.ofMillis(250)); // also pause-confirmed
 * boolean paused = recorder.state().pauseConfirmed();
 * }</pre>
 *
 * <p>Values written must not contain secrets. The event types and their data are those of
 * {@link EventType}; readers of {@code history.jsonl} depend on them, so fields are only ever added.
 */
public final class RunRecorder {
    /** A command sent to the pipe. */
    public enum PipeCommand {
        STOP("stop"),
        START("start");

        private final String id;

        PipeCommand(String id) {
            this.id = id;
        }

        /** As in history.jsonl. */
        public String id() {
            return id;
        }
    }

    private final HistorySink sink;
    private final RunState state;

    /** Records into {@code sink}, starting from the state its events so far lead to. */
    public RunRecorder(HistorySink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.state = RunState.of(sink.snapshot());
    }

    /** The state after every event recorded so far. */
    public RunState state() {
        return state;
    }

    /** Every event so far. */
    public RunHistory history() {
        return sink.snapshot();
    }

    private HistoryEvent record(String type, Integer step, Map<String, ?> data) {
        HistoryEvent e = sink.record(type, step, data);
        synchronized (state) {
            state.apply(e);
        }
        return e;
    }

    /** {@code run-started}: the run id first, then what describes the run (settings, secrets masked). */
    public void runStarted(String runId, Map<String, Object> details) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", runId);
        data.putAll(details);
        record(EventType.RUN_STARTED, null, data);
    }

    /** {@code run-finished}. */
    public void runFinished(RunStatus status, Verdict verdict, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status.name());
        data.put("verdict", verdict.name());
        if (reason != null) {
            data.put("reason", reason);
        }
        record(EventType.RUN_FINISHED, null, data);
    }

    /** {@code step-started}. */
    public void stepStarted(int index, Step step) {
        record(EventType.STEP_STARTED, index, Map.of("kind", step.kind(), "description", step.describe()));
    }

    /** {@code step-finished}. */
    public void stepFinished(int index, Step step, Duration took) {
        record(EventType.STEP_FINISHED, index, Map.of("kind", step.kind(), "durationMs", took.toMillis()));
    }

    /** {@code step-failed}: the error's message and type. */
    public void stepFailed(int index, Step step, Throwable error) {
        record(
                EventType.STEP_FAILED,
                index,
                Map.of(
                        "kind",
                        step.kind(),
                        "error",
                        error instanceof InterruptedException ? "interrupted" : String.valueOf(error.getMessage()),
                        "errorType",
                        error.getClass().getSimpleName()));
    }

    /** {@code note}: something a reader of the history should know. */
    public void note(Integer index, String message) {
        record(EventType.NOTE, index, Map.of("message", message));
    }

    /**
     * {@code resource-intent}: the run is about to send the request that creates a resource.
     *
     * @param name the pipe's name, {@code db.table}, or {@code bucket/prefix}
     */
    public void resourceIntent(Integer index, String kind, String name) {
        record(EventType.RESOURCE_INTENT, index, Map.of("kind", kind, "name", name));
    }

    /** {@code resource-created} of the destination table; {@code adopted} when it existed already. */
    public void tableCreated(Integer index, DestinationSpec table, boolean adopted) {
        record(
                EventType.RESOURCE_CREATED,
                index,
                Map.of("kind", CreatedResource.TABLE, "id", tableId(table), "adopted", adopted));
    }

    /** {@code resource-created} of the run's prefix in the source, before its first file. */
    public void sourcePrefixCreated(Integer index, String bucketAndPrefix) {
        record(
                EventType.RESOURCE_CREATED,
                index,
                Map.of("kind", CreatedResource.SOURCE_PREFIX, "id", bucketAndPrefix, "adopted", false));
    }

    /** {@code resource-created} of a pipe the run created. */
    public void pipeCreated(Integer index, PipeSpec spec, PipeInfo pipe) {
        pipeCreated(index, spec, pipe, null);
    }

    /**
     * {@code resource-created} of a pipe the run created; in unordered mode with its queue's URL and
     * retention and whether it skips the initial load.
     */
    public void pipeCreated(Integer index, PipeSpec spec, PipeInfo pipe, EventQueue queue) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", CreatedResource.PIPE);
        data.put("id", pipe.id());
        data.put("adopted", false);
        data.put("name", spec.name());
        data.put("sourceUrl", spec.source().url());
        if (spec.source().unordered()) {
            data.put("queueUrl", spec.source().queueUrl());
            data.put("skipInitialLoad", spec.source().skipInitialLoad());
            if (queue != null) {
                data.put("queueRetentionMs", queue.retention().toMillis());
            }
        }
        record(EventType.RESOURCE_CREATED, index, data);
    }

    /** {@code events-drained}: the pipe had taken every event of the source's queue. */
    public void eventsDrained(int index, String queueUrl) {
        record(EventType.EVENTS_DRAINED, index, Map.of("queueUrl", queueUrl));
    }

    /** {@code resource-created} of a pipe made elsewhere that the run uses (never deleted). */
    public void pipeAdopted(Integer index, PipeInfo pipe, DestinationSpec destination) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", CreatedResource.PIPE);
        data.put("id", pipe.id());
        data.put("adopted", true);
        data.put("state", pipe.state().apiName());
        if (pipe.sourceUrl() != null) {
            data.put("sourceUrl", pipe.sourceUrl());
        }
        if (destination != null) {
            data.put("destination", tableId(destination));
        }
        record(EventType.RESOURCE_CREATED, index, data);
    }

    /**
     * {@code resource-created} of a resource a cleanup found under the name of an unconfirmed
     * {@code resource-intent} (the create went out, its answer never came): now it is the run's,
     * to be removed like any other. Marked {@code foundBy: name}.
     */
    public void resourceFoundByName(Integer index, String kind, String id, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.put("id", id);
        data.put("adopted", false);
        data.put("name", name);
        data.put("foundBy", "name");
        record(EventType.RESOURCE_CREATED, index, data);
    }

    /**
     * {@code resource-cleanup} of an unconfirmed {@code resource-intent} under whose name nothing
     * exists: the create never took effect, nothing is left. {@code id} is the announced name.
     */
    public void intentFoundNothing(Integer index, String kind, String name, String by) {
        resourceRemoved(index, kind, name, by, Map.of("intent", true, "found", false));
    }

    /**
     * {@code resource-cleanup} that succeeded.
     *
     * @param by    who removed it: {@code run} (a scenario run's own cleanup), {@code steps}, {@code cleanup}
     * @param extra further data, e.g. {@code deleted} (number of files)
     */
    public void resourceRemoved(Integer index, String kind, String id, String by, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.put("id", id);
        data.put("ok", true);
        data.put("by", by);
        data.putAll(extra);
        record(EventType.RESOURCE_CLEANUP, index, data);
    }

    /** {@code resource-cleanup} that failed; the resource stays a leftover. */
    public void resourceRemovalFailed(Integer index, String kind, String id, String by, String error) {
        record(
                EventType.RESOURCE_CLEANUP,
                index,
                Map.of("kind", kind, "id", id, "ok", false, "error", String.valueOf(error), "by", by));
    }

    /** {@code files-written}: a batch, with how many uploads were acknowledged, failed, or are unknown. */
    public void filesWritten(int index, String phase, KeyPlacement placement, List<ManifestFile> written) {
        long ok = written.stream().filter(f -> f.outcome() == UploadOutcome.OK).count();
        long failed = written.stream()
                .filter(f -> f.outcome() == UploadOutcome.FAILED)
                .count();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", phase);
        data.put("count", written.size());
        data.put("ok", ok);
        data.put("failed", failed);
        data.put("indeterminate", written.size() - ok - failed);
        data.put("rows", written.stream().mapToLong(ManifestFile::rows).sum());
        data.put("placement", placement.id());
        if (!written.isEmpty()) {
            data.put("firstKey", written.get(0).key());
            data.put("lastKey", written.get(written.size() - 1).key());
        }
        record(EventType.FILES_WRITTEN, index, data);
    }

    /**
     * {@code pipe-command}, just before the command goes out: a start ends a paused window, a stop
     * begins one once a poll confirms it.
     *
     * @param byCleanup a start the run's cleanup sends after the scenario failed
     */
    public void pipeCommandSent(Integer index, PipeCommand command, String pipeId, boolean byCleanup) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("command", command.id());
        data.put("pipeId", pipeId);
        if (byCleanup) {
            data.put("cleanup", true);
        }
        record(EventType.PIPE_COMMAND, index, data);
    }

    /**
     * {@code state-poll}; the first poll that sees Stopped after a stop is also recorded as
     * {@link #pauseConfirmed}: the paused window starts there.
     */
    public void statePolled(Integer index, String pipeId, PipeState pipeState, int attempt, Duration elapsed) {
        record(
                EventType.STATE_POLL,
                index,
                Map.of(
                        "pipeId",
                        pipeId,
                        "state",
                        pipeState.apiName(),
                        "attempt",
                        attempt,
                        "elapsedMs",
                        elapsed.toMillis()));
        if (pipeState == PipeState.STOPPED && state.stopOutstanding() && !state.pauseConfirmed()) {
            pauseConfirmed(index, pipeId, pipeState);
        }
    }

    /** {@code pause-confirmed}: the outstanding stop was seen to take effect. */
    public void pauseConfirmed(Integer index, String pipeId, PipeState pipeState) {
        record(EventType.PAUSE_CONFIRMED, index, Map.of("pipeId", pipeId, "state", pipeState.apiName()));
    }

    /**
     * {@code count-poll}: what the destination held.
     *
     * @param purpose why: {@code await}, {@code settle}, {@code hold}, {@code status}, and at the edges
     *                of a paused window {@code pause-confirmed} and {@code before-resume}
     */
    public void countPolled(Integer index, IngestionSnapshot counts, int attempt, Duration elapsed, String purpose) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("files", counts.files());
        data.put("rows", counts.rows());
        if (counts.lastFile() != null) {
            data.put("lastFile", counts.lastFile());
        }
        data.put("attempt", attempt);
        data.put("elapsedMs", elapsed.toMillis());
        data.put("purpose", purpose);
        record(EventType.COUNT_POLL, index, data);
    }

    /** {@code clock-offset}: one estimate of the ClickHouse server clock against the JVM's. */
    public void clockSampled(ClockSample sample) {
        record(
                EventType.CLOCK_OFFSET,
                null,
                Map.of(
                        "label",
                        sample.label(),
                        "offsetMs",
                        sample.offset().toNanos() / 1e6,
                        "uncertaintyMs",
                        sample.uncertainty().toNanos() / 1e6,
                        "serverTime",
                        sample.toServerTime(sample.at()).toString()));
    }

    /** {@code validation-finished}: the verdict of the checks and each check's status. */
    public void validationFinished(int index, ValidationResult result) {
        Map<String, Object> checks = new LinkedHashMap<>();
        for (CheckResult c : result.checks()) {
            checks.put(c.checkId(), c.status().name());
        }
        Verdict verdict = Verdict.decide(RunStatus.COMPLETED, result.checks());
        record(EventType.VALIDATION_FINISHED, index, Map.of("verdict", verdict.name(), "checks", checks));
    }

    /** A table as the history names it: {@code db.table}. */
    public static String tableId(DestinationSpec table) {
        return table.database() + "." + table.table();
    }

    /**
     * The destination table of a run as its history names it (the {@code destination} of
     * {@code run-started}), else the run's own table in {@code database}.
     */
    public static DestinationSpec destinationOf(RunState state, String database) {
        return state.destination()
                .map(RunRecorder::parseTableId)
                .orElseGet(() -> RunIds.table(database, state.runId().orElseThrow()));
    }

    /** The table a history id names ({@code db.table}), or {@code null} when it names none. */
    public static DestinationSpec parseTableId(String id) {
        if (id == null) {
            return null;
        }
        int dot = id.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return new DestinationSpec(id.substring(0, dot), id.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
