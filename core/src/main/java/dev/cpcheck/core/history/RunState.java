package dev.cpcheck.core.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's history says about the run at its end so far: its id and settings, its pipe, whether
 * a pause is outstanding, the resources it created and has not removed, what it was about to create.
 * Derived from the events alone ({@link #of(RunHistory)}, then {@link #apply} for each new event), so
 * a process that reopens a run sees what the process that wrote the events saw: the state a step
 * starts from, in a scenario run and in a run driven one step command at a time.
 */
public final class RunState {
    private String runId;
    private String mode;
    private String kind;
    private Map<String, Object> options = Map.of();
    private String destination;
    private String pipeId;
    private String pipeName;
    private boolean pipeAdopted;
    private String pipeDestination;
    private boolean stopOutstanding;
    private boolean pauseConfirmed;
    private int stops;
    private int starts;
    private int steps;
    private final Map<String, CreatedResource> open = new LinkedHashMap<>();
    private final List<CreatedResource> created = new ArrayList<>();
    private final List<ResourceIntent> intents = new ArrayList<>();
    private final List<ResourceIntent> pendingIntents = new ArrayList<>();

    /** The state of a run with no events yet. */
    public RunState() {}

    /** The state after every event of a history. */
    public static RunState of(RunHistory history) {
        RunState s = new RunState();
        history.events().forEach(s::apply);
        return s;
    }

    /** Takes one more event into account (events must come in history order). */
    @SuppressWarnings("unchecked")
    public void apply(HistoryEvent e) {
        switch (e.type()) {
            case EventType.RUN_STARTED -> {
                runId = e.string("runId");
                mode = e.string("mode");
                kind = e.string("kind");
                if (e.data().get("options") instanceof Map<?, ?> m) {
                    options = (Map<String, Object>) m;
                }
                destination = e.string("destination");
                if (destination == null && e.data().get("config") instanceof Map<?, ?> config) {
                    Object d = config.get("destination");
                    destination = d == null ? null : d.toString();
                }
            }
            case EventType.STEP_STARTED -> steps++;
            case EventType.RESOURCE_INTENT -> {
                ResourceIntent intent = new ResourceIntent(e.string("kind"), e.string("name"));
                intents.add(intent);
                pendingIntents.add(intent);
            }
            case EventType.RESOURCE_CREATED -> created(e);
            case EventType.RESOURCE_CLEANUP -> {
                if (Boolean.parseBoolean(e.string("ok"))) {
                    open.remove(key(e.string("kind"), e.string("id")));
                    // an intent settled by a cleanup that found nothing under the announced name
                    pendingIntents.removeIf(
                            i -> i.kind().equals(e.string("kind")) && i.name().equals(e.string("id")));
                    if (CreatedResource.PIPE.equals(e.string("kind"))
                            && e.string("id").equals(pipeId)) {
                        forgetPipe();
                    }
                }
            }
            case EventType.PIPE_COMMAND -> {
                if ("stop".equals(e.string("command"))) {
                    stops++;
                    stopOutstanding = true;
                    pauseConfirmed = false;
                } else if ("start".equals(e.string("command"))) {
                    starts++;
                    stopOutstanding = false;
                    pauseConfirmed = false;
                }
            }
            case EventType.PAUSE_CONFIRMED -> pauseConfirmed = stopOutstanding || pauseConfirmed;
            default -> {}
        }
    }

    private void created(HistoryEvent e) {
        String resourceKind = e.string("kind");
        boolean adopted = Boolean.parseBoolean(e.string("adopted"));
        CreatedResource r = new CreatedResource(resourceKind, e.string("id"), adopted);
        created.add(r);
        pendingIntents.removeIf(i -> i.kind().equals(resourceKind));
        if (!adopted) {
            open.put(key(r.kind(), r.id()), r);
        }
        if (CreatedResource.PIPE.equals(resourceKind)) {
            pipeId = r.id();
            pipeName = e.string("name");
            pipeAdopted = adopted;
            pipeDestination = adopted ? e.string("destination") : null;
            stopOutstanding = false;
            pauseConfirmed = false;
        }
    }

    private void forgetPipe() {
        pipeId = null;
        pipeName = null;
        pipeAdopted = false;
        pipeDestination = null;
        stopOutstanding = false;
        pauseConfirmed = false;
    }

    private static String key(String kind, String id) {
        return kind + "|" + id;
    }

    /** The run id, from {@code run-started}. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** {@code local} or {@code cloud} when the run recorded it (runs driven step by step do). */
    public Optional<String> mode() {
        return Optional.ofNullable(mode);
    }

    /** What kind of run: {@code steps} for a run driven step by step; empty for a scenario run. */
    public Optional<String> kind() {
        return Optional.ofNullable(kind);
    }

    /** The fixture settings a run driven step by step recorded at its start ({@code options}). */
    public Map<String, Object> options() {
        return options;
    }

    /** The run's own destination table as {@code db.table}, as recorded at the start. */
    public Optional<String> destination() {
        return Optional.ofNullable(destination);
    }

    /** The pipe in use (created or adopted, and not deleted). */
    public Optional<String> pipeId() {
        return Optional.ofNullable(pipeId);
    }

    /** The name of the pipe in use, when the run created it. */
    public Optional<String> pipeName() {
        return Optional.ofNullable(pipeName);
    }

    /** Whether the pipe in use was adopted (cpcheck never deletes those). */
    public boolean pipeAdopted() {
        return pipeAdopted;
    }

    /** The table an adopted pipe writes to, as {@code db.table}. */
    public Optional<String> pipeDestination() {
        return Optional.ofNullable(pipeDestination);
    }

    /** A stop was sent and no start after it. */
    public boolean stopOutstanding() {
        return stopOutstanding;
    }

    /** The outstanding stop was confirmed by a state poll that saw Stopped. */
    public boolean pauseConfirmed() {
        return pauseConfirmed;
    }

    /** Stop commands sent so far. */
    public int stops() {
        return stops;
    }

    /** Start commands sent so far (cleanup resumes included). */
    public int starts() {
        return starts;
    }

    /** Steps started so far: the index of the next step. */
    public int steps() {
        return steps;
    }

    /** Whether a resource of this kind and id was created by the run and not removed. */
    public boolean isOpen(String kind, String id) {
        return open.containsKey(key(kind, id));
    }

    /** Whether the run itself created this resource at some point (adopted ones excluded). */
    public boolean createdByRun(String kind, String id) {
        return created.stream().anyMatch(r -> r.kind().equals(kind) && r.id().equals(id) && !r.adopted());
    }

    /** Whether the run used this resource without creating it (an adopted pipe, a table that existed). */
    public boolean adoptedOnly(String kind, String id) {
        return !createdByRun(kind, id)
                && created.stream().anyMatch(r -> r.kind().equals(kind) && r.id().equals(id) && r.adopted());
    }

    /** Resources created (or adopted) by the run, in creation order. */
    public List<CreatedResource> createdResources() {
        return List.copyOf(created);
    }

    /**
     * Resources the run created and has not removed, in creation order: what a cleanup still has
     * to delete. Adopted resources are never listed.
     */
    public List<CreatedResource> openResources() {
        return List.copyOf(open.values());
    }

    /** Every resource the run announced before creating it, in order. */
    public List<ResourceIntent> intents() {
        return List.copyOf(intents);
    }

    /**
     * Resources the run announced and never recorded as created: the request may have been in flight
     * when the run was cut off, so the resource may exist under the announced name.
     */
    public List<ResourceIntent> unconfirmedIntents() {
        return List.copyOf(pendingIntents);
    }
}
