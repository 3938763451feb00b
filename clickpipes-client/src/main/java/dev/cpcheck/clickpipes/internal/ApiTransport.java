package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesClientException;
import dev.cpcheck.clickpipes.ClickPipesClientException.Reason;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.clickpipes.TimeSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one attempt of an API request: rate-limit slot, Basic auth, JSON envelope, typed errors,
 * one DEBUG log line. Never logs headers or bodies, and scrubs secrets from error messages.
 * Thread-safe.
 */
public final class ApiTransport {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cpcheck.clickpipes.http");

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration requestTimeout;
    private final ObjectMapper json;
    private final SlidingWindowRateLimiter limiter;
    private final Duration limiterMaxWait;
    private final TimeSource time;
    private final String userAgent;
    private final List<String> clientSecrets;

    /**
     * @param http the HTTP client
     * @param baseUrl base URL without trailing slash, e.g. {@code https://api.clickhouse.cloud}
     * @param apiKeyId API key ID (Basic auth user)
     * @param apiKeySecret API key secret (Basic auth password)
     * @param requestTimeout timeout of one request
     * @param json mapper
     * @param limiter rate limiter, or {@code null} for none
     * @param limiterMaxWait longest a request waits for a slot of the limiter
     * @param time clock
     * @param userAgent value of the User-Agent header
     */
    public ApiTransport(
            HttpClient http,
            String baseUrl,
            String apiKeyId,
            String apiKeySecret,
            Duration requestTimeout,
            ObjectMapper json,
            SlidingWindowRateLimiter limiter,
            Duration limiterMaxWait,
            TimeSource time,
            String userAgent) {
        this.http = http;
        this.baseUrl = baseUrl;
        String token =
                Base64.getEncoder().encodeToString((apiKeyId + ":" + apiKeySecret).getBytes(StandardCharsets.UTF_8));
        this.authorization = "Basic " + token;
        this.requestTimeout = requestTimeout;
        this.json = json;
        this.limiter = limiter;
        this.limiterMaxWait = limiterMaxWait;
        this.time = time;
        this.userAgent = userAgent;
        this.clientSecrets = List.of(apiKeySecret, token);
    }

    /**
     * Sends the request once.
     *
     * @param request the request
     * @param attempt attempt number within the calling operation, for logs and messages
     * @return the successful response
     * @throws ClickPipesServiceException on an error status
     * @throws ClickPipesClientException when no response arrived
     */
    public ApiResult send(ApiRequest request, int attempt) {
        List<String> secrets = secretsOf(request);
        acquireSlot(request, attempt);

        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(serialize(request)));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }

        long start = time.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(request, attempt, start, Reason.INTERRUPTED, "interrupted", e, secrets);
        } catch (HttpConnectTimeoutException e) {
            throw failure(request, attempt, start, Reason.CONNECT, "connect timeout", e, secrets);
        } catch (ConnectException e) {
            throw failure(request, attempt, start, Reason.CONNECT, "cannot connect", e, secrets);
        } catch (HttpTimeoutException e) {
            throw failure(
                    request,
                    attempt,
                    start,
                    Reason.TIMEOUT,
                    "no response within " + Durations.format(requestTimeout),
                    e,
                    secrets);
        } catch (IOException e) {
            throw failure(request, attempt, start, Reason.IO, "I/O error", e, secrets);
        }
        long millis = (time.nanoTime() - start) / 1_000_000L;
        int status = response.statusCode();
        String body = response.body();

        if (status >= 200 && status < 300) {
            JsonNode envelope = readEnvelope(request, status, body, attempt, secrets);
            String requestId = requestIdOf(envelope, response);
            LOG.debug(
                    "{} {} -> {} requestId={} attempt={} duration={}ms",
                    request.method(),
                    request.path(),
                    status,
                    requestId,
                    attempt,
                    millis);
            JsonNode result = envelope == null ? null : envelope.get("result");
            return new ApiResult(status, requestId, result == null || result.isNull() ? null : result);
        }
        ClickPipesServiceException error = ErrorMapper.toException(
                request.describe(),
                status,
                response.headers(),
                body,
                request.pipeScoped(),
                attempt,
                time.now(),
                json,
                secrets);
        LOG.debug(
                "{} {} -> {} requestId={} attempt={} duration={}ms error={}",
                request.method(),
                request.path(),
                status,
                error.requestId(),
                attempt,
                millis,
                error.errorCode());
        throw error;
    }

    private void acquireSlot(ApiRequest request, int attempt) {
        if (limiter == null) {
            return;
        }
        Duration waited;
        try {
            waited = limiter.acquire(limiterMaxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickPipesClientException(
                    request.describe() + " interrupted while waiting for the client-side rate limiter",
                    e,
                    Reason.INTERRUPTED,
                    attempt);
        }
        if (waited == null) {
            throw new ClickPipesClientException(
                    request.describe()
                            + " not sent: the client-side rate limiter had no free slot within"
                            + " its maximum wait; lower the request rate or raise"
                            + " ClickPipesRateLimitConfig.maxWait",
                    null,
                    Reason.RATE_LIMITER,
                    attempt);
        }
        if (!waited.isZero()) {
            LOG.debug(
                    "{} {} waited {}ms for the client-side rate limiter",
                    request.method(),
                    request.path(),
                    waited.toMillis());
        }
    }

    private byte[] serialize(ApiRequest request) {
        try {
            return json.writeValueAsBytes(request.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialize request body of " + request.describe() + ": " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode readEnvelope(ApiRequest request, int status, String body, int attempt, List<String> secrets) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            String snippet = body.length() > 200 ? body.substring(0, 200) + "…" : body;
            throw new ClickPipesServiceException(
                    request.describe()
                            + " returned HTTP "
                            + status
                            + " with a body that is not JSON: "
                            + SecretScrubber.scrub(snippet.replaceAll("\\s+", " "), secrets)
                            + " (attempt "
                            + attempt
                            + "). Check the base URL.",
                    status,
                    null,
                    "INVALID_RESPONSE",
                    "response body is not JSON",
                    attempt);
        }
    }

    private static String requestIdOf(JsonNode envelope, HttpResponse<?> response) {
        if (envelope != null && envelope.path("requestId").isTextual()) {
            return envelope.get("requestId").asText();
        }
        return response.headers().firstValue("X-Request-Id").orElse(null);
    }

    private ClickPipesClientException failure(
            ApiRequest request,
            int attempt,
            long start,
            Reason reason,
            String what,
            Exception cause,
            List<String> secrets) {
        long millis = (time.nanoTime() - start) / 1_000_000L;
        String detail = cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + SecretScrubber.scrub(cause.getMessage(), secrets);
        LOG.debug(
                "{} {} -> no response ({}) attempt={} duration={}ms",
                request.method(),
                request.path(),
                what,
                attempt,
                millis);
        return new ClickPipesClientException(
                request.describe() + " failed: " + what + " (" + detail + ", attempt " + attempt + ")",
                cause,
                reason,
                attempt);
    }

    private List<String> secretsOf(ApiRequest request) {
        if (request.body() == null) {
            return clientSecrets;
        }
        Set<String> inBody = SecretScrubber.secretsIn(request.body());
        if (inBody.isEmpty()) {
            return clientSecrets;
        }
        List<String> all = new ArrayList<>(clientSecrets);
        all.addAll(inBody);
        return all;
    }
}
