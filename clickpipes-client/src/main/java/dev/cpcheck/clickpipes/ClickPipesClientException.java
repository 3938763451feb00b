package dev.cpcheck.clickpipes;

import java.util.Objects;

/**
 * The call got no response from the service: connection failure, I/O error, timeout,
 * interruption, or the client-side rate limiter could not grant a slot in time. When the request
 * certainly never reached the service the exception is a {@link ClickPipesUnreachableException}.
 *
 * <pre>{@code
 * catch (ClickPipesClientException e) {
 *   if (!e.mayHaveReachedService()) { ... check network / base URL }
 * }
 * }</pre>
 */
public class ClickPipesClientException extends ClickPipesException {

    private static final long serialVersionUID = 1L;

    /** Why no response arrived. */
    public enum Reason {
        /** No connection opened within the connect timeout: the request never reached the service. */
        CONNECT(true, false),
        /**
         * Nothing accepted the connection (refused, or no route to the host): the request never
         * reached the service. Not retried.
         */
        CONNECTION_REFUSED(false, false),
        /** The API host name does not resolve: the request never reached the service. Not retried. */
        UNKNOWN_HOST(false, false),
        /** The TLS handshake failed: the request never reached the service. Not retried. */
        TLS(false, false),
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

        /** Whether a failure for this reason is worth another attempt. */
        public boolean isRetryable() {
            return retryable;
        }

        /** Whether the service may have received the request despite the failure. */
        public boolean mayHaveReachedService() {
            return mayHaveReachedService;
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

    /** Whether repeating the call may succeed (connect and response timeouts, dropped connections). */
    public boolean isRetryable() {
        return reason.retryable;
    }

    /** Whether the service may have received and processed the request despite the failure. */
    public boolean mayHaveReachedService() {
        return reason.mayHaveReachedService;
    }
}
