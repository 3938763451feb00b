package dev.cpcheck.clickpipes;

/**
 * Base of every exception this client throws. Unchecked.
 *
 * <ul>
 *   <li>{@link ClickPipesClientException}: no response from the service (I/O error, timeout,
 *       interruption); {@link ClickPipesUnreachableException} when the request certainly never
 *       reached it (connection refused, unknown host, TLS handshake failed).
 *   <li>{@link ClickPipesServiceException}: the service answered with an error; subtypes per
 *       status (authentication, not found, bad request / state conflict, service not running,
 *       rate limited), and {@link ClickPipesUnexpectedResponseException} for an answer that is
 *       not the API's (XML, HTML: the URL points at another server).
 *   <li>{@link ClickPipeWaitTimeoutException} and {@link ClickPipeFailedException}: a waiter did
 *       not see the awaited state.
 * </ul>
 *
 * <p>Messages never contain the API key secret or any credential sent in a request.
 */
public class ClickPipesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClickPipesException(String message) {
        super(message);
    }

    public ClickPipesException(String message, Throwable cause) {
        super(message, cause);
    }
}
