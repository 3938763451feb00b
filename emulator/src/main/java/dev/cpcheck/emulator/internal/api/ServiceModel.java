package dev.cpcheck.emulator.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one ClickHouse Cloud service the emulator serves: its name and state. The state only
 * matters to the API (ClickPipe changes need a running service, else 424); the embedded ClickHouse
 * keeps running whatever it says.
 */
public final class ServiceModel {
    /** Service states of the API spec. */
    public static final List<String> STATES = List.of(
            "starting",
            "stopping",
            "terminating",
            "softdeleting",
            "awaking",
            "partially_running",
            "provisioning",
            "running",
            "stopped",
            "terminated",
            "softdeleted",
            "degraded",
            "failed",
            "idle");

    private final Instant createdAt = Instant.now();
    private final Supplier<Duration> transitionDelay;
    private String name;
    private String state = "running";
    private String targetState;
    private Instant dueAt;

    public ServiceModel(String name, Supplier<Duration> transitionDelay) {
        this.name = name;
        this.transitionDelay = transitionDelay;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized void name(String newName) {
        this.name = newName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized String state() {
        advance();
        return state;
    }

    /** Sets the state directly (e.g. {@code idle}), cancelling a pending transition. */
    public synchronized void state(String newState) {
        if (!STATES.contains(newState)) {
            throw new IllegalArgumentException(
                    "Unknown service state '" + newState + "'; valid: " + String.join(", ", STATES));
        }
        this.state = newState;
        this.targetState = null;
        this.dueAt = null;
    }

    /**
     * The service state command of the spec's {@code ServiceStatePatchRequest}: start, stop or
     * awake. {@code awake} un-idles an idle service and is a no-op on a running or waking one (the
     * Terraform provider's {@code wakeService}, {@code internal/api/service.go}); on a stopped
     * service it is refused with the message the provider's tests quote ("Service must be in idle
     * state to awake", {@code internal/api/udf_test.go}).
     */
    public synchronized String command(String command) {
        advance();
        switch (command) {
            case "start" -> {
                if (!state.equals("running")) {
                    transition(state.equals("idle") ? "awaking" : "starting", "running");
                }
            }
            case "awake" -> {
                if (state.equals("idle")) {
                    transition("awaking", "running");
                } else if (!state.equals("running") && !state.equals("awaking")) {
                    throw ApiException.badRequest("Service must be in idle state to awake");
                }
            }
            case "stop" -> {
                if (!state.equals("stopped")) {
                    transition("stopping", "stopped");
                }
            }
            default ->
                throw ApiException.badRequest("Invalid command '" + command + "'; expected one of start, stop, awake");
        }
        return state;
    }

    private void transition(String during, String target) {
        Duration delay = transitionDelay.get();
        if (delay.isZero()) {
            state = target;
            targetState = null;
            dueAt = null;
        } else {
            state = during;
            targetState = target;
            dueAt = Instant.now().plus(delay);
        }
    }

    private void advance() {
        if (targetState != null && !Instant.now().isBefore(dueAt)) {
            state = targetState;
            targetState = null;
            dueAt = null;
        }
    }
}
