package dev.cpcheck.clickpipes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Virtual time: sleeping advances the clock at once and is recorded. */
public final class FakeTimeSource implements TimeSource {

    private static final Instant EPOCH = Instant.parse("2025-06-01T10:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final long startNanos = nanos.get();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanos.get() - startNanos);
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (!duration.isNegative()) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Every sleep so far, in order. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** Sum of all sleeps. */
    public Duration totalSlept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Virtual time since creation. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get() - startNanos);
    }
}
