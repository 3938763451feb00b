package dev.cpcheck.core.runner;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls until a condition holds or a deadline passes: no blind sleeps, every observation handed
 * to a listener (the runner records them in the history).
 *
 * <pre>{@code
 * IngestionSnapshot s = Waiter.of(Sleeper.SYSTEM, System::nanoTime).until(
 *     "6 files ingested", destination::snapshot, snap -> snap.files() >= 6,
 *     Duration.ofMillis(250), Duration.ofMinutes(1), snap -> history.record(...), Object::toString);
 * }</pre>
 */
public final class Waiter {
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    private Waiter(Sleeper sleeper, LongSupplier nanoTime) {
        this.sleeper = Objects.requireNonNull(sleeper);
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    public static Waiter of(Sleeper sleeper, LongSupplier nanoTime) {
        return new Waiter(sleeper, nanoTime);
    }

    /** Elapsed-time aware observation handed to the listener. */
    public record Poll<T>(int attempt, Duration elapsed, T value) {}

    /**
     * Polls {@code probe} every {@code interval} until {@code done} accepts a value.
     *
     * @param what     what is awaited, for the timeout message
     * @param describe how to show the last value in the timeout message
     * @return the accepted value
     * @throws WaitTimeoutException  when {@code timeout} passes first
     * @throws InterruptedException  when the thread is interrupted
     */
    public <T> T until(
            String what,
            Supplier<T> probe,
            Predicate<T> done,
            Duration interval,
            Duration timeout,
            Consumer<Poll<T>> listener,
            java.util.function.Function<T, String> describe)
            throws InterruptedException {
        long start = nanoTime.getAsLong();
        long deadline = start + timeout.toNanos();
        T last = null;
        int attempt = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while waiting for " + what);
            }
            last = probe.get();
            attempt++;
            long now = nanoTime.getAsLong();
            listener.accept(new Poll<>(attempt, Duration.ofNanos(now - start), last));
            if (done.test(last)) {
                return last;
            }
            if (now >= deadline) {
                throw new WaitTimeoutException(what, timeout, last == null ? null : describe.apply(last));
            }
            sleeper.sleep(Duration.ofNanos(Math.min(interval.toNanos(), deadline - now)));
        }
    }

    /**
     * Polls {@code probe} every {@code interval} for {@code duration}, handing every value to the
     * listener: an observation period, not a wait for a condition.
     */
    public <T> void observe(Supplier<T> probe, Duration interval, Duration duration, Consumer<Poll<T>> listener)
            throws InterruptedException {
        long start = nanoTime.getAsLong();
        long end = start + duration.toNanos();
        int attempt = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while holding");
            }
            T value = probe.get();
            attempt++;
            long now = nanoTime.getAsLong();
            listener.accept(new Poll<>(attempt, Duration.ofNanos(now - start), value));
            if (now >= end) {
                return;
            }
            sleeper.sleep(Duration.ofNanos(Math.min(interval.toNanos(), end - now)));
        }
    }
}
