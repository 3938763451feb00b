package dev.cpcheck.clickpipes;

import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One poll of a {@link ClickPipeWaiter}, given to {@link WaiterConfig#listener()}: enough to
 * record the wait in a run history.
 *
 * @param pipeId the awaited pipe
 * @param attempt 1 for the first poll, then 2, 3, …
 * @param state state seen
 * @param rawState state as the server wrote it
 * @param targets the awaited states
 * @param elapsed time since the wait began
 * @param polledAt wall-clock time of the poll
 * @param pipe the pipe as returned by the poll
 */
public record WaiterPollEvent(
        String pipeId,
        int attempt,
        ClickPipeState state,
        String rawState,
        Set<ClickPipeState> targets,
        Duration elapsed,
        Instant polledAt,
        ClickPipe pipe) {

    /** Whether this poll saw one of the awaited states. */
    public boolean reachedTarget() {
        return state != null && targets.contains(state);
    }
}
