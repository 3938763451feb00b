package dev.cpcheck.emulator.internal.pipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch written ahead of its ingestion, with how far it got. A restarted emulator finishes it:
 * in phase {@link Phase#STAGING} the staging table is truncated and filled again; in phase
 * {@link Phase#STAGED} the staging table holds the whole batch, or what of it has not been moved
 * into the destination yet, so the remaining partitions are moved and the checkpoint committed.
 *
 * @param seq     batch sequence number (checkpoint's {@code batchSeq} + 1)
 * @param keys    object keys, in order
 * @param replay  true when the batch re-ingests keys on purpose (replay-last-batch fault)
 * @param created when it was written
 * @param phase   how far it got; {@code null} in files of earlier versions means STAGING
 * @param rows    rows in the staging table once STAGED
 * @param rowsBeforeMove per table the batch moves into (qualified name), the rows each of the
 *                staging table's partitions held there before the first move; recorded once
 *                STAGED, before anything moves ({@code null} until then)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingBatch(
        long seq,
        List<String> keys,
        boolean replay,
        Instant created,
        Phase phase,
        Long rows,
        Map<String, Map<String, Long>> rowsBeforeMove) {

    /** How far a batch got. */
    public enum Phase {
        /** Being inserted into its staging table: the staging table's content means nothing yet. */
        STAGING,
        /** Completely in its staging table; its partitions are being moved into the destination. */
        STAGED
    }

    public PendingBatch {
        keys = List.copyOf(keys);
        phase = phase == null ? Phase.STAGING : phase;
        rowsBeforeMove = rowsBeforeMove == null ? null : Map.copyOf(rowsBeforeMove);
    }

    public static PendingBatch of(long seq, List<String> keys, boolean replay) {
        return new PendingBatch(seq, keys, replay, Instant.now(), Phase.STAGING, null, null);
    }

    public PendingBatch staged(long stagedRows) {
        return new PendingBatch(seq, keys, replay, created, Phase.STAGED, stagedRows, null);
    }

    /** The batch with the rows its target tables held per partition before the first move. */
    public PendingBatch beforeMove(Map<String, Map<String, Long>> rowsPerTable) {
        return new PendingBatch(seq, keys, replay, created, phase, rows, rowsPerTable);
    }

    /** What {@code table} held per partition before the first move; empty when not recorded. */
    public Map<String, Long> rowsBeforeMove(String table) {
        return rowsBeforeMove == null ? Map.of() : rowsBeforeMove.getOrDefault(table, Map.of());
    }
}
