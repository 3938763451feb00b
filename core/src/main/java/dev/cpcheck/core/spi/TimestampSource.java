package dev.cpcheck.core.spi;

/** Where a row's landing time comes from. */
public enum TimestampSource {
    /** The destination's {@code ingested_at DateTime64(3) DEFAULT now64(3)} column. */
    INGESTED_AT_COLUMN,
    /**
     * The modification time of the data part holding the row ({@code _part} joined with
     * {@code system.parts}): a fallback for tables without {@code ingested_at}. Coarser: merges
     * rewrite parts.
     */
    PART_MODIFICATION_TIME
}
