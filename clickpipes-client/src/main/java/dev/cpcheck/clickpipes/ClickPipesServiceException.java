package dev.cpcheck.clickpipes;

import java.io.Serializable;

/**
 * The service answered with an error status. Carries the HTTP status, the request ID (quote it
 * to ClickHouse support), and the error code and message parsed from the API's
 * {@code "UPPER_SNAKE: message"} error string.
 *
 * <pre>{@code
 * try {
 *   client.start(pipeId);
 * } catch (ClickPipeStateConflictException e) {
 *   // already running
 * } catch (ClickPipesServiceException e) {
 *   log.error("status {} code {} requestId {}", e.statusCode(), e.errorCode(), e.requestId());
 * }
 * }</pre>
 *
 * <p>Every subtype is built from one {@link Details} value, so a new subtype needs one
 * one-argument constructor.
 */
public class ClickPipesServiceException extends ClickPipesException {

    private static final long serialVersionUID = 2L;

    /**
     * What the service answered, and the message the client made of it.
     *
     * @param message full exception message
     * @param statusCode HTTP status
     * @param requestId request ID from the response, may be {@code null}
     * @param errorCode upper-snake code from the error string, may be {@code null}
     * @param errorMessage the server's message without its code, may be {@code null}
     * @param attempts attempts made, this one included
     */
    public record Details(
            String message, int statusCode, String requestId, String errorCode, String errorMessage, int attempts)
            implements Serializable {

        /** The same answer with {@code sentence} appended to the message. */
        public Details withHint(String sentence) {
            return new Details(message + sentence, statusCode, requestId, errorCode, errorMessage, attempts);
        }
    }

    private final Details details;

    /** An exception for this answer. */
    public ClickPipesServiceException(Details details) {
        super(details.message());
        this.details = details;
    }

    /** Everything the exception knows of the answer. */
    public Details details() {
        return details;
    }

    /** HTTP status code. */
    public int statusCode() {
        return details.statusCode();
    }

    /** Request ID the server assigned, or {@code null} if the response had none. */
    public String requestId() {
        return details.requestId();
    }

    /** Code such as {@code BAD_REQUEST} or {@code FAILED_DEPENDENCY}, or {@code null}. */
    public String errorCode() {
        return details.errorCode();
    }

    /** The server's message without its code. */
    public String errorMessage() {
        return details.errorMessage();
    }

    /** How many attempts the call made, this one included. */
    public int attempts() {
        return details.attempts();
    }

    /** Whether repeating the request may succeed: 5xx and 429 (no other 4xx). */
    public boolean isRetryable() {
        return statusCode() >= 500 || statusCode() == 429;
    }

    /** Whether the service throttled the request (429). */
    public boolean isThrottling() {
        return statusCode() == 429;
    }
}
