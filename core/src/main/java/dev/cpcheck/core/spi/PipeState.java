package dev.cpcheck.core.spi;

import java.util.Locale;

/**
 * State of a ClickPipe, as the ClickHouse Cloud API names them. Unknown values map to
 * {@link #UNKNOWN}.
 */
public enum PipeState {
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

    private final String apiName;

    PipeState(String apiName) {
        this.apiName = apiName;
    }

    /** The name the API uses, e.g. {@code Running}. */
    public String apiName() {
        return apiName;
    }

    /** A state the pipe does not leave by itself: waiting for another state is pointless. */
    public boolean isTerminalFailure() {
        return this == FAILED || this == INTERNAL_ERROR;
    }

    /** Parses an API state name (case-insensitive); unknown names give {@link #UNKNOWN}. */
    public static PipeState fromApiName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace("_", "");
            for (PipeState s : values()) {
                if (s.apiName.toLowerCase(Locale.ROOT).equals(n)) {
                    return s;
                }
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
