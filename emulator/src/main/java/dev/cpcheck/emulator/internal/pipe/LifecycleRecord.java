package dev.cpcheck.emulator.internal.pipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cpcheck.core.spi.PipeState;
import java.time.Instant;

/**
 * Lifecycle facts of a pipe that must survive a restart of the emulator: its state, when a
 * pending transition is due, the fault mode override and what the last resume must do.
 *
 * @param state             the API state
 * @param stateChangedAt    when {@code state} was entered
 * @param transitionDueAt   for Provisioning/Stopping: earliest time of the next state
 * @param ingestWhilePaused the pipe keeps ingesting while it reports Stopping/Stopped (fault)
 * @param faultMode         per-pipe fault mode id, {@code null} to follow the emulator-wide mode
 * @param resumeFault       fault mode whose resume nemesis runs before the next poll, or {@code null}
 * @param lastError         last ingestion error, or {@code null}
 * @param stoppedAt         when the last stop command came, or {@code null} (what was sent to a
 *                          queue since then was delivered while the pipe was paused)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LifecycleRecord(
        PipeState state,
        Instant stateChangedAt,
        Instant transitionDueAt,
        boolean ingestWhilePaused,
        String faultMode,
        String resumeFault,
        String lastError,
        Instant stoppedAt) {

    public LifecycleRecord(
            PipeState state,
            Instant stateChangedAt,
            Instant transitionDueAt,
            boolean ingestWhilePaused,
            String faultMode,
            String resumeFault,
            String lastError) {
        this(state, stateChangedAt, transitionDueAt, ingestWhilePaused, faultMode, resumeFault, lastError, null);
    }

    public LifecycleRecord withState(PipeState newState, Instant now, Instant dueAt) {
        return new LifecycleRecord(
                newState, now, dueAt, ingestWhilePaused, faultMode, resumeFault, lastError, stoppedAt);
    }

    public LifecycleRecord withIngestWhilePaused(boolean value) {
        return new LifecycleRecord(
                state, stateChangedAt, transitionDueAt, value, faultMode, resumeFault, lastError, stoppedAt);
    }

    public LifecycleRecord withFaultMode(String id) {
        return new LifecycleRecord(
                state, stateChangedAt, transitionDueAt, ingestWhilePaused, id, resumeFault, lastError, stoppedAt);
    }

    public LifecycleRecord withResumeFault(String id) {
        return new LifecycleRecord(
                state, stateChangedAt, transitionDueAt, ingestWhilePaused, faultMode, id, lastError, stoppedAt);
    }

    public LifecycleRecord withLastError(String error) {
        return new LifecycleRecord(
                state, stateChangedAt, transitionDueAt, ingestWhilePaused, faultMode, resumeFault, error, stoppedAt);
    }

    /** The same record, remembering when the last stop command came. */
    public LifecycleRecord withStoppedAt(Instant at) {
        return new LifecycleRecord(
                state, stateChangedAt, transitionDueAt, ingestWhilePaused, faultMode, resumeFault, lastError, at);
    }
}
