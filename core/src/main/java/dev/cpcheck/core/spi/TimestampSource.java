package dev.cpcheck.core.spi;

/**
 * Where a row's landing time comes from, strongest first. Landing time means when the row became
 * visible in the table: the real service inserts each batch into a staging table and moves its
 * parts into the destination, so a time written into the row at insert can precede visibility.
 */
public enum TimestampSource {
    /**
     * {@code system.part_log}: the {@code NewPart} event (microseconds) of the part that brought
     * the row into the table, including parts attached or moved from a staging table. Needs the
     * server's {@code part_log} setting (ClickHouse Cloud has it, per replica; the checks read it
     * through {@code clusterAllReplicas} where they can).
     */
    PART_LOG,
    /**
     * The destination's {@code ingested_at DateTime64(3) DEFAULT now64(3)} column, as tables of
     * earlier cpcheck versions have it: per row, but filled at insert, so on a staging pipeline it
     * may precede visibility.
     */
    INGESTED_AT_COLUMN,
    /**
     * {@code system.parts}: the creation time (seconds) of unmerged parts, active or already
     * merged away but not yet removed; a merged part's rows landed between its sources' times, or
     * at the latest at its own modification time. Coarser than the part log.
     */
    PART_MODIFICATION_TIME
}
