package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.ClickPipesClientException;
import dev.cpcheck.clickpipes.ClickPipesClientException.Reason;
import dev.cpcheck.clickpipes.ClickPipesException;
import dev.cpcheck.clickpipes.ClickPipesRateLimitedException;
import dev.cpcheck.clickpipes.ClickPipesRetryConfig;
import dev.cpcheck.clickpipes.ClickPipesRetryEvent;
import dev.cpcheck.clickpipes.ClickPipesRetryListener;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.clickpipes.TimeSource;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation with retries. A Resilience4j {@link Retry} decides whether and after how long
 * to retry (attempt limit, retryable errors, backoff with jitter, rate-limit reset); this class
 * adds the total time budget, tells the {@link ClickPipesRetryListener} about each retry before it
 * waits, and does the waiting through the injected {@link TimeSource}, so waits are measurable in
 * tests and interruptible. Thread-safe.
 */
public final class RetryingExecutor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cpcheck.clickpipes.retry");

    /** One attempt of an operation. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * @param attempt 1 for the first attempt
         * @param previousFailure the failure of the previous attempt, {@code null} on the first
         */
        T run(int attempt, ClickPipesException previousFailure);
    }

    private final Retry retry;
    private final ClickPipesRetryConfig config;
    private final TimeSource time;
    private final ClickPipesRetryListener listener;

    public RetryingExecutor(
            String name, ClickPipesRetryConfig config, TimeSource time, ClickPipesRetryListener listener) {
        this.config = config;
        this.time = time;
        this.listener = listener;
        IntervalFunction backoff = config.randomizationFactor() > 0
                ? IntervalFunction.ofExponentialRandomBackoff(
                        config.initialBackoff(),
                        config.backoffMultiplier(),
                        config.randomizationFactor(),
                        config.maxBackoff())
                : IntervalFunction.ofExponentialBackoff(
                        config.initialBackoff(), config.backoffMultiplier(), config.maxBackoff());
        long paddingMillis = config.rateLimitResetPadding().toMillis();
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            Optional<Duration> reset = rateLimitReset(outcome);
            return reset.isPresent() ? reset.get().toMillis() + paddingMillis : backoff.apply(attempt);
        };
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(RetryingExecutor::isRetryable)
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of(name, retryConfig);
    }

    /** The underlying Resilience4j retry, for metrics and events. */
    public Retry retry() {
        return retry;
    }

    /** Whether an error is worth another attempt: 5xx, 429, connection failures, timeouts. */
    public static boolean isRetryable(Throwable t) {
        if (t instanceof ClickPipesServiceException) {
            return ((ClickPipesServiceException) t).isRetryable();
        }
        if (t instanceof ClickPipesClientException) {
            return ((ClickPipesClientException) t).isRetryable();
        }
        return false;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with a non-retryable error, runs out of
     * attempts, or the next wait would end past the retry budget; then throws the last failure.
     *
     * @param description e.g. {@code "GET /v1/.../clickpipes/abc"}, for logs
     */
    public <T> T execute(String description, Attempt<T> attempt) {
        Retry.AsyncContext<Object> context = retry.asyncContext();
        long start = time.nanoTime();
        long budgetNanos = config.maxRetryDuration().toNanos();
        ClickPipesException previous = null;
        for (int n = 1; ; n++) {
            try {
                T result = attempt.run(n, previous);
                context.onComplete();
                return result;
            } catch (ClickPipesException e) {
                long delayMillis = context.onError(e);
                if (delayMillis < 0) {
                    if (isRetryable(e) && n > 1) {
                        LOG.info("{}: giving up after {} attempts: {}", description, n, e.getMessage());
                    }
                    throw e;
                }
                long elapsed = time.nanoTime() - start;
                long delayNanos = delayMillis * 1_000_000L;
                if (elapsed + delayNanos > budgetNanos) {
                    LOG.info(
                            "{}: giving up after {} attempts: waiting another {} would exceed the retry"
                                    + " budget of {} ({} spent): {}",
                            description,
                            n,
                            HumanDurations.format(Duration.ofMillis(delayMillis)),
                            HumanDurations.format(config.maxRetryDuration()),
                            HumanDurations.format(Duration.ofNanos(elapsed)),
                            e.getMessage());
                    throw e;
                }
                ClickPipesRetryEvent event = new ClickPipesRetryEvent(
                        description,
                        n,
                        config.maxAttempts(),
                        Duration.ofMillis(delayMillis),
                        reason(e),
                        e,
                        Duration.ofNanos(elapsed));
                LOG.info("{}", event.describe());
                notifyListener(event);
                try {
                    time.sleep(Duration.ofMillis(delayMillis));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    ClickPipesClientException interrupted = new ClickPipesClientException(
                            description + " interrupted while waiting to retry after: " + e.getMessage(),
                            ie,
                            Reason.INTERRUPTED,
                            n);
                    interrupted.addSuppressed(e);
                    throw interrupted;
                }
                previous = e;
            }
        }
    }

    private static Optional<Duration> rateLimitReset(Either<Throwable, Object> outcome) {
        if (outcome != null && outcome.isLeft() && outcome.getLeft() instanceof ClickPipesRateLimitedException) {
            return ((ClickPipesRateLimitedException) outcome.getLeft()).resetAfter();
        }
        return Optional.empty();
    }

    private void notifyListener(ClickPipesRetryEvent event) {
        try {
            listener.onRetry(event);
        } catch (RuntimeException e) {
            LOG.warn("the retry listener failed on {}: {}", event.operation(), e.toString());
        }
    }

    /** Why an attempt failed, in a few words for a person; never the server's message. */
    static String reason(ClickPipesException e) {
        if (e instanceof ClickPipesServiceException s) {
            String status = "HTTP " + s.statusCode() + (s.errorCode() == null ? "" : " " + s.errorCode());
            if (s instanceof ClickPipesRateLimitedException limited) {
                return status
                        + ", rate limited"
                        + limited.resetAfter()
                                .map(d -> ", limit resets in " + HumanDurations.format(d))
                                .orElse("");
            }
            return status;
        }
        if (e instanceof ClickPipesClientException c) {
            return switch (c.reason()) {
                case CONNECT -> "no connection within the connect timeout";
                case TIMEOUT -> "no response within the request timeout";
                case IO ->
                    "connection dropped"
                            + (c.getCause() == null
                                    ? ""
                                    : " (" + c.getCause().getClass().getSimpleName() + ")");
                default -> c.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
        }
        return e.getClass().getSimpleName();
    }
}
