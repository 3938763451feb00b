package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * Lifecycle state of a ClickPipe ({@code ClickPipe.state}), with the values of the API spec.
 *
 * <p>Object-storage pipes use {@code Provisioning → Running}; stop gives {@code Stopping →
 * Stopped}; start is allowed from {@code Stopped} or {@code Failed}; a one-shot pipe ends
 * {@code Completed}; errors give {@code Failed} or {@code InternalError}. The other values belong
 * to database and streaming pipes.
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} (whose own spec value is
 * {@code "Unknown"}); {@link ClickPipe#rawState()} keeps the string the server sent.
 */
public enum ClickPipeState {
    /** {@code "Unknown"}: initial state, or a value this client does not know. */
    UNKNOWN("Unknown"),
    PROVISIONING("Provisioning"),
    RUNNING("Running"),
    DEGRADED("Degraded"),
    STOPPING("Stopping"),
    STOPPED("Stopped"),
    FAILED("Failed"),
    COMPLETED("Completed"),
    INTERNAL_ERROR("InternalError"),
    SETUP("Setup"),
    SNAPSHOT("Snapshot"),
    PAUSED("Paused"),
    PAUSING("Pausing"),
    MODIFYING("Modifying"),
    RESYNC("Resync");

    private final String value;

    ClickPipeState(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec (e.g. {@code "Running"}). */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ClickPipeState fromValue(String value) {
        return SpecEnums.fromValue(values(), ClickPipeState::value, value, UNKNOWN);
    }

    /** {@code true} for {@link #FAILED} and {@link #INTERNAL_ERROR}: the pipe stopped on an error. */
    public boolean isFailure() {
        return this == FAILED || this == INTERNAL_ERROR;
    }

    @Override
    public String toString() {
        return value;
    }
}
