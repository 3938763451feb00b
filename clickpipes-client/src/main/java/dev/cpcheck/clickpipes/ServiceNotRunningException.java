package dev.cpcheck.clickpipes;

import java.util.Optional;

/**
 * 424 {@code FAILED_DEPENDENCY}: the ClickHouse service behind the pipes is not running (idle or
 * stopped). Wake an idle service with {@link ClickPipesClient#awakeService()} and start a stopped
 * one with {@link ClickPipesClient#startService()}, or build the client with
 * {@code wakeIdleService(true)} to wake idle services automatically.
 */
public class ServiceNotRunningException extends ClickPipesServiceException {

    private static final long serialVersionUID = 2L;

    private final String serviceState;

    /**
     * @param serviceState state named in the message ({@code "Current state: idle"}), or null
     */
    public ServiceNotRunningException(Details details, String serviceState) {
        super(details);
        this.serviceState = serviceState;
    }

    /** The service state the server reported, e.g. {@code "idle"} or {@code "stopped"}. */
    public Optional<String> serviceState() {
        return Optional.ofNullable(serviceState);
    }
}
