package dev.cpcheck.clickpipes;

import dev.cpcheck.clickpipes.model.ClickPipe;
import java.time.Duration;
import java.util.Optional;

/**
 * A waiter gave up: the awaited state was not seen within the timeout. The message names the
 * awaited states, the last state seen and how long it waited.
 *
 * <p>Also thrown when waking an idle service times out; then {@link #pipeId()} is {@code null}
 * and {@link #lastState()} is a service state.
 */
public class ClickPipeWaitTimeoutException extends ClickPipesException {

    private static final long serialVersionUID = 1L;

    private final String pipeId;
    private final String lastState;
    private final transient ClickPipe lastPipe;
    private final Duration waited;
    private final int polls;

    public ClickPipeWaitTimeoutException(
            String message, String pipeId, String lastState, ClickPipe lastPipe, Duration waited, int polls) {
        super(message);
        this.pipeId = pipeId;
        this.lastState = lastState;
        this.lastPipe = lastPipe;
        this.waited = waited;
        this.polls = polls;
    }

    /** ID of the awaited pipe, or {@code null} for a service wait. */
    public String pipeId() {
        return pipeId;
    }

    /** Last state seen, as the server wrote it, or {@code null} if no poll succeeded. */
    public String lastState() {
        return lastState;
    }

    /** The pipe as last seen, for pipe waits. */
    public Optional<ClickPipe> lastPipe() {
        return Optional.ofNullable(lastPipe);
    }

    /** How long the waiter waited. */
    public Duration waited() {
        return waited;
    }

    /** How many polls it made. */
    public int polls() {
        return polls;
    }
}
