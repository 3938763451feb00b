package dev.cpcheck.localstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the ClickPipes emulator of a stack knows about one of its pipes, beyond what the API shows:
 * the checkpoint, counters and the batch in flight. For tests and diagnostics.
 *
 * @param id               ClickPipe id
 * @param name             ClickPipe name
 * @param state            API state (Provisioning, Running, Stopping, Stopped, Failed, ...)
 * @param faultMode        id of the fault mode in force for this pipe (its own or the stack-wide one)
 * @param checkpointKey    greatest object key ingested, {@code null} before the first batch
 * @param batchSeq         sequence number of the last committed batch
 * @param batchesCommitted batches committed
 * @param filesIngested    files committed (a re-ingested file counts again)
 * @param rowsIngested     rows ClickHouse reported written
 * @param pendingBatch     keys of a batch being ingested and not committed yet, empty when idle
 * @param lastError        last ingestion error, {@code null} when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmulatedPipeState(
        String id,
        String name,
        String state,
        String faultMode,
        String checkpointKey,
        long batchSeq,
        long batchesCommitted,
        long filesIngested,
        long rowsIngested,
        List<String> pendingBatch,
        String lastError) {

    public EmulatedPipeState {
        pendingBatch = pendingBatch == null ? List.of() : List.copyOf(pendingBatch);
    }
}
