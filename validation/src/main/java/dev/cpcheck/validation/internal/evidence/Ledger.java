package dev.cpcheck.validation.internal.evidence;

/**
 * Everything the built-in checks judge from, computed once per validation: the lean pass over all
 * rows, the row-level pass over the files that differ, the counts the run polled, and where
 * landing times come from.
 *
 * @param lean     per-file counts and digests against the manifest (one read of the run's rows)
 * @param detail   row-level classes of the differing files ({@link RowDetail#NONE} when none differ)
 * @param polls    what the run's polled counts prove
 * @param landing  the landing-time evidence used
 * @param schedule pauses and resumes in server time
 * @param axis     the timeline's buckets, or null
 * @param content  whether rows were compared by content (the manifest records digests) or by
 *                 identity only
 */
public record Ledger(
        LeanPass lean,
        RowDetail detail,
        PollEvidence polls,
        Landing landing,
        PauseSchedule schedule,
        TimeAxis axis,
        boolean content) {

    /** Expected files in the table, and their expected rows that are there. */
    public long expectedRowsSeen() {
        return lean.exactRows() + detail.presentRows();
    }

    /** Files of the manifest the pipe owed. */
    public long expectedFiles() {
        return lean.expectedFiles();
    }
}
