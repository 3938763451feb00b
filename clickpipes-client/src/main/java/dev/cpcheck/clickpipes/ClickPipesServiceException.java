package dev.cpcheck.clickpipes;

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
 */
public class ClickPipesServiceException extends ClickPipesException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String requestId;
    private final String errorCode;
    private final String errorMessage;
    private final int attempts;

    /**
     * @param message full message
     * @param statusCode HTTP status
     * @param requestId request ID from the response, may be {@code null}
     * @param errorCode upper-snake code from the error string, may be {@code null}
     * @param errorMessage the server's message without its code
     * @param attempts attempts made, this one included
     */
    public ClickPipesServiceException(
            String message, int statusCode, String requestId, String errorCode, String errorMessage, int attempts) {
        super(message);
        this.statusCode = statusCode;
        this.requestId = requestId;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.attempts = attempts;
    }

    /** HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** Request ID the server assigned, or {@code null} if the response had none. */
    public String requestId() {
        return requestId;
    }

    /** Code such as {@code BAD_REQUEST} or {@code FAILED_DEPENDENCY}, or {@code null}. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's message without its code. */
    public String errorMessage() {
        return errorMessage;
    }

    /** How many attempts the call made, this one included. */
    public int attempts() {
        return attempts;
    }

    /** Whether repeating the request may succeed: 5xx and 429 (no other 4xx). */
    public boolean isRetryable() {
        return statusCode >= 500 || statusCode == 429;
    }

    /** Whether the service throttled the request (429). */
    public boolean isThrottling() {
        return statusCode == 429;
    }
}
