package dev.cpcheck.engine.steps.internal;

import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.port.DestinationSpec;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a step run's history says about its resources and its pipe, as of one read: the state a
 * step command starts from. Derived from the history alone, so every process sees the same.
 *
 * @param runId              the run id (from run-started)
 * @param mode               {@code local} or {@code cloud}, the mode the run was started in
 * @param options            the run's fixture options as recorded at the start
 * @param pipeId             the pipe in use (created or adopted, not deleted), or {@code null}
 * @param pipeAdopted        whether that pipe was adopted (never deleted by cpcheck)
 * @param adoptedDestination destination of an adopted pipe, or {@code null}
 * @param stopOutstanding    a stop was sent and no start after it
 * @param pauseConfirmed     the outstanding stop was confirmed by a state poll
 * @param stops              stop commands sent so far
 * @param starts             start commands sent so far
 * @param openResources      {@code kind|id} of resources created and not removed
 * @param steps              step-started events so far (the next step's index)
 */
public record StepState(
        String runId,
        String mode,
        Map<String, Object> options,
        String pipeId,
        boolean pipeAdopted,
        DestinationSpec adoptedDestination,
        boolean stopOutstanding,
        boolean pauseConfirmed,
        int stops,
        int starts,
        Set<String> openResources,
        int steps) {

    /** Reads the state from a history. */
    @SuppressWarnings("unchecked")
    public static StepState of(RunHistory history) {
        String runId = null;
        String mode = null;
        Map<String, Object> options = Map.of();
        String pipeId = null;
        boolean adopted = false;
        DestinationSpec adoptedDestination = null;
        boolean stopOutstanding = false;
        boolean confirmed = false;
        int stops = 0;
        int starts = 0;
        int steps = 0;
        Set<String> open = new LinkedHashSet<>();
        for (HistoryEvent e : history.events()) {
            switch (e.type()) {
                case EventType.RUN_STARTED -> {
                    runId = e.string("runId");
                    mode = e.string("mode");
                    if (e.data().get("options") instanceof Map<?, ?> m) {
                        options = (Map<String, Object>) m;
                    }
                }
                case EventType.STEP_STARTED -> steps++;
                case EventType.RESOURCE_CREATED -> {
                    boolean isAdopted = Boolean.parseBoolean(e.string("adopted"));
                    if (!isAdopted) {
                        open.add(key(e));
                    }
                    if (CreatedResource.PIPE.equals(e.string("kind"))) {
                        pipeId = e.string("id");
                        adopted = isAdopted;
                        adoptedDestination = isAdopted ? parse(e.string("destination")) : null;
                        stopOutstanding = false;
                        confirmed = false;
                    }
                }
                case EventType.RESOURCE_CLEANUP -> {
                    if (Boolean.parseBoolean(e.string("ok"))) {
                        open.remove(key(e));
                        if (CreatedResource.PIPE.equals(e.string("kind"))
                                && e.string("id").equals(pipeId)) {
                            pipeId = null;
                            adopted = false;
                            adoptedDestination = null;
                            stopOutstanding = false;
                            confirmed = false;
                        }
                    }
                }
                case EventType.PIPE_COMMAND -> {
                    if ("stop".equals(e.string("command"))) {
                        stops++;
                        stopOutstanding = true;
                        confirmed = false;
                    } else if ("start".equals(e.string("command"))) {
                        starts++;
                        stopOutstanding = false;
                        confirmed = false;
                    }
                }
                case EventType.PAUSE_CONFIRMED -> confirmed = stopOutstanding || confirmed;
                default -> {}
            }
        }
        return new StepState(
                runId,
                mode,
                options,
                pipeId,
                adopted,
                adoptedDestination,
                stopOutstanding,
                confirmed,
                stops,
                starts,
                Set.copyOf(open),
                steps);
    }

    /** Whether a resource of this kind and id was created and not removed. */
    public boolean isOpen(String kind, String id) {
        return openResources.contains(kind + "|" + id);
    }

    private static String key(HistoryEvent e) {
        return e.string("kind") + "|" + e.string("id");
    }

    private static DestinationSpec parse(String qualified) {
        if (qualified == null) {
            return null;
        }
        int dot = qualified.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return new DestinationSpec(qualified.substring(0, dot), qualified.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
