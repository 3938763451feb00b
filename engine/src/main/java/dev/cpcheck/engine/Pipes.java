package dev.cpcheck.engine;

import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.Sleeper;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.core.runner.Waiter;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.engine.internal.ClickPipesPipeControl;
import dev.cpcheck.engine.internal.EngineParts;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The pipes of the service, by id, through the typed ClickPipes API client (the emulator's API
 * on the embedded stack): list, look up, stop, start, delete. These act on any pipe and record
 * nothing; a run's own pipe is driven through the run ({@link dev.cpcheck.engine.steps.StepRun}),
 * which records every command in its history.
 *
 * <pre>{@code
 * engine.pipes().pause(id);
 * engine.pipes().awaitState(id, PipeState.STOPPED, state -> System.out.println(state));
 * }</pre>
 *
 * <p>API failures surface as {@link dev.cpcheck.core.InfrastructureException}; {@link FailureOutcome}
 * says what they mean to a user.
 */
public final class Pipes {
    private final EngineParts parts;

    Pipes(EngineParts parts) {
        this.parts = parts;
    }

    /** Every pipe of the service, whatever its source. */
    public List<PipeInfo> list() {
        return ClickPipesPipeControl.list(parts.environment().clickPipes());
    }

    /**
     * One object-storage pipe: name, state, source URL and destination table.
     *
     * @throws IllegalArgumentException when the pipe reads from something other than object storage
     */
    public PipeInfo get(String pipeId) {
        return parts.pipeControl().adopt(Objects.requireNonNull(pipeId, "pipeId"));
    }

    /** The pipe's state now. */
    public PipeState state(String pipeId) {
        return parts.pipeControl().state(pipeId);
    }

    /** Sends stop. */
    public void pause(String pipeId) {
        parts.pipeControl().pause(pipeId);
    }

    /** Sends start (a pipe that is already running is fine). */
    public void resume(String pipeId) {
        parts.pipeControl().resume(pipeId);
    }

    /** Deletes the pipe; a pipe that is gone already is fine. */
    public void delete(String pipeId) {
        parts.pipeControl().delete(pipeId);
    }

    /**
     * Polls the state at the engine's state interval until it is {@code target}, for at most the
     * engine's state timeout.
     *
     * @param eachPoll sees every state read (e.g. a live progress line)
     * @throws WaitTimeoutException when the timeout passes first
     * @throws PipeFailedException  when the pipe fails instead
     */
    public PipeState awaitState(String pipeId, PipeState target, Consumer<PipeState> eachPoll)
            throws InterruptedException {
        return Waiter.of(Sleeper.SYSTEM, System::nanoTime)
                .until(
                        "pipe " + pipeId + " " + target.apiName(),
                        () -> state(pipeId),
                        s -> {
                            if (s == target) {
                                return true;
                            }
                            if (s.isTerminalFailure()) {
                                throw new PipeFailedException(pipeId, s, "state " + target.apiName());
                            }
                            return false;
                        },
                        parts.runnerConfig().stateInterval(),
                        parts.runnerConfig().stateTimeout(),
                        poll -> eachPoll.accept(poll.value()),
                        PipeState::apiName);
    }
}
