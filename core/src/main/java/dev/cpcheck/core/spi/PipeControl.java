package dev.cpcheck.core.spi;

import java.util.List;
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

    /**
     * The pipes of the service with exactly this name, to find a pipe whose create request went
     * out but whose answer never came (the run was cut off): cleanup deletes what it finds. An
     * implementation that cannot list pipes returns an empty list (the default), and such a pipe
     * then stays behind.
     */
    default List<PipeInfo> findByName(String name) {
        return List.of();
    }

    /** Applies settings to an existing pipe (e.g. an adopted one). No-op by default. */
    default void configure(String pipeId, Map<String, Object> settings) {}
}
