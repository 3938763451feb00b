package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipeWaitTimeoutException;
import dev.cpcheck.clickpipes.ClickPipesBadRequestException;
import dev.cpcheck.clickpipes.ClickPipesServiceException.Details;
import dev.cpcheck.clickpipes.ServiceNotRunningException;
import dev.cpcheck.clickpipes.TimeSource;
import dev.cpcheck.clickpipes.model.Service;
import dev.cpcheck.clickpipes.model.ServiceCommand;
import dev.cpcheck.clickpipes.model.ServiceState;
import dev.cpcheck.clickpipes.model.ServiceStateRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and commands the service behind the pipes, and wakes it when a ClickPipes call was
 * refused because it is not running (424).
 *
 * <p>An idle service is woken with the state command {@code awake} and a stopped one, only when
 * allowed, with {@code start}; then the waker waits until the service is {@code running} (not
 * {@code partially_running}) and the caller repeats its call once. This is what the official
 * Terraform provider does (ClickHouse/terraform-provider-clickhouse, {@code internal/api}:
 * {@code doClickPipeRequest}, {@code wakeService}); its tests also show that {@code awake} on a
 * service another client already woke is refused with 400 "Service must be in idle state to
 * awake", which the waker treats as woken.
 */
public final class ServiceWaker {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cpcheck.clickpipes.ClickPipesClient");

    /** States the service does not leave by itself: waiting for it to run would be in vain. */
    private static final Set<ServiceState> DEAD_ENDS = EnumSet.of(
            ServiceState.STOPPED,
            ServiceState.STOPPING,
            ServiceState.TERMINATED,
            ServiceState.TERMINATING,
            ServiceState.SOFTDELETED,
            ServiceState.SOFTDELETING,
            ServiceState.FAILED);

    /** States on the way to running: wait without a command. */
    private static final Set<ServiceState> WAKING = EnumSet.of(
            ServiceState.AWAKING, ServiceState.STARTING, ServiceState.PROVISIONING, ServiceState.PARTIALLY_RUNNING);

    private final ApiCaller caller;
    private final ApiPaths paths;
    private final ApiResults results;
    private final ObjectMapper json;
    private final String serviceId;
    private final boolean wakeIdle;
    private final boolean wakeStopped;
    private final Duration timeout;
    private final TimeSource time;
    private final Object lock = new Object();

    /**
     * @param caller a caller that does not itself wake the service
     * @param wakeIdle whether an idle service may be woken
     * @param wakeStopped whether a stopped service may be started
     * @param timeout how long to wait for a woken service to run
     */
    public ServiceWaker(
            ApiCaller caller,
            ApiPaths paths,
            ApiResults results,
            ObjectMapper json,
            String serviceId,
            boolean wakeIdle,
            boolean wakeStopped,
            Duration timeout,
            TimeSource time) {
        this.caller = caller;
        this.paths = paths;
        this.results = results;
        this.json = json;
        this.serviceId = serviceId;
        this.wakeIdle = wakeIdle;
        this.wakeStopped = wakeStopped;
        this.timeout = timeout;
        this.time = time;
    }

    /** The service, including its state. */
    public Service get() {
        return caller.call(ApiRequest.get(paths.service(), false), results.service());
    }

    /** Sends a state command ({@code PATCH .../state}); returns the service as the API answered. */
    public Service command(ServiceCommand command) {
        ApiRequest patch = new ApiRequest(
                "PATCH", paths.serviceState(), json.valueToTree(new ServiceStateRequest(command)), false);
        return caller.call(patch, results.service());
    }

    /**
     * Makes the service run after {@code cause}, so that the refused call can be repeated.
     * Serialised, so that concurrent calls refused together wake the service once.
     *
     * @throws ServiceNotRunningException {@code cause}, when waking is off or not allowed for
     *     the service's state, or a new one if the service stops while being awaited
     * @throws ClickPipeWaitTimeoutException if the service does not run within the timeout
     */
    public void wake(ServiceNotRunningException cause) {
        if (!wakeIdle && !wakeStopped) {
            throw cause;
        }
        synchronized (lock) {
            Service service = get();
            ServiceState state = service.state();
            if (state == ServiceState.RUNNING) {
                return;
            }
            if (state == ServiceState.IDLE && wakeIdle) {
                LOG.info("Service {} is idle; waking it (timeout {})", serviceId, HumanDurations.format(timeout));
                awake();
            } else if (state == ServiceState.STOPPED && wakeStopped) {
                LOG.info("Service {} is stopped; starting it (timeout {})", serviceId, HumanDurations.format(timeout));
                command(ServiceCommand.START);
            } else if (!WAKING.contains(state)) {
                // idle or stopped without permission; terminated, failed, …: not ours to change
                throw cause;
            }
            untilRunning();
            LOG.info("Service {} is running; repeating the call", serviceId);
        }
    }

    private void awake() {
        try {
            command(ServiceCommand.AWAKE);
        } catch (ClickPipesBadRequestException alreadyAwake) {
            // "Service must be in idle state to awake": someone else woke it meanwhile
            LOG.info("Service {} no longer idle: {}", serviceId, alreadyAwake.errorMessage());
        }
    }

    /** Polls the service until it is {@code running}. */
    private void untilRunning() {
        long start = time.nanoTime();
        long deadline = start + timeout.toNanos();
        Duration interval = Duration.ofSeconds(3);
        for (int poll = 1; ; poll++) {
            Service service = get();
            Duration elapsed = Duration.ofNanos(time.nanoTime() - start);
            if (service.state() == ServiceState.RUNNING) {
                return;
            }
            if (service.state() != null && DEAD_ENDS.contains(service.state())) {
                throw new ServiceNotRunningException(
                        new Details(
                                "service " + serviceId + " went to state " + service.rawState()
                                        + " while waiting for it to run; start it with"
                                        + " ClickPipesClient.startService() or in the console",
                                424,
                                null,
                                null,
                                null,
                                poll),
                        service.rawState());
            }
            long remaining = deadline - time.nanoTime();
            if (remaining <= 0) {
                throw new ClickPipeWaitTimeoutException(
                        "service " + serviceId + " did not reach running within " + HumanDurations.format(timeout)
                                + ": last seen state " + service.rawState() + " after " + poll + " polls over "
                                + HumanDurations.format(elapsed)
                                + "; raise the builder's serviceWakeTimeout if the service is only slow to wake",
                        null,
                        service.rawState(),
                        null,
                        elapsed,
                        poll);
            }
            Polling.sleep(time, Duration.ofNanos(Math.min(interval.toNanos(), remaining)), "service " + serviceId);
            interval = Polling.grow(interval, 1.5, Duration.ofSeconds(15));
        }
    }
}
