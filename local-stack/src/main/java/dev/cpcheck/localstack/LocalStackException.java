package dev.cpcheck.localstack;

/**
 * The embedded stack's process could not be started, stopped or reached, or its control API
 * refused a request. The message says what and, for a failed start, ends with the last lines of
 * the stack's output.
 */
public class LocalStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
