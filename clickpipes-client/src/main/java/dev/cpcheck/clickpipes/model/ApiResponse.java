package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Success envelope of every API response: {@code {"status":200,"requestId":"…","result":…}}.
 * {@code DELETE} responses carry no result.
 *
 * <pre>{@code ApiResponse.ok(requestId, pipe)  // server side}</pre>
 *
 * @param status HTTP status
 * @param requestId request ID assigned by the server
 * @param result the payload
 * @param <T> payload type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiResponse<T>(
        @JsonProperty("status") Integer status,
        @JsonProperty("requestId") String requestId,
        @JsonProperty("result") T result) {

    /** A 200 response with a result. */
    public static <T> ApiResponse<T> ok(String requestId, T result) {
        return new ApiResponse<>(200, requestId, result);
    }
}
