package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * How a ClickPipe authenticates to object storage ({@code source.objectStorage.authentication}).
 * Omit it (leave {@code null}) for a public bucket; {@link #PUBLIC} is named in the spec's
 * description but not in its enum, and is accepted here only so that responses parse.
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ObjectStorageAuthentication {
    IAM_ROLE("IAM_ROLE"),
    IAM_USER("IAM_USER"),
    CONNECTION_STRING("CONNECTION_STRING"),
    SERVICE_ACCOUNT("SERVICE_ACCOUNT"),
    PUBLIC("PUBLIC"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ObjectStorageAuthentication(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ObjectStorageAuthentication fromValue(String value) {
        return SpecEnums.fromValue(values(), ObjectStorageAuthentication::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
