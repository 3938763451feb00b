package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * Command of a service state change ({@code PATCH .../services/{id}/state}, spec
 * {@code ServiceStatePatchRequest.command}).
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ServiceCommand {
    START("start"),
    STOP("stop"),
    AWAKE("awake"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ServiceCommand(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ServiceCommand fromValue(String value) {
        return SpecEnums.fromValue(values(), ServiceCommand::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
