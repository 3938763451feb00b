package dev.cpcheck.core.runner;

import java.time.Duration;

/** Pauses the calling thread between polls; replaceable in tests. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()), (int) (Math.max(0, d.toNanos()) % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
