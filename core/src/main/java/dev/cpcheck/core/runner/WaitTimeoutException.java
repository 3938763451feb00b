package dev.cpcheck.core.runner;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.scenario.Durations;
import java.time.Duration;

/** A waiter ran out of time. The message says what was awaited, for how long, and what was last seen. */
public class WaitTimeoutException extends CpcheckException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final Duration timeout;
    private final String lastObserved;

    public WaitTimeoutException(String what, Duration timeout, String lastObserved) {
        super("timed out after " + Durations.format(timeout) + " waiting for " + what
                + (lastObserved == null ? "" : "; last observed: " + lastObserved));
        this.what = what;
        this.timeout = timeout;
        this.lastObserved = lastObserved;
    }

    public String what() {
        return what;
    }

    public Duration timeout() {
        return timeout;
    }

    public String lastObserved() {
        return lastObserved;
    }
}
