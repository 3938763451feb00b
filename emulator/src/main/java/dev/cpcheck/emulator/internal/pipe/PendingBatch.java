package dev.cpcheck.emulator.internal.pipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A batch written ahead of its insert: if the emulator dies before the checkpoint moves past it,
 * the next start inserts it again with the same deduplication token, so ClickHouse keeps it once.
 *
 * @param seq     batch sequence number (checkpoint's {@code batchSeq} + 1)
 * @param keys    object keys, in order
 * @param replay  true when the batch re-ingests keys on purpose (replay-last-batch fault)
 * @param created when it was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingBatch(long seq, List<String> keys, boolean replay, Instant created) {

    public PendingBatch {
        keys = List.copyOf(keys);
    }

    /** The insert_deduplication_token of this batch for {@code pipeId}. */
    public String deduplicationToken(String pipeId) {
        return "cpcheck-emulator:" + pipeId + ":" + seq;
    }
}
