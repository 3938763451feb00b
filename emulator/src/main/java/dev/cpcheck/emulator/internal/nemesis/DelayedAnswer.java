package dev.cpcheck.emulator.internal.nemesis;

import java.time.Duration;
import java.util.Locale;

/**
 * The next N answers to requests of one HTTP method are held back for a while after the request
 * took effect: a create whose pipe exists while the caller still waits for its id, the window in
 * which an interrupted client loses track of what it made.
 */
public final class DelayedAnswer implements Nemesis {
    private String method = "POST";
    private int remaining;
    private Duration delay = Duration.ZERO;

    @Override
    public String id() {
        return "delayed-answer";
    }

    /** Holds back the answers of the next {@code count} {@code method} requests by {@code delay}. */
    public synchronized void arm(String method, int count, Duration delay) {
        if (count < 0 || delay.isNegative()) {
            throw new IllegalArgumentException("count and delay must not be negative");
        }
        this.method = method.toUpperCase(Locale.ROOT);
        this.remaining = count;
        this.delay = delay;
    }

    public synchronized int remaining() {
        return remaining;
    }

    public synchronized String method() {
        return method;
    }

    public synchronized Duration delay() {
        return delay;
    }

    /**
     * Called after a request took effect, before its answer is sent: waits when the request is one
     * of those to delay. An interrupt (the emulator stopping) ends the wait early.
     */
    public void beforeAnswer(String requestMethod) {
        Duration wait;
        synchronized (this) {
            if (remaining <= 0 || !method.equalsIgnoreCase(requestMethod)) {
                return;
            }
            remaining--;
            wait = delay;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
