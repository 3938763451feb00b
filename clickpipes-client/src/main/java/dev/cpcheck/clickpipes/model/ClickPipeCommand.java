package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * Command of a ClickPipe state change ({@code PATCH .../clickpipes/{id}/state}, spec
 * {@code ClickPipeStatePatchRequest.command}).
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ClickPipeCommand {
    START("start"),
    STOP("stop"),
    RESYNC("resync"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ClickPipeCommand(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ClickPipeCommand fromValue(String value) {
        return SpecEnums.fromValue(values(), ClickPipeCommand::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
