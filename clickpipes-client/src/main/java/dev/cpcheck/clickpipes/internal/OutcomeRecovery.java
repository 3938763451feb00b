package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.ClickPipesServiceException;
import java.util.Optional;

/**
 * How a call finds out what an attempt with an unknown outcome did (a timeout or a dropped
 * connection after the request was sent, or a 5xx), so that a retry neither repeats a change
 * nor fails on the change the earlier attempt made. {@link ApiCaller} calls it only after such an
 * attempt; both hooks run inside the next attempt and may send requests with
 * {@link ApiCaller#sendOnce}.
 *
 * @param <T> the call's result
 */
public interface OutcomeRecovery<T> {

    /** Nothing to find out: the call is safe to repeat (reads, and changes that set a value). */
    static <T> OutcomeRecovery<T> none() {
        return new OutcomeRecovery<>() {};
    }

    /**
     * Before sending again: the call's result if the uncertain attempt took effect (a create
     * adopts the pipe it made), or empty to send again.
     *
     * @param attempt the attempt about to be made
     */
    default Optional<T> beforeResend(int attempt) {
        return Optional.empty();
    }

    /**
     * The repeated request was refused: the call's result if the refusal is what the uncertain
     * attempt's success would cause (a start finds the pipe already running, a delete finds it
     * gone), or empty to let the refusal stand.
     *
     * @param refusal the error answer to the repeated request
     * @param attempt the attempt that was refused
     */
    default Optional<T> afterRefusal(ClickPipesServiceException refusal, int attempt) {
        return Optional.empty();
    }
}
