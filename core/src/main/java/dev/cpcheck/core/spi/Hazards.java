package dev.cpcheck.core.spi;

import dev.cpcheck.core.CpcheckException;

/**
 * What a run does to the world around the pipe on purpose, for the pause hazards of a scenario:
 * the pipe's source credentials stop working and work again, the service goes idle. The embedded
 * stack does each for real (it rotates its storage keys, idles the emulator's service); the cloud
 * does what the API allows. Each method returns one line saying what it did, for the history.
 */
public interface Hazards {

    /** Hazards an environment cannot provoke: every method says so. */
    Hazards UNSUPPORTED = new Hazards() {};

    /**
     * Makes the pipe's source credentials stop working, so its reads fail and it goes Failed.
     *
     * @param pipe   the pipe as the run created it (its source and credentials)
     * @param pipeId the pipe
     */
    default String revokeSourceCredentials(PipeSpec pipe, String pipeId) {
        throw new CpcheckException("revoking the source credentials is not possible here: " + unsupportedReason());
    }

    /** Makes the pipe's source credentials work again. The pipe itself is not started. */
    default String restoreSourceCredentials(PipeSpec pipe, String pipeId) {
        throw new CpcheckException("restoring the source credentials is not possible here: " + unsupportedReason());
    }

    /** Lets the ClickHouse service go idle: the next pipe command gets 424 until it is woken. */
    default String idleService() {
        throw new CpcheckException("idling the service is not possible here: " + unsupportedReason());
    }

    /** Why this environment cannot provoke hazards, for the messages above. */
    default String unsupportedReason() {
        return "the environment of this run offers no way to; run it on the embedded local stack (--local)";
    }
}
