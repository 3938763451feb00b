package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesClientException;
import dev.cpcheck.clickpipes.ClickPipesClientException.Reason;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.clickpipes.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one attempt of an API request: rate-limit slot, Basic auth, JSON envelope, typed errors,
 * DEBUG log lines. Logs request headers with the {@code Authorization} value masked, never bodies,
 * and scrubs secrets from error messages. Thread-safe.
 */
public final class ApiTransport {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cpcheck.clickpipes.http");

    /** Headers whose values are credentials: logged as their scheme and {@code ****}. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

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

    /** The API URL requests go to, without trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Sends the request once.
     *
     * @param request the request
     * @param attempt attempt number within the calling operation, for logs and messages
     * @return the successful response
     * @throws ClickPipesServiceException on an error status, or an answer that is not the API's
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
        HttpRequest httpRequest = builder.build();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} attempt={} headers: {}", request.method(), request.path(), attempt, headers(httpRequest));
        }

        long start = time.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logNoResponse(request, attempt, start, "interrupted");
            throw new ClickPipesClientException(
                    request.describe() + " failed: interrupted (attempt " + attempt + ")",
                    e,
                    Reason.INTERRUPTED,
                    attempt);
        } catch (IOException e) {
            ClickPipesClientException failure = ConnectionFailures.of(
                    e, request.describe(), baseUrl, http.connectTimeout(), requestTimeout, attempt, secrets);
            logNoResponse(request, attempt, start, failure.reason().name().toLowerCase(Locale.ROOT));
            throw failure;
        }
        long millis = (time.nanoTime() - start) / 1_000_000L;
        int status = response.statusCode();
        String body = response.body();

        if (status >= 200 && status < 300) {
            JsonNode envelope = readEnvelope(request, response, attempt, secrets);
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
            return new ApiResult(status, requestId, result == null || result.isNull() ? null : result, attempt);
        }
        ClickPipesServiceException error = ErrorMapper.toException(
                request, baseUrl, status, response.headers(), body, attempt, time.now(), json, secrets);
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

    /**
     * The request's headers for a log line, {@code Authorization} (and other credential headers)
     * reduced to their scheme and {@code ****}.
     */
    static String headers(HttpRequest request) {
        return request.headers().map().entrySet().stream()
                .map(ApiTransport::headerForLog)
                .collect(Collectors.joining(", "));
    }

    private static String headerForLog(Map.Entry<String, List<String>> header) {
        String name = header.getKey();
        if (!CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return name + ": " + String.join(",", header.getValue());
        }
        String value = header.getValue().isEmpty() ? "" : header.getValue().get(0);
        int space = value.indexOf(' ');
        String scheme = space > 0 ? value.substring(0, space + 1) : "";
        return name + ": " + scheme + Redaction.MASK;
    }

    private void logNoResponse(ApiRequest request, int attempt, long start, String what) {
        LOG.debug(
                "{} {} -> no response ({}) attempt={} duration={}ms",
                request.method(),
                request.path(),
                what,
                attempt,
                (time.nanoTime() - start) / 1_000_000L);
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

    private JsonNode readEnvelope(
            ApiRequest request, HttpResponse<String> response, int attempt, List<String> secrets) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            String kind = ResponseBody.kind(response.headers(), body);
            throw ErrorMapper.unexpected(
                    request,
                    baseUrl,
                    response.statusCode(),
                    kind,
                    body,
                    attempt,
                    secrets,
                    kind.equals(ResponseBody.JSON) ? "malformed JSON" : null);
        }
    }

    private static String requestIdOf(JsonNode envelope, HttpResponse<?> response) {
        if (envelope != null && envelope.path("requestId").isTextual()) {
            return envelope.get("requestId").asText();
        }
        return response.headers().firstValue("X-Request-Id").orElse(null);
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
