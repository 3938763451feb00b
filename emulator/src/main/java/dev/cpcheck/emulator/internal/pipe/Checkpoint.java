package dev.cpcheck.emulator.internal.pipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The durable ingestion checkpoint of a pipe: the greatest key ingested, the sequence number of the
 * last committed batch and that batch's keys (for the replay-last-batch fault), plus counters.
 *
 * @param lastKey          greatest key ingested, {@code null} before the first batch
 * @param batchSeq         sequence number of the last committed batch (0 before the first); it only
 *                         grows, so every batch gets a fresh deduplication token
 * @param lastBatch        keys of the last committed batch
 * @param filesIngested    files committed so far (counting re-ingestions)
 * @param rowsIngested     rows ClickHouse reported written so far
 * @param batchesCommitted batches committed so far
 * @param updatedAt        time of the last commit
 * @param initialLoadDone  unordered mode: the initial load of every matching file is over and the
 *                         pipe reads its queue ({@code null} in files of earlier versions: not over)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkpoint(
        String lastKey,
        long batchSeq,
        List<String> lastBatch,
        long filesIngested,
        long rowsIngested,
        long batchesCommitted,
        Instant updatedAt,
        Boolean initialLoadDone) {

    public Checkpoint {
        lastBatch = lastBatch == null ? List.of() : List.copyOf(lastBatch);
    }

    public static Checkpoint initial() {
        return new Checkpoint(null, 0, List.of(), 0, 0, 0, null, null);
    }

    /** Whether an unordered pipe reads its queue now (its initial load is over or skipped). */
    public boolean readsQueue() {
        return Boolean.TRUE.equals(initialLoadDone);
    }

    /** The same checkpoint with the initial load over ({@code true}) or to be done again. */
    public Checkpoint withInitialLoadDone(boolean done) {
        return new Checkpoint(
                lastKey, batchSeq, lastBatch, filesIngested, rowsIngested, batchesCommitted, updatedAt, done);
    }

    /** The checkpoint after committing {@code batch}. */
    public Checkpoint commit(PendingBatch batch, long rows, Instant now) {
        String max = lastKey;
        for (String key : batch.keys()) {
            if (max == null || dev.cpcheck.emulator.internal.s3.S3Location.KEY_ORDER.compare(key, max) > 0) {
                max = key;
            }
        }
        return new Checkpoint(
                max,
                batch.seq(),
                batch.keys(),
                filesIngested + batch.keys().size(),
                rowsIngested + rows,
                batchesCommitted + 1,
                now,
                initialLoadDone);
    }

    public Checkpoint withLastKey(String key) {
        return new Checkpoint(
                key, batchSeq, lastBatch, filesIngested, rowsIngested, batchesCommitted, updatedAt, initialLoadDone);
    }
}
