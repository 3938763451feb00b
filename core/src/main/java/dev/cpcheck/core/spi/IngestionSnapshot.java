package dev.cpcheck.core.spi;

/**
 * What the destination table holds for the run at one moment, from one SQL aggregation.
 *
 * @param files    distinct source files seen
 * @param rows     rows seen
 * @param lastFile the highest source file name seen, or {@code null} when none
 */
public record IngestionSnapshot(long files, long rows, String lastFile) {
    public static final IngestionSnapshot EMPTY = new IngestionSnapshot(0, 0, null);

    /** For messages: {@code 6 files, 18 rows, last file f00000006.json}. */
    public String describe() {
        return files + " files, " + rows + " rows" + (lastFile == null ? "" : ", last file " + lastFile);
    }
}
