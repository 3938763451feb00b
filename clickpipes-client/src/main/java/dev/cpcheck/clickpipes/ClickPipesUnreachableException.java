package dev.cpcheck.clickpipes;

/**
 * The request never reached the service: nothing listens at the API URL (connection refused),
 * its host name does not resolve, no connection opened within the connect timeout, or the TLS
 * handshake failed. The call certainly had no effect.
 *
 * <p>A refused connection, an unknown host and a failed handshake are not retried: they do not
 * heal within a retry budget, and failing within seconds with the URL in the message is more
 * useful than minutes of retries. A connect timeout is retried (a congested network can clear).
 *
 * <pre>{@code
 * catch (ClickPipesUnreachableException e) {
 *   // "cannot connect to the ClickHouse Cloud API at http://127.0.0.1:8124: connection refused"
 * }
 * }</pre>
 */
public class ClickPipesUnreachableException extends ClickPipesClientException {

    private static final long serialVersionUID = 1L;

    private final String baseUrl;

    /**
     * @param message full message
     * @param cause the I/O failure
     * @param reason one of the reasons whose {@link Reason#mayHaveReachedService()} is false
     * @param attempts attempts made, this one included
     * @param baseUrl the API URL the client tried to reach
     */
    public ClickPipesUnreachableException(
            String message, Throwable cause, Reason reason, int attempts, String baseUrl) {
        super(message, cause, reason, attempts);
        this.baseUrl = baseUrl;
    }

    /** The API URL the client could not reach. */
    public String baseUrl() {
        return baseUrl;
    }
}
