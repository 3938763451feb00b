package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.core.spi.PipeState.COMPLETED;
import static dev.cpcheck.core.spi.PipeState.DEGRADED;
import static dev.cpcheck.core.spi.PipeState.FAILED;
import static dev.cpcheck.core.spi.PipeState.INTERNAL_ERROR;
import static dev.cpcheck.core.spi.PipeState.PROVISIONING;
import static dev.cpcheck.core.spi.PipeState.RUNNING;
import static dev.cpcheck.core.spi.PipeState.STOPPED;
import static dev.cpcheck.core.spi.PipeState.STOPPING;

import dev.cpcheck.core.spi.PipeState;

/**
 * The lifecycle of an object storage ClickPipe as a state machine over the states of the spec
 * ({@code ClickPipe.state}: "For streaming/object storage pipes: Unknown, Provisioning, Running,
 * Stopping, Stopped, Completed, Failed, InternalError"), plus Degraded while a failed attempt is
 * retried. Pure: no clock, no I/O; {@link PipeRuntime} applies it.
 *
 * <p>Sources of the rules:
 * <ul>
 *   <li>start only from Stopped or Failed, else 400 {@code "<id> ClickPipe is already running"}:
 *       the Terraform provider (terraform-provider-clickhouse,
 *       {@code internal/service/clickhouse/resource/clickpipe.go}, {@code clickPipeAlreadyRunningError},
 *       and the 400 body in {@code clickpipe_pause_before_edit_test.go});</li>
 *   <li>stop from any state: the provider stops pipes in any state before an edit;</li>
 *   <li>Completed ends a one-shot pipe ({@code isContinuous=false}) after the initial load: the
 *       spec's state description ("batch ingestion finished for object storage") and the S3
 *       ClickPipe docs ("Once the ingestion task completes, the ClickPipe stops automatically");</li>
 *   <li>Degraded while retrying, and the messages for starting a Stopping, Completed or
 *       InternalError pipe, are the emulator's choice: not documented.</li>
 * </ul>
 */
public final class PipeLifecycle {
    private PipeLifecycle() {}

    /**
     * The state after {@code event} in state {@code from}.
     *
     * @param shortId the pipe id's first 8 characters, for the API's messages
     * @throws PipeRejectedException when the event is a command the API refuses in this state
     */
    public static PipeState next(PipeState from, PipeEvent event, String shortId) {
        return switch (event) {
            case PROVISIONED -> from == PROVISIONING ? RUNNING : from;
            case STOP -> from == STOPPED || from == STOPPING ? from : STOPPING;
            case DRAINED -> from == STOPPING ? STOPPED : from;
            case START -> start(from, shortId);
            case ATTEMPT_FAILED -> from == RUNNING ? DEGRADED : from;
            case ATTEMPT_SUCCEEDED -> from == DEGRADED ? RUNNING : from;
            case FAILED -> FAILED;
            case INTERNAL_ERROR -> INTERNAL_ERROR;
            case SOURCE_EXHAUSTED -> from == RUNNING || from == DEGRADED ? COMPLETED : from;
        };
    }

    private static PipeState start(PipeState from, String shortId) {
        return switch (from) {
            case STOPPED, FAILED -> PROVISIONING;
            case RUNNING, PROVISIONING, DEGRADED ->
                throw new PipeRejectedException(shortId + " ClickPipe is already running");
            case STOPPING ->
                throw new PipeRejectedException(shortId + " ClickPipe is stopping; start it once it is Stopped");
            case COMPLETED ->
                throw new PipeRejectedException(
                        shortId + " ClickPipe has completed; only Stopped or Failed ClickPipes can be started");
            default ->
                throw new PipeRejectedException(shortId + " ClickPipe is " + from.apiName()
                        + "; only Stopped or Failed ClickPipes can be started");
        };
    }

    /** Whether the worker may ingest: running, or stopped by a nemesis that keeps ingesting. */
    public static boolean mayIngest(PipeState state, boolean ingestsWhileStopped) {
        return state == RUNNING
                || state == DEGRADED
                || (ingestsWhileStopped && (state == STOPPING || state == STOPPED));
    }
}
