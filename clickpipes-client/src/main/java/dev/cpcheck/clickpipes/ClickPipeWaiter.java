package dev.cpcheck.clickpipes;

import dev.cpcheck.clickpipes.internal.HumanDurations;
import dev.cpcheck.clickpipes.internal.Polling;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Waits for a ClickPipe to reach a state by polling {@link ClickPipesClient#get(String)}, with a
 * growing interval and a hard deadline. Obtain it from {@link ClickPipesClient#waiter()}.
 *
 * <ul>
 *   <li>Returns the pipe as soon as a poll sees one of the target states.
 *   <li>Throws {@link ClickPipeFailedException} at once when a poll sees {@code Failed} or
 *       {@code InternalError} and that state is not a target.
 *   <li>Throws {@link ClickPipeWaitTimeoutException}, naming the last state seen and how long it
 *       waited, when the deadline passes. The last poll happens at the deadline.
 * </ul>
 *
 * <pre>{@code
 * client.stop(pipeId);
 * ClickPipe stopped = client.waiter().untilState(pipeId, Set.of(ClickPipeState.STOPPED),
 *     WaiterConfig.custom().timeout(Duration.ofMinutes(5)).listener(history::record).build());
 * }</pre>
 *
 * <p>Errors of a poll itself (after the client's own retries) end the wait and propagate. A poll
 * that is retried can overrun the deadline by up to the client's retry budget.
 */
public final class ClickPipeWaiter {

    private final ClickPipesClient client;
    private final TimeSource time;

    ClickPipeWaiter(ClickPipesClient client, TimeSource time) {
        this.client = client;
        this.time = time;
    }

    /** Waits with {@link WaiterConfig#ofDefaults()} for one target state. */
    public ClickPipe untilState(String pipeId, ClickPipeState target) {
        return untilState(pipeId, EnumSet.of(target), WaiterConfig.ofDefaults());
    }

    /**
     * Polls until the pipe is in one of {@code targets}.
     *
     * @param pipeId the pipe
     * @param targets awaited states, not empty
     * @param config timeout, intervals and listener
     * @return the pipe as seen by the successful poll
     * @throws ClickPipeFailedException if the pipe enters a failure state that is not a target
     * @throws ClickPipeWaitTimeoutException if the deadline passes first
     * @throws ClickPipesClientException with reason {@code INTERRUPTED} if interrupted
     */
    public ClickPipe untilState(String pipeId, Set<ClickPipeState> targets, WaiterConfig config) {
        Objects.requireNonNull(pipeId, "pipeId");
        Objects.requireNonNull(config, "config");
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets must name at least one ClickPipeState");
        }
        Set<ClickPipeState> awaited = Set.copyOf(targets);
        long start = time.nanoTime();
        long deadline = start + config.timeout().toNanos();
        Duration interval = config.initialInterval();
        ClickPipe last = null;
        for (int poll = 1; ; poll++) {
            last = client.get(pipeId);
            Duration elapsed = Duration.ofNanos(time.nanoTime() - start);
            ClickPipeState state = last.state();
            config.listener()
                    .accept(new WaiterPollEvent(
                            pipeId, poll, state, last.rawState(), awaited, elapsed, time.now(), last));
            if (state != null && awaited.contains(state)) {
                return last;
            }
            if (state != null && state.isFailure()) {
                throw new ClickPipeFailedException(
                        "ClickPipe "
                                + pipeId
                                + " entered state "
                                + last.rawState()
                                + " while waiting for "
                                + awaited
                                + " (after "
                                + HumanDurations.format(elapsed)
                                + ", "
                                + poll
                                + " polls);"
                                + " see system.clickpipes_log and the <table>_clickpipes_error table for the cause",
                        pipeId,
                        last,
                        elapsed,
                        poll);
            }
            long remaining = deadline - time.nanoTime();
            if (remaining <= 0) {
                throw new ClickPipeWaitTimeoutException(
                        "ClickPipe "
                                + pipeId
                                + " did not reach "
                                + awaited
                                + " within "
                                + HumanDurations.format(config.timeout())
                                + ": last seen state "
                                + (last.rawState() == null ? "(none)" : last.rawState())
                                + " after "
                                + poll
                                + " polls over "
                                + HumanDurations.format(elapsed)
                                + "; raise WaiterConfig.timeout if the pipe is only slow",
                        pipeId,
                        last.rawState(),
                        last,
                        elapsed,
                        poll);
            }
            Polling.sleep(time, Duration.ofNanos(Math.min(interval.toNanos(), remaining)), "ClickPipe " + pipeId);
            interval = Polling.grow(interval, config.backoffMultiplier(), config.maxInterval());
        }
    }
}
