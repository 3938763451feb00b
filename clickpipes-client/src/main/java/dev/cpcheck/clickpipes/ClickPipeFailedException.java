package dev.cpcheck.clickpipes;

import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import java.time.Duration;

/**
 * A waiter saw the pipe in {@code Failed} or {@code InternalError} while waiting for another
 * state; waiting longer would not help. Look at {@code system.clickpipes_log} and the pipe's
 * {@code <table>_clickpipes_error} table for the cause.
 */
public class ClickPipeFailedException extends ClickPipesException {

    private static final long serialVersionUID = 1L;

    private final String pipeId;
    private final transient ClickPipe pipe;
    private final Duration waited;
    private final int polls;

    public ClickPipeFailedException(String message, String pipeId, ClickPipe pipe, Duration waited, int polls) {
        super(message);
        this.pipeId = pipeId;
        this.pipe = pipe;
        this.waited = waited;
        this.polls = polls;
    }

    /** ID of the pipe. */
    public String pipeId() {
        return pipeId;
    }

    /** The failure state seen. */
    public ClickPipeState state() {
        return pipe == null ? null : pipe.state();
    }

    /** The pipe as last seen. */
    public ClickPipe pipe() {
        return pipe;
    }

    /** How long the waiter had waited. */
    public Duration waited() {
        return waited;
    }

    /** How many polls it made. */
    public int polls() {
        return polls;
    }
}
