package dev.cpcheck.core.history;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.cpcheck.core.Interrupts;
import dev.cpcheck.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to {@code history.jsonl}, one JSON object per line, flushed as each event is
 * recorded so a crash (or kill) loses nothing already observed. Also keeps the events in memory
 * for {@link #snapshot()}. Thread-safe.
 *
 * <pre>{@code
 * try (HistoryWriter history = HistoryWriter.open(runDir.resolve("history.jsonl"))) {
 *     history.record(EventType.NOTE, null, Map.of("message", "hello"));
 * }
 * }</pre>
 */
public final class HistoryWriter implements HistorySink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectWriter LINE_WRITER = Json.mapper().writer();

    private final Path file;
    private final BufferedWriter out;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final List<Consumer<HistoryEvent>> listeners = new CopyOnWriteArrayList<>();
    private long seq;
    private boolean closed;

    private HistoryWriter(Path file, BufferedWriter out, Clock clock, LongSupplier nanoTime) {
        this.file = file;
        this.out = out;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** Opens (creating or appending to) a history file. */
    public static HistoryWriter open(Path file) {
        return open(file, Clock.systemUTC(), System::nanoTime);
    }

    /** Opens a history file with an explicit wall clock and monotonic clock (for tests). */
    public static HistoryWriter open(Path file, Clock clock, LongSupplier nanoTime) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter out = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new HistoryWriter(file, out, clock, nanoTime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open history file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** The wall clock events are stamped with. */
    public Clock clock() {
        return clock;
    }

    /** Adds a listener that sees every event after it is written (e.g. a progress display). */
    public void addListener(Consumer<HistoryEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Records an event now.
     *
     * @param type event type, see {@link EventType}
     * @param step scenario step index, or {@code null}
     * @param data event data; values must be JSON-serialisable and must not contain secrets
     * @return the event as written
     */
    @Override
    public HistoryEvent record(String type, Integer step, Map<String, ?> data) {
        HistoryEvent event;
        synchronized (this) {
            event = new HistoryEvent(
                    ++seq,
                    clock.instant(),
                    nanoTime.getAsLong() - startNanos,
                    type,
                    step,
                    data == null ? Map.of() : new LinkedHashMap<>(data));
            events.add(event);
            if (!closed) {
                // an interrupted step is recorded too: the file channel must not close on the interrupt
                Interrupts.uninterruptibly(() -> {
                    try {
                        out.write(LINE_WRITER.writeValueAsString(event));
                        out.write('\n');
                        out.flush();
                    } catch (IOException e) {
                        // The in-memory copy still has it; the run goes on, but say so once per failure.
                        LOG.warn("cannot append to history file {}: {}", file, e.getMessage());
                    }
                });
            }
        }
        deliver(listeners, event);
        return event;
    }

    /**
     * Hands an event to each listener; a listener that throws is logged at debug level and never
     * stops the others or the run that records.
     */
    public static void deliver(Iterable<Consumer<HistoryEvent>> listeners, HistoryEvent event) {
        for (Consumer<HistoryEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.debug("history listener failed", e);
            }
        }
    }

    /** The events recorded so far, as a read model. */
    @Override
    public synchronized RunHistory snapshot() {
        return new RunHistory(List.copyOf(events));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("cannot close history file {}: {}", file, e.getMessage());
        }
    }
}
