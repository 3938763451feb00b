package dev.cpcheck.core.spi;

import java.util.Map;

/**
 * Controls the pipe under test: the ClickHouse Cloud API in the cloud, the emulator locally, a
 * fake in tests. Implementations throw {@link dev.cpcheck.core.InfrastructureException} when the
 * API fails.
 */
public interface PipeControl {

    /** Creates the pipe; returns at once (the runner waits for {@link PipeState#RUNNING}). */
    PipeInfo create(PipeSpec spec);

    /** Looks up an existing pipe made elsewhere (e.g. with Terraform). */
    PipeInfo adopt(String pipeId);

    /** Current state. */
    PipeState state(String pipeId);

    /** Sends stop. */
    void pause(String pipeId);

    /** Sends start. */
    void resume(String pipeId);

    /** Deletes the pipe; deleting a pipe that no longer exists is not an error. */
    void delete(String pipeId);

    /** Applies settings to an existing pipe (e.g. an adopted one). No-op by default. */
    default void configure(String pipeId, Map<String, Object> settings) {}
}
