package dev.cpcheck.emulator.internal.nemesis;

import java.time.Instant;
import java.util.List;

/**
 * One way the emulator misbehaves on purpose, in the sense of Jepsen's nemesis: a fault that is
 * chosen per run and composed with the others. Every hook does nothing by default, so a new fault
 * is one class that overrides the hook it needs:
 * <ul>
 *   <li>{@link #beforeApiRequest()}: API faults (429 bursts, intermittent 500s) fail a request
 *       before it has any effect;</li>
 *   <li>{@link #ingestsWhileStopped()}: a stop that reports Stopping/Stopped but keeps ingesting;</li>
 *   <li>{@link #onResume(ResumeContext)}: a start from Stopped that breaks the checkpoint, applied
 *       once before the first poll after the start.</li>
 * </ul>
 * Slow state transitions and an idle service (424) are settings of the emulator rather than
 * nemeses: they change what the API reports, not what a request or the checkpoint does.
 */
public interface Nemesis {
    /** Kebab-case id, as on the command line. */
    String id();

    /**
     * Called for every {@code /v1} request after authentication, before the rate limit counts it.
     *
     * @throws RuntimeException (the API's error type) to fail the request with no effect
     */
    default void beforeApiRequest() {}

    /** Whether a stopped pipe keeps ingesting while it reports Stopping and Stopped. */
    default boolean ingestsWhileStopped() {
        return false;
    }

    /** Whether {@link #onResume} does anything: a start records the fault only then. */
    default boolean breaksCheckpointOnResume() {
        return false;
    }

    /** Breaks the checkpoint after a start from Stopped; runs on the pipe's worker thread. */
    default void onResume(ResumeContext context) throws InterruptedException {}

    /** What a resume fault may touch: the pipe's durable checkpoint and its source listing. */
    interface ResumeContext {
        String pipeId();

        /** Whether the pipe is in unordered mode (it reads a queue of S3 events). */
        default boolean unordered() {
            return false;
        }

        /** When the stop before this resume came, or {@code null} when unknown. */
        default Instant stoppedAt() {
            return null;
        }

        /** Unordered mode: the first new-file event sent at or after {@code since} is deleted unread. */
        default void dropFirstEventSentSince(Instant since) {}

        /** Greatest key ingested, {@code null} before the first batch. */
        String checkpointKey();

        /** Keys of the last committed batch. */
        List<String> lastBatch();

        /** Replaces the greatest ingested key (durably); {@code null} forgets it. */
        void moveCheckpoint(String key);

        /** Every key of the source above the checkpoint (and above {@code startAfter}), in key order. */
        List<String> keysAboveCheckpoint() throws InterruptedException;

        /** Queues {@code keys} to be ingested again as the next batch (durably). */
        void queueReplay(List<String> keys);
    }
}
