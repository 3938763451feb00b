package dev.cpcheck.clickpipes;

/**
 * Told about each retry as it happens, before the client waits: which call failed, how, which
 * attempt it was and how long the client waits before the next one. Attach it with
 * {@link ClickPipesClient.Builder#retryListener(ClickPipesRetryListener)}, for example to show
 * retries to a user instead of a silent pause.
 *
 * <pre>{@code
 * ClickPipesClient.builder()...
 *     .retryListener(event -> System.err.println("  ... " + event.describe()))
 *     .build();
 * }</pre>
 *
 * <p>Called on the calling thread; keep it quick. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ClickPipesRetryListener {

    /** A listener that does nothing. */
    ClickPipesRetryListener NONE = event -> {};

    /** Called once per retry, before the wait. */
    void onRetry(ClickPipesRetryEvent event);
}
