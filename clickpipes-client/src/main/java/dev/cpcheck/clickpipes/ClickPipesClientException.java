package dev.cpcheck.clickpipes;

import java.util.Objects;

/**
 * The call got no response from the service: connection failure, I/O error, timeout,
 * interruption, or the client-side rate limiter could not grant a slot in time.
 *
 * <pre>{@code
 * catch (ClickPipesClientException e) {
 *   if (e.reason() == ClickPipesClientException.Reason.CONNECT) { ... check network / base URL }
 * }
 * }</pre>
 */
public class ClickPipesClientException extends ClickPipesException {

    private static final long serialVersionUID = 1L;

    /** Why no response arrived. */
    public enum Reason {
        /** The connection could not be opened: the request never reached the service. */
        CONNECT(true, false),
        /** No response within the request timeout: the request may have been processed. */
        TIMEOUT(true, true),
        /** The connection failed mid-exchange: the request may have been processed. */
        IO(true, true),
        /** The calling thread was interrupted. */
        INTERRUPTED(false, false),
        /** The client-side rate limiter could not grant a slot within its maximum wait. */
        RATE_LIMITER(false, false);

        private final boolean retryable;
        private final boolean mayHaveReachedService;

        Reason(boolean retryable, boolean mayHaveReachedService) {
            this.retryable = retryable;
            this.mayHaveReachedService = mayHaveReachedService;
        }
    }

    private final Reason reason;
    private final int attempts;

    public ClickPipesClientException(String message, Throwable cause, Reason reason, int attempts) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.attempts = attempts;
    }

    /** Why no response arrived. */
    public Reason reason() {
        return reason;
    }

    /** How many attempts the call made, this one included. */
    public int attempts() {
        return attempts;
    }

    /** Whether repeating the call may succeed (connection failures and timeouts). */
    public boolean isRetryable() {
        return reason.retryable;
    }

    /** Whether the service may have received and processed the request despite the failure. */
    public boolean mayHaveReachedService() {
        return reason.mayHaveReachedService;
    }
}
