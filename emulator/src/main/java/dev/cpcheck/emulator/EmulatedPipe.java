package dev.cpcheck.emulator;

import java.util.List;

/**
 * What the emulator knows about one of its ClickPipes right now, beyond what the API shows: the
 * checkpoint, counters and the last ingestion error. For tests and diagnostics.
 *
 * @param id               ClickPipe id
 * @param name             ClickPipe name
 * @param state            API state (Provisioning, Running, Degraded, Stopping, Stopped, Failed, Completed,
 *                         InternalError)
 * @param faultMode        fault mode in force for this pipe (its own or the emulator-wide one)
 * @param checkpointKey    greatest object key ingested, {@code null} before the first batch
 * @param batchSeq         sequence number of the last committed batch
 * @param batchesCommitted batches committed
 * @param filesIngested    files committed (a re-ingested file counts again)
 * @param rowsIngested     rows ClickHouse reported written (a batch redone after a crash counts again,
 *                         though ClickHouse keeps it once)
 * @param pendingBatch     keys of a batch written ahead but not committed yet, empty when idle
 * @param lastError        last ingestion error, {@code null} when none
 */
public record EmulatedPipe(
        String id,
        String name,
        String state,
        FaultMode faultMode,
        String checkpointKey,
        long batchSeq,
        long batchesCommitted,
        long filesIngested,
        long rowsIngested,
        List<String> pendingBatch,
        String lastError) {

    public EmulatedPipe {
        pendingBatch = pendingBatch == null ? List.of() : List.copyOf(pendingBatch);
    }
}
