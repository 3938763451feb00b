package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.ClickPipesClientException;
import dev.cpcheck.clickpipes.ClickPipesException;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.clickpipes.ServiceNotRunningException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one path every API call takes: refuse when the client is closed; send with retries; after
 * an attempt whose outcome is unknown, let the call's {@link OutcomeRecovery} find out what
 * happened before repeating it; and, when the service is not running and a
 * {@link ServiceWaker} is attached, wake it and repeat the call once. Thread-safe.
 */
public final class ApiCaller {

    private final ApiTransport transport;
    private final RetryingExecutor executor;
    private final BooleanSupplier closed;
    private final ServiceWaker waker;

    /**
     * A caller that does not wake the service.
     *
     * @param closed whether the client is closed
     */
    public ApiCaller(ApiTransport transport, RetryingExecutor executor, BooleanSupplier closed) {
        this(transport, executor, closed, null);
    }

    private ApiCaller(ApiTransport transport, RetryingExecutor executor, BooleanSupplier closed, ServiceWaker waker) {
        this.transport = transport;
        this.executor = executor;
        this.closed = closed;
        this.waker = waker;
    }

    /** A caller like this one that, on a 424, lets {@code waker} wake the service and repeats the call once. */
    public ApiCaller wakingWith(ServiceWaker waker) {
        return new ApiCaller(transport, executor, closed, waker);
    }

    /** A call that is safe to repeat. */
    public <T> T call(ApiRequest request, ResultParser<T> parser) {
        return call(request, parser, OutcomeRecovery.none());
    }

    /**
     * A call whose repetition after an uncertain attempt goes through {@code recovery}.
     *
     * @throws IllegalStateException if the client is closed
     * @throws ClickPipesException the last failure, once retries are spent or it is not retryable
     */
    public <T> T call(ApiRequest request, ResultParser<T> parser, OutcomeRecovery<T> recovery) {
        ensureOpen();
        try {
            return withRetries(request, parser, recovery);
        } catch (ServiceNotRunningException notRunning) {
            if (waker == null) {
                throw notRunning;
            }
            waker.wake(notRunning);
            return withRetries(request, parser, recovery);
        }
    }

    /**
     * Sends once, without retries of its own: for recoveries, which run inside an attempt of the
     * call they recover and so share its retries.
     */
    public <T> T sendOnce(ApiRequest request, ResultParser<T> parser, int attempt) {
        return parser.parse(request, transport.send(request, attempt));
    }

    private <T> T withRetries(ApiRequest request, ResultParser<T> parser, OutcomeRecovery<T> recovery) {
        boolean[] outcomeUnknown = {false};
        return executor.execute(request.describe(), (attempt, previous) -> {
            if (previous != null && mayHaveTakenEffect(previous)) {
                outcomeUnknown[0] = true;
            }
            if (outcomeUnknown[0]) {
                Optional<T> done = recovery.beforeResend(attempt);
                if (done.isPresent()) {
                    return done.get();
                }
            }
            try {
                return sendOnce(request, parser, attempt);
            } catch (ClickPipesServiceException refusal) {
                if (outcomeUnknown[0]) {
                    Optional<T> done = recovery.afterRefusal(refusal, attempt);
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
                throw refusal;
            }
        });
    }

    /** Whether a failed attempt may nevertheless have been applied by the server. */
    static boolean mayHaveTakenEffect(ClickPipesException e) {
        if (e instanceof ClickPipesClientException c) {
            return c.mayHaveReachedService();
        }
        if (e instanceof ClickPipesServiceException s) {
            return s.statusCode() >= 500;
        }
        return false;
    }

    private void ensureOpen() {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("this ClickPipesClient is closed; build a new one");
        }
    }
}
