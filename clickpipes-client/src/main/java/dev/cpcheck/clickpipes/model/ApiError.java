package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error envelope of the API: {@code {"status":400,"error":"BAD_REQUEST: message","requestId":…}}.
 * The error string starts with an upper-snake code when the server gives one.
 *
 * <pre>{@code
 * ApiError.of(400, "BAD_REQUEST", "ClickPipe is already running", requestId)  // server side
 * }</pre>
 *
 * @param status HTTP status
 * @param error {@code "CODE: message"} or a bare message
 * @param requestId request ID assigned by the server
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(
        @JsonProperty("status") Integer status,
        @JsonProperty("error") String error,
        @JsonProperty("requestId") String requestId) {

    private static final Pattern CODED = Pattern.compile("^([A-Z][A-Z0-9_]*):\\s*(.*)$", Pattern.DOTALL);

    /** An error whose message is {@code "CODE: message"}, or just the message without a code. */
    public static ApiError of(int status, String code, String message, String requestId) {
        String error = code == null || code.isEmpty() ? message : code + ": " + message;
        return new ApiError(status, error, requestId);
    }

    /** The upper-snake code before the colon, or {@code null} if the error has none. */
    @JsonIgnore
    public String code() {
        if (error == null) {
            return null;
        }
        Matcher m = CODED.matcher(error.trim());
        return m.matches() ? m.group(1) : null;
    }

    /** The message without its code. */
    @JsonIgnore
    public String message() {
        if (error == null) {
            return null;
        }
        Matcher m = CODED.matcher(error.trim());
        return m.matches() ? m.group(2).trim() : error.trim();
    }
}
