package dev.cpcheck.clickpipes.internal;

import java.util.regex.Pattern;

/** The API paths of one service and its pipes, built only from IDs that cannot change the path. */
public final class ApiPaths {

    /** What an organization, service or pipe ID may hold: letters, digits, '-', '_', '.', '~'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String service;

    public ApiPaths(String organizationId, String serviceId) {
        this.service = "/v1/organizations/" + organizationId + "/services/" + serviceId;
    }

    /** Whether {@code value} is usable as an ID in a path (and is not {@code .} or {@code ..}). */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }

    /** The service: {@code /v1/organizations/{org}/services/{service}}. */
    public String service() {
        return service;
    }

    /** The service's state command. */
    public String serviceState() {
        return service + "/state";
    }

    /** The service's pipes. */
    public String pipes() {
        return service + "/clickpipes";
    }

    /**
     * One pipe.
     *
     * @throws IllegalArgumentException if {@code pipeId} is not an ID
     */
    public String pipe(String pipeId) {
        if (!isId(pipeId)) {
            throw new IllegalArgumentException(
                    "pipeId must be an ID such as a UUID (letters, digits, '-', '_', '.', '~'), was "
                            + (pipeId == null ? "null" : "'" + pipeId + "'"));
        }
        return pipes() + "/" + pipeId;
    }
}
