package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesUnreachableException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.Interrupts;
import dev.cpcheck.engine.RetryNotice;
import dev.cpcheck.validation.ClickHouseException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads of a run (count polls, state polls, the server clock) ride out a short outage of a part
 * that refuses connections (a ClickHouse or an emulator restarting), and fail with the part's own
 * clear message when it lasts longer than {@link #GRACE}: a refused connection is not retried
 * for minutes. Each retry is announced. Writes are never retried here: their clients decide.
 */
public final class OutageGrace {
    /** How long a part may refuse connections before the read fails: a restart, not an outage. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private static final Duration PAUSE = Duration.ofMillis(500);
    private static final Duration NOTICE_EVERY = Duration.ofSeconds(3);

    /** Parts whose grace ran out: down until a read succeeds. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    private final Consumer<RetryNotice> listener;
    private final Duration grace;

    public OutageGrace(Consumer<RetryNotice> listener) {
        this(listener, GRACE);
    }

    OutageGrace(Consumer<RetryNotice> listener, Duration grace) {
        this.listener = listener;
        this.grace = grace;
    }

    /**
     * Runs a read, again while its part refuses connections, up to the grace. Once a part's grace
     * ran out, its reads fail at once until one succeeds: an outage is waited out once, not once
     * per read. Retries are announced at the first and then every few seconds.
     *
     * @throws RuntimeException the read's own failure once the grace is over, or at once when it
     *     is not a refused connection; an interrupt during the pause ends the wait with it
     */
    public <T> T read(Supplier<T> read) {
        long deadline = System.nanoTime() + grace.toNanos();
        long nextNotice = 0;
        int attempt = 0;
        while (true) {
            try {
                T value = read.get();
                down.clear();
                return value;
            } catch (RuntimeException e) {
                attempt++;
                String part = unreachablePart(e);
                if (part == null
                        || down.contains(part)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    down.add(part);
                    throw e;
                }
                if (now >= nextNotice) {
                    nextNotice = now + NOTICE_EVERY.toNanos();
                    long left = (deadline - now + 999_999_999L) / 1_000_000_000L;
                    notify(new RetryNotice(
                            part, e.getMessage() + "; attempt " + attempt + ", retrying for up to " + left + " s"));
                }
                try {
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void notify(RetryNotice notice) {
        try {
            listener.accept(notice);
        } catch (RuntimeException ignored) {
            // a listener never stops a run
        }
    }

    /** The part that was never reached, or {@code null} when the failure is of another kind. */
    static String unreachablePart(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClickHouseException ch) {
                return ch.reachedServer() || Interrupts.causedBy(ch) ? null : "clickhouse";
            }
            if (t instanceof ClickPipesUnreachableException) {
                return "clickpipes-api";
            }
            if (t instanceof InfrastructureException && t.getCause() == null) {
                return null;
            }
        }
        return null;
    }
}
