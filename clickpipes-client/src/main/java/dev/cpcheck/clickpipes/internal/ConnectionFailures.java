package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.ClickPipesClientException;
import dev.cpcheck.clickpipes.ClickPipesClientException.Reason;
import dev.cpcheck.clickpipes.ClickPipesUnreachableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Names why an attempt got no response, and whether the request can have reached the service.
 *
 * <p>The JDK HTTP client reports a refused connection as a {@link ConnectException} without a
 * message (its cause is a {@code ClosedChannelException}), and a host name that does not resolve
 * as a {@link ConnectException} caused by an {@link UnresolvedAddressException}; both are seen
 * with Java 17.
 */
final class ConnectionFailures {

    private ConnectionFailures() {}

    /**
     * The exception for an attempt that failed with {@code cause}.
     *
     * @param operation e.g. {@code "GET /v1/…"}
     * @param baseUrl the API URL
     * @param connectTimeout the HTTP client's connect timeout, if it has one
     * @param requestTimeout the timeout of one request
     * @param attempt attempt number
     * @param secrets values to scrub from the cause's message
     */
    static ClickPipesClientException of(
            IOException cause,
            String operation,
            String baseUrl,
            Optional<Duration> connectTimeout,
            Duration requestTimeout,
            int attempt,
            Collection<String> secrets) {
        String where = " (" + operation + ", attempt " + attempt + ")";
        if (cause instanceof HttpConnectTimeoutException) {
            return unreachable(
                    "no connection within "
                            + connectTimeout.map(HumanDurations::format).orElse("the connect timeout"),
                    cause,
                    Reason.CONNECT,
                    baseUrl,
                    where,
                    attempt);
        }
        if (cause instanceof ConnectException) {
            if (inChain(cause, UnresolvedAddressException.class) || inChain(cause, UnknownHostException.class)) {
                return unreachable(
                        "unknown host " + host(baseUrl), cause, Reason.UNKNOWN_HOST, baseUrl, where, attempt);
            }
            String detail = firstMessage(cause)
                    .map(m -> SecretScrubber.scrub(m, secrets))
                    .orElse("connection refused");
            return unreachable(detail, cause, Reason.CONNECTION_REFUSED, baseUrl, where, attempt);
        }
        if (inChain(cause, SSLException.class)) {
            String detail = "TLS handshake failed"
                    + firstMessage(cause)
                            .map(m -> ": " + SecretScrubber.scrub(m, secrets))
                            .orElse("");
            return unreachable(detail, cause, Reason.TLS, baseUrl, where, attempt);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ClickPipesClientException(
                    operation + " failed: no response within " + HumanDurations.format(requestTimeout) + " (attempt "
                            + attempt + ")",
                    cause,
                    Reason.TIMEOUT,
                    attempt);
        }
        String detail = cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + SecretScrubber.scrub(cause.getMessage(), secrets);
        return new ClickPipesClientException(
                operation + " failed: I/O error (" + detail + ", attempt " + attempt + ")", cause, Reason.IO, attempt);
    }

    private static ClickPipesUnreachableException unreachable(
            String what, IOException cause, Reason reason, String baseUrl, String where, int attempt) {
        return new ClickPipesUnreachableException(
                "cannot connect to the ClickHouse Cloud API at " + baseUrl + ": " + what + where
                        + ". Check the API URL, and that the API (or the local stack) is running and reachable.",
                cause,
                reason,
                attempt,
                baseUrl);
    }

    private static boolean inChain(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static Optional<String> firstMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return Optional.of(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String host(String baseUrl) {
        try {
            String host = java.net.URI.create(baseUrl).getHost();
            return host == null ? baseUrl : host;
        } catch (IllegalArgumentException e) {
            return baseUrl;
        }
    }
}
