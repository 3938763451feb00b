package dev.cpcheck.core.history;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read model of a run's history: the events, and what they mean for the checks (paused windows
 * and resumes in server time, clock offsets, resources to clean up). Immutable.
 */
public final class RunHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    private static final ObjectReader EVENT_READER = Json.mapper().readerFor(HistoryEvent.class);

    private final List<HistoryEvent> events;

    public RunHistory(List<HistoryEvent> events) {
        this.events = List.copyOf(events);
    }

    /**
     * Reads history.jsonl. A last line cut short by a crash is skipped with a warning; a bad line
     * elsewhere is an error naming the line.
     */
    public static RunHistory read(Path file) {
        List<HistoryEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> lines = in.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(EVENT_READER.readValue(line));
                } catch (IOException e) {
                    if (i == lines.size() - 1) {
                        LOG.warn("{}: last line is incomplete (the run was cut off?); ignoring it", file);
                    } else {
                        throw new CorruptRunFolderException(
                                file + ":" + (i + 1) + ": not a history event; is this a run folder of cpcheck?", e);
                    }
                }
            }
        } catch (IOException e) {
            throw new CpcheckException("cannot read history " + file + ": " + e.getMessage(), e);
        }
        return new RunHistory(events);
    }

    public List<HistoryEvent> events() {
        return events;
    }

    public List<HistoryEvent> eventsOfType(String type) {
        return events.stream().filter(e -> e.is(type)).toList();
    }

    public Optional<HistoryEvent> first(String type) {
        return events.stream().filter(e -> e.is(type)).findFirst();
    }

    public Optional<HistoryEvent> last(String type) {
        HistoryEvent found = null;
        for (HistoryEvent e : events) {
            if (e.is(type)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Run id from the run-started event. */
    public Optional<String> runId() {
        return first(EventType.RUN_STARTED).map(e -> e.string("runId"));
    }

    public Optional<Instant> startedAt() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).time());
    }

    public Optional<Instant> endedAt() {
        return events.isEmpty()
                ? Optional.empty()
                : Optional.of(events.get(events.size() - 1).time());
    }

    /** Clock samples in the order they were taken. */
    public List<ClockSample> clockSamples() {
        List<ClockSample> samples = new ArrayList<>();
        for (HistoryEvent e : eventsOfType(EventType.CLOCK_OFFSET)) {
            samples.add(new ClockSample(
                    e.string("label"),
                    e.time(),
                    Duration.ofNanos(Math.round(e.doubleValue("offsetMs", 0) * 1_000_000)),
                    Duration.ofNanos(Math.round(e.doubleValue("uncertaintyMs", 0) * 1_000_000))));
        }
        return samples;
    }

    /** The clock sample nearest in time to {@code t}, if any was taken. */
    public Optional<ClockSample> clockSampleNearest(Instant t) {
        return clockSamples().stream()
                .min(Comparator.comparing(s -> Duration.between(s.at(), t).abs()));
    }

    /** Converts a JVM time to server time with the nearest clock sample (unchanged without samples). */
    public Instant toServerTime(Instant jvmTime) {
        return clockSampleNearest(jvmTime).map(s -> s.toServerTime(jvmTime)).orElse(jvmTime);
    }

    /** Largest clock uncertainty of the run. */
    public Duration clockUncertainty() {
        return clockSamples().stream()
                .map(ClockSample::uncertainty)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    /**
     * Confirmed paused windows, in order. A stop whose Stopped state was never observed gives no
     * window (nothing was confirmed paused); a window never followed by a start ends at the last
     * event of the history.
     */
    public List<PausedWindow> pausedWindows() {
        List<PausedWindow> windows = new ArrayList<>();
        Instant stopSent = null;
        Instant stoppedSeen = null;
        for (HistoryEvent e : events) {
            if (e.is(EventType.PIPE_COMMAND) && "stop".equals(e.string("command"))) {
                stopSent = e.time();
                stoppedSeen = null;
            } else if (e.is(EventType.PAUSE_CONFIRMED) && stopSent != null && stoppedSeen == null) {
                stoppedSeen = e.time();
            } else if (e.is(EventType.PIPE_COMMAND) && "start".equals(e.string("command")) && stopSent != null) {
                if (stoppedSeen != null) {
                    windows.add(window(
                            windows.size() + 1,
                            stopSent,
                            stoppedSeen,
                            e.time(),
                            Boolean.parseBoolean(e.string("cleanup"))));
                }
                stopSent = null;
                stoppedSeen = null;
            }
        }
        if (stopSent != null && stoppedSeen != null) {
            windows.add(
                    window(windows.size() + 1, stopSent, stoppedSeen, endedAt().orElse(stoppedSeen), true));
        }
        return windows;
    }

    private PausedWindow window(
            int index, Instant stopSent, Instant stoppedSeen, Instant resumeSent, boolean byCleanup) {
        Optional<ClockSample> atStart = clockSampleNearest(stoppedSeen);
        Optional<ClockSample> atEnd = clockSampleNearest(resumeSent);
        Duration uncertainty = max(
                atStart.map(ClockSample::uncertainty).orElse(Duration.ZERO),
                atEnd.map(ClockSample::uncertainty).orElse(Duration.ZERO));
        return new PausedWindow(
                index,
                stopSent,
                stoppedSeen,
                resumeSent,
                atStart.map(s -> s.toServerTime(stoppedSeen)).orElse(stoppedSeen),
                atEnd.map(s -> s.toServerTime(resumeSent)).orElse(resumeSent),
                uncertainty,
                byCleanup);
    }

    /** Times (JVM clock) at which start was sent after a stop, in order; cleanup resumes included. */
    public List<Instant> resumeTimes() {
        List<Instant> times = new ArrayList<>();
        boolean stopped = false;
        for (HistoryEvent e : eventsOfType(EventType.PIPE_COMMAND)) {
            if ("stop".equals(e.string("command"))) {
                stopped = true;
            } else if ("start".equals(e.string("command")) && stopped) {
                times.add(e.time());
                stopped = false;
            }
        }
        return times;
    }

    /**
     * The queue of the run's pipe in unordered mode, as recorded when the pipe was created; empty
     * for a pipe in key order.
     */
    public Optional<QueueFacts> eventQueue() {
        for (HistoryEvent e : eventsOfType(EventType.RESOURCE_CREATED)) {
            String url = e.string("queueUrl");
            if (CreatedResource.PIPE.equals(e.string("kind")) && url != null) {
                long retention = e.longValue("queueRetentionMs", -1);
                return Optional.of(new QueueFacts(
                        url,
                        retention < 0 ? null : Duration.ofMillis(retention),
                        Boolean.parseBoolean(e.string("skipInitialLoad"))));
            }
        }
        return Optional.empty();
    }

    /** When the run last saw the pipe's queue drained ({@link EventType#EVENTS_DRAINED}), JVM clock. */
    public Optional<Instant> eventsDrainedAt() {
        return last(EventType.EVENTS_DRAINED).map(HistoryEvent::time);
    }

    /**
     * A pipe's queue in unordered mode.
     *
     * @param url             the queue URL
     * @param retention       how long it keeps a message, or {@code null} when not recorded
     * @param skipInitialLoad whether the pipe skipped the initial load
     */
    public record QueueFacts(String url, Duration retention, boolean skipInitialLoad) {}

    /** Resources created or adopted by the run, in creation order. */
    public List<CreatedResource> createdResources() {
        return RunState.of(this).createdResources();
    }

    /**
     * Resources the run created and did not successfully remove: what {@code cleanup --run}
     * still has to delete. Adopted resources are never listed.
     */
    public List<CreatedResource> leftoverResources() {
        return RunState.of(this).openResources();
    }

    /** Resources the run announced before creating them ({@code resource-intent}), in order. */
    public List<ResourceIntent> intendedResources() {
        return RunState.of(this).intents();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
