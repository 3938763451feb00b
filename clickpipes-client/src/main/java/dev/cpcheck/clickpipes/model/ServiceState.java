package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * State of a ClickHouse Cloud service ({@code Service.state}).
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ServiceState {
    STARTING("starting"),
    STOPPING("stopping"),
    TERMINATING("terminating"),
    SOFTDELETING("softdeleting"),
    AWAKING("awaking"),
    PARTIALLY_RUNNING("partially_running"),
    PROVISIONING("provisioning"),
    RUNNING("running"),
    STOPPED("stopped"),
    TERMINATED("terminated"),
    SOFTDELETED("softdeleted"),
    DEGRADED("degraded"),
    FAILED("failed"),
    IDLE("idle"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ServiceState(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ServiceState fromValue(String value) {
        return SpecEnums.fromValue(values(), ServiceState::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
