package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful response.
 *
 * @param status HTTP status
 * @param requestId request ID from the envelope or headers, may be {@code null}
 * @param result the envelope's {@code result}, or {@code null} when absent
 * @param attempt the attempt that got it, for messages
 */
public record ApiResult(int status, String requestId, JsonNode result, int attempt) {}
