package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API request.
 *
 * @param method HTTP method
 * @param path path starting with {@code /v1}, already percent-encoded
 * @param body JSON body, or {@code null}
 * @param pipeScoped whether the path names a ClickPipe (a 404 then means "no such pipe")
 */
public record ApiRequest(String method, String path, JsonNode body, boolean pipeScoped) {

    public static ApiRequest get(String path, boolean pipeScoped) {
        return new ApiRequest("GET", path, null, pipeScoped);
    }

    /** {@code "METHOD path"}, for messages and logs. */
    public String describe() {
        return method + " " + path;
    }
}
