package dev.cpcheck.validation.internal.evidence;

import static dev.cpcheck.validation.internal.evidence.LeanPass.longs;
import static dev.cpcheck.validation.internal.evidence.LeanPass.num;
import static dev.cpcheck.validation.internal.evidence.LeanPass.str;
import static dev.cpcheck.validation.internal.evidence.LeanPass.tuples;

import dev.cpcheck.core.spi.SqlRow;
import java.util.ArrayList;
import java.util.List;

/**
 * What the row-level pass ({@link RowDetailQuery}) found in the files that differ from the
 * manifest: counts per class and up to 32 witnesses of each, every one naming file and row.
 *
 * @param strategy how the files were chosen: {@code none} (no file differs), {@code ids} or
 *                 {@code subquery}
 */
public record RowDetail(
        String strategy,
        long filesExamined,
        long rowsExamined,
        long presentRows,
        long lostRows,
        long lostRowFiles,
        List<Key> lost,
        long duplicatedKeys,
        long duplicatedSurplus,
        long duplicatedFiles,
        long wholeDuplicatedFiles,
        long wholeDuplicatedKeys,
        List<DuplicatedFile> wholeDuplicated,
        List<Key> duplicated,
        long alteredRows,
        long alteredFiles,
        long unregeneratedFiles,
        List<Altered> altered,
        long unexpectedRows,
        long unexpectedFiles,
        long unknownFiles,
        List<Unexpected> unexpected,
        List<Long> reingestedPerResume,
        List<Long> ambiguousReingestedPerResume,
        long reingestedFiles,
        long reingestedRows,
        List<Reingested> reingested,
        List<Long> pausedPerWindow,
        List<Long> ambiguousPerWindow,
        long pausedFiles,
        long pausedRows,
        long ambiguousFiles,
        long ambiguousRows,
        List<LeanPass.Paused> paused) {

    /** No file differs: nothing was read again. */
    public static final RowDetail NONE = new RowDetail(
            "none", 0, 0, 0, 0, 0, List.of(), 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, 0, List.of(), 0, 0, 0,
            List.of(), List.of(), List.of(), 0, 0, List.of(), List.of(), List.of(), 0, 0, 0, 0, List.of());

    /**
     * A key of a file: for {@code lost}, {@code flag} says the file holds rows no file wrote (another
     * row may have taken its place); for {@code duplicated}, {@code copies} is how often it is there.
     */
    public record Key(long fileId, String file, long rowId, long copies, boolean flag) {}

    /** A file whose every row is there more than once. */
    public record DuplicatedFile(String file, long fileId, long rows, long surplus) {}

    /** A row whose copy holds other values than written: expected and found digests. */
    public record Altered(long fileId, String file, long rowId, String expected, String found, long copies) {}

    /**
     * Rows no file wrote under this key: a row id beyond the file's rows, or a copy from another
     * file ({@code sourceFile}), or a file id the manifest does not know ({@code knownFile} false).
     */
    public record Unexpected(
            long fileId,
            String file,
            long rowId,
            long rows,
            String sourceFile,
            boolean expectedKey,
            boolean knownFile) {}

    /** A file whose rows landed again after a resume. */
    public record Reingested(String file, long fileId, long rows, List<Long> perResume, long firstMs, long written) {}

    static RowDetail from(SqlRow r, String strategy) {
        List<Key> lost = new ArrayList<>();
        for (List<Object> t : tuples(r, "lost_w")) {
            lost.add(new Key(num(t, 0), str(t, 1), num(t, 2), 0, num(t, 3) != 0));
        }
        List<DuplicatedFile> whole = new ArrayList<>();
        for (List<Object> t : tuples(r, "whole_dup_w")) {
            whole.add(new DuplicatedFile(str(t, 0), num(t, 1), num(t, 2), num(t, 3)));
        }
        List<Key> dup = new ArrayList<>();
        for (List<Object> t : tuples(r, "dup_w")) {
            dup.add(new Key(num(t, 0), str(t, 1), num(t, 2), num(t, 3), false));
        }
        List<Altered> altered = new ArrayList<>();
        for (List<Object> t : tuples(r, "altered_w")) {
            altered.add(new Altered(num(t, 0), str(t, 1), num(t, 2), str(t, 3), str(t, 4), num(t, 5)));
        }
        List<Unexpected> unexpected = new ArrayList<>();
        for (List<Object> t : tuples(r, "unexpected_w")) {
            unexpected.add(new Unexpected(
                    num(t, 0), str(t, 1), num(t, 2), num(t, 3), str(t, 4), num(t, 5) != 0, num(t, 6) != 0));
        }
        List<Reingested> reingested = new ArrayList<>();
        for (List<Object> t : tuples(r, "reingested_w")) {
            reingested.add(new Reingested(str(t, 0), num(t, 1), num(t, 2), longs(t.get(3)), num(t, 4), num(t, 5)));
        }
        List<LeanPass.Paused> paused = new ArrayList<>();
        for (List<Object> t : tuples(r, "paused_w")) {
            paused.add(new LeanPass.Paused(num(t, 0), str(t, 1), num(t, 2), num(t, 3), num(t, 4), longs(t.get(5))));
        }
        return new RowDetail(
                strategy,
                r.getLong("files_examined"),
                r.getLong("rows_examined"),
                r.getLong("present_rows"),
                r.getLong("lost_rows"),
                r.getLong("lost_row_files"),
                lost,
                r.getLong("dup_keys"),
                r.getLong("dup_surplus"),
                r.getLong("dup_files"),
                r.getLong("whole_dup_files"),
                r.getLong("whole_dup_keys"),
                whole,
                dup,
                r.getLong("altered_rows"),
                r.getLong("altered_files"),
                r.getLong("unregenerated_files"),
                altered,
                r.getLong("unexpected_rows"),
                r.getLong("unexpected_files"),
                r.getLong("unknown_files"),
                unexpected,
                longs(r.get("reingested_per_resume")),
                longs(r.get("ambiguous_reingested_per_resume")),
                r.getLong("reingested_files"),
                r.getLong("reingested_rows"),
                reingested,
                longs(r.get("paused_per_window")),
                longs(r.get("ambiguous_per_window")),
                r.getLong("paused_files"),
                r.getLong("paused_rows"),
                r.getLong("ambiguous_files"),
                r.getLong("ambiguous_rows"),
                paused);
    }
}
