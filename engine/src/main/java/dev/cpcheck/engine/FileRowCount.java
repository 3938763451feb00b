package dev.cpcheck.engine;

import java.time.Instant;

/**
 * The rows of one source file in the destination table.
 *
 * @param sourceFile      the {@code source_file} value
 * @param rows            rows
 * @param distinctRows    distinct (file_id, row_id) keys; fewer than {@code rows} means duplicates
 * @param firstIngestedAt earliest landing
 * @param lastIngestedAt  latest landing
 */
public record FileRowCount(
        String sourceFile, long rows, long distinctRows, Instant firstIngestedAt, Instant lastIngestedAt) {

    /** Whether the file landed more than once. */
    public boolean duplicated() {
        return rows > distinctRows;
    }
}
