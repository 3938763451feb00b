package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipeStateConflictException;
import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesBadRequestException;
import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitedException;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.clickpipes.ClickPipesServiceException.Details;
import dev.cpcheck.clickpipes.ClickPipesUnexpectedResponseException;
import dev.cpcheck.clickpipes.ServiceNotRunningException;
import dev.cpcheck.clickpipes.model.ApiError;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a response the client cannot use into the matching typed exception: an error status of
 * the API, or an answer that is not the API's at all.
 */
public final class ErrorMapper {

    public static final String RATE_LIMIT_RESET_HEADER = "X-RateLimit-Reset";
    public static final String RETRY_AFTER_HEADER = "Retry-After";

    private static final int MAX_BODY_IN_MESSAGE = 300;

    /** Reset values above this are epoch seconds rather than a delay. */
    private static final double EPOCH_SECONDS_THRESHOLD = 1_000_000_000d;

    private static final Pattern STATE_CONFLICT = Pattern.compile(
            "already\\s+(running|stopped|started|stopping|paused|starting)"
                    + "|\\bnot\\s+(running|stopped|paused|started)"
                    + "|cannot\\s+be\\s+(started|stopped|resumed|paused|resynced)"
                    + "|invalid\\s+state|current\\s+state|\\bin\\s+state\\b|state\\s+transition",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVICE_STATE =
            Pattern.compile("current\\s+state:?\\s*([A-Za-z_]+)", Pattern.CASE_INSENSITIVE);

    private ErrorMapper() {}

    /**
     * Builds the exception for an error response.
     *
     * @param request the request, named in the message; a 404 on a pipe path means "no such pipe"
     * @param baseUrl the API URL, named when the answer is not the API's
     * @param status HTTP status
     * @param headers response headers
     * @param body response body, may be empty or not JSON
     * @param attempt attempt number of this call
     * @param now current wall-clock time, to read date-valued headers
     * @param json mapper
     * @param secrets values to scrub from the server's message
     */
    public static ClickPipesServiceException toException(
            ApiRequest request,
            String baseUrl,
            int status,
            HttpHeaders headers,
            String body,
            int attempt,
            Instant now,
            ObjectMapper json,
            Collection<String> secrets) {
        String kind = ResponseBody.kind(headers, body);
        boolean clientError = status >= 400 && status < 500 && status != 429;
        boolean notJson = !kind.equals(ResponseBody.JSON) && !kind.equals(ResponseBody.EMPTY);
        if (notJson && (clientError || ResponseBody.s3ErrorCode(body).isPresent())) {
            // The API answers every 4xx with its JSON envelope: XML, HTML or text come from another
            // server, and so does an S3 error document with any status. A gateway's HTML 5xx in
            // front of the API is left to the retries.
            return unexpected(request, baseUrl, status, kind, body, attempt, secrets, null);
        }
        ApiError error = parse(body, json);
        String code = error == null ? null : error.code();
        String serverMessage = error != null && error.error() != null ? error.message() : abbreviate(body);
        serverMessage = SecretScrubber.scrub(serverMessage, secrets);
        String requestId = error != null && error.requestId() != null
                ? error.requestId()
                : headers.firstValue("X-Request-Id").orElse(null);

        StringBuilder msg = new StringBuilder()
                .append(request.describe())
                .append(" failed: HTTP ")
                .append(status);
        if (code != null) {
            msg.append(' ').append(code).append(':');
        }
        if (serverMessage != null && !serverMessage.isEmpty()) {
            msg.append(' ').append(serverMessage);
        }
        msg.append(" (requestId ")
                .append(requestId == null ? "none" : requestId)
                .append(", attempt ")
                .append(attempt)
                .append(')');
        Details details = new Details(msg.toString(), status, requestId, code, serverMessage, attempt);
        String text = serverMessage == null ? "" : serverMessage;

        switch (status) {
            case 401:
            case 403:
                return new ClickPipesAuthenticationException(
                        details.withHint(". Check the API key ID and secret, and that the key is active and has access"
                                + " to this organization and service (ClickHouse Cloud console, API Keys)."));
            case 404:
                if (request.pipeScoped()) {
                    return new ClickPipeNotFoundException(
                            details.withHint(". No ClickPipe with this ID exists in the service."));
                }
                return new ClickPipesServiceException(
                        details.withHint(". Check the organization ID, service ID and base URL."));
            case 400:
                if (STATE_CONFLICT.matcher(text).find()) {
                    return new ClickPipeStateConflictException(details);
                }
                return new ClickPipesBadRequestException(details);
            case 424: {
                Matcher m = SERVICE_STATE.matcher(text);
                String serviceState = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
                return new ServiceNotRunningException(
                        details.withHint(". The ClickHouse service is not running"
                                + (serviceState == null ? "" : " (state: " + serviceState + ")")
                                + ". Wake an idle service with ClickPipesClient.awakeService() or start a"
                                + " stopped one with ClickPipesClient.startService() or in the console;"
                                + " the builder option wakeIdleService(true) wakes idle services automatically."),
                        serviceState);
            }
            case 429: {
                Duration reset = resetDelay(headers, now).orElse(null);
                return new ClickPipesRateLimitedException(
                        details.withHint(". The API allows 10 requests per 10 s per key"
                                + (reset == null ? "" : "; limit resets in " + HumanDurations.format(reset))
                                + "."),
                        reset);
            }
            default:
                return new ClickPipesServiceException(details);
        }
    }

    /**
     * The answer to {@code request} is not what the ClickHouse Cloud API sends.
     *
     * @param kind what the body is ({@code XML}, {@code HTML}, {@code text}, {@code JSON},
     *     {@code empty})
     * @param body the body, only searched for an S3 error code
     * @param problem what is wrong with a JSON body, or {@code null} when the body is not JSON
     */
    public static ClickPipesUnexpectedResponseException unexpected(
            ApiRequest request,
            String baseUrl,
            int status,
            String kind,
            String body,
            int attempt,
            Collection<String> secrets,
            String problem) {
        String s3Code = ResponseBody.s3ErrorCode(body).orElse(null);
        StringBuilder msg = new StringBuilder("the answer from ")
                .append(baseUrl)
                .append(" is not a ClickHouse Cloud API response (HTTP ")
                .append(status)
                .append(", ")
                .append(kind)
                .append("): ")
                .append(request.describe())
                .append(problem == null ? " returned a body that is not JSON" : " returned " + problem);
        if (s3Code != null) {
            msg.append("; it looks like an S3 server (error code ")
                    .append(s3Code)
                    .append(')');
        }
        msg.append(" (attempt ")
                .append(attempt)
                .append("). Check the base URL: the ClickHouse Cloud API is ")
                .append(ClickPipesClient.DEFAULT_BASE_URL)
                .append('.');
        Details details = new Details(
                SecretScrubber.scrub(msg.toString(), secrets),
                status,
                null,
                ClickPipesUnexpectedResponseException.ERROR_CODE,
                problem == null ? "response body is not JSON" : problem,
                attempt);
        return new ClickPipesUnexpectedResponseException(details, kind);
    }

    /**
     * Delay until the rate limit resets: {@code X-RateLimit-Reset} (seconds, may be fractional;
     * read as an epoch time when implausibly large) or else {@code Retry-After} (seconds or an
     * HTTP date).
     */
    public static Optional<Duration> resetDelay(HttpHeaders headers, Instant now) {
        Optional<String> reset = headers.firstValue(RATE_LIMIT_RESET_HEADER);
        if (reset.isPresent()) {
            try {
                double seconds = Double.parseDouble(reset.get().trim());
                if (Double.isFinite(seconds)) {
                    if (seconds > EPOCH_SECONDS_THRESHOLD) {
                        seconds = seconds - now.toEpochMilli() / 1000.0;
                    }
                    return Optional.of(Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)));
                }
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> retryAfter = headers.firstValue(RETRY_AFTER_HEADER);
        if (retryAfter.isPresent()) {
            String value = retryAfter.get().trim();
            try {
                double seconds = Double.parseDouble(value);
                if (Double.isFinite(seconds)) {
                    return Optional.of(Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)));
                }
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    Duration d = Duration.between(now, at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException ignored) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static ApiError parse(String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode error = node.get("error");
            if (error != null && error.isObject()) {
                // some gateways nest the error: {"error":{"message":"..."}}
                JsonNode message = error.get("message");
                return new ApiError(
                        node.path("status").isNumber() ? node.get("status").asInt() : null,
                        message == null ? error.toString() : message.asText(),
                        node.path("requestId").isTextual()
                                ? node.get("requestId").asText()
                                : null);
            }
            return json.treeToValue(node, ApiError.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return null;
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
