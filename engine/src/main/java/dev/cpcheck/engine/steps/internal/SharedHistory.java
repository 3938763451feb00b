package dev.cpcheck.engine.steps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.Interrupts;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistorySink;
import dev.cpcheck.core.history.HistoryWriter;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to a {@code history.jsonl} that several processes may write in turn (one
 * process per step command). Each append takes an exclusive lock on the file, reads the sequence
 * number of the last line, and writes one whole line after it, so lines never interleave and
 * {@code seq} stays gapless across processes. {@code monoNanos} counts from the run's first
 * event by the wall clock: there is no monotonic clock shared between processes.
 *
 * <p>A last line cut short by a crashed writer is cut off before appending, so the file stays
 * readable.
 */
public final class SharedHistory implements HistorySink {
    private static final Logger LOG = LoggerFactory.getLogger(SharedHistory.class);
    private static final ObjectWriter LINE_WRITER = Json.mapper().writer();
    /** How much of the file's end is read to find the last line; a line longer than this is read whole. */
    private static final int TAIL = 64 * 1024;

    private final Path file;
    private final Clock clock;
    private final List<Consumer<HistoryEvent>> listeners;
    private Instant runStart;

    public SharedHistory(Path file, Clock clock, List<Consumer<HistoryEvent>> listeners) {
        this.file = file.toAbsolutePath().normalize();
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one event now.
     *
     * @param data must not contain secrets
     * @return the event as written
     */
    @Override
    public HistoryEvent record(String type, Integer step, Map<String, ?> data) {
        // an interrupted step is recorded too: file channels must not close on the interrupt
        HistoryEvent event =
                Interrupts.uninterruptibly(() -> RunLocks.withLock(lockFile(), () -> append(type, step, data)));
        HistoryWriter.deliver(listeners, event);
        return event;
    }

    /** Every event in the file, this process's and the others'. */
    @Override
    public RunHistory snapshot() {
        return Files.isRegularFile(file) ? RunHistory.read(file) : new RunHistory(List.of());
    }

    private Path lockFile() {
        return file.resolveSibling("." + file.getFileName() + ".lock");
    }

    private HistoryEvent append(String type, Integer step, Map<String, ?> data) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock ignored = ch.lock()) {
                Tail tail = lastLine(ch);
                Instant now = clock.instant();
                if (runStart == null) {
                    runStart = tail.firstTime != null ? tail.firstTime : now;
                }
                HistoryEvent event = new HistoryEvent(
                        tail.lastSeq + 1,
                        now,
                        Math.max(0, Duration.between(runStart, now).toNanos()),
                        type,
                        step,
                        data == null ? Map.of() : new LinkedHashMap<>(data));
                byte[] line = (LINE_WRITER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer buf = ByteBuffer.wrap(line);
                long pos = tail.end;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                return event;
            }
        } catch (IOException e) {
            throw new CpcheckException("cannot append to history file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the last complete line ends, its seq, and (when the file is read from the start) the first time. */
    private record Tail(long end, long lastSeq, Instant firstTime) {}

    private Tail lastLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return new Tail(0, 0, null);
        }
        Instant first = runStart == null ? firstTime(ch) : null;
        long from = Math.max(0, size - TAIL);
        while (true) {
            byte[] bytes = read(ch, from, (int) (size - from));
            int end = bytes.length;
            if (bytes[end - 1] != '\n') {
                int nl = lastIndexOf(bytes, end - 1, (byte) '\n');
                if (nl < 0 && from > 0) {
                    from = Math.max(0, from - TAIL);
                    continue;
                }
                long cut = from + nl + 1;
                LOG.warn("{}: last line is incomplete (a writer was cut off); removing it before appending", file);
                ch.truncate(cut);
                if (nl < 0) {
                    return new Tail(0, 0, null);
                }
                end = nl + 1;
            }
            // bytes[end - 1] is '\n': find the start of the last non-blank line
            int lineEnd = end - 1;
            while (lineEnd > 0 && (bytes[lineEnd - 1] == '\n' || bytes[lineEnd - 1] == '\r')) {
                lineEnd--;
            }
            int start = lastIndexOf(bytes, lineEnd - 1, (byte) '\n') + 1;
            if (start == 0 && from > 0) {
                from = Math.max(0, from - TAIL);
                continue;
            }
            long seq = 0;
            if (lineEnd > start) {
                JsonNode node =
                        Json.mapper().readTree(new String(bytes, start, lineEnd - start, StandardCharsets.UTF_8));
                seq = node.path("seq").asLong(0);
            }
            return new Tail(from + end, seq, first);
        }
    }

    private Instant firstTime(FileChannel ch) throws IOException {
        byte[] head = read(ch, 0, (int) Math.min(ch.size(), TAIL));
        int nl = indexOf(head, (byte) '\n');
        if (nl <= 0) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(new String(head, 0, nl, StandardCharsets.UTF_8));
            return node.hasNonNull("time") ? Json.mapper().treeToValue(node.get("time"), Instant.class) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] read(FileChannel ch, long from, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = from;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
        return out;
    }

    private static int lastIndexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
