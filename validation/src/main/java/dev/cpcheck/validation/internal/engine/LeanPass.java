package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.SqlRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the lean first pass ({@link LedgerQuery}) found: per-file counts of every class and up to
 * 32 witnesses of each, the ids of the files that differ from the manifest, and (with a time axis)
 * per bucket, of the files that landed within one bucket: rows, files, and rows by when their file
 * was written ({@link Timeline#WRITTEN}).
 */
public record LeanPass(
        long expectedFiles,
        long expectedRows,
        long manifestFiles,
        long expectedFilesSeen,
        long exactFiles,
        long exactRows,
        long rowsSeen,
        long groupsSeen,
        long multiUnitFiles,
        Long firstLandingMs,
        Long lastLandingMs,
        String lastSeenFile,
        long lostFiles,
        long lostRows,
        List<Unseen> lost,
        long missingFiles,
        long missingRows,
        List<Unseen> missing,
        long indeterminateUnseen,
        List<Unseen> indeterminate,
        long indeterminateFiles,
        long failedFiles,
        long failedSeen,
        long ignoredFiles,
        long ignoredUnseen,
        long ignoredSeen,
        List<Unseen> ignoredSeenFiles,
        long differingFiles,
        long differingRows,
        List<Long> differingIds,
        long unknownFiles,
        long unknownRows,
        long undigestedFiles,
        List<Long> pausedPerWindow,
        List<Long> ambiguousPerWindow,
        long pausedFiles,
        long pausedRows,
        long ambiguousFiles,
        long ambiguousRows,
        List<Paused> paused,
        List<Long> landedBeforePerResume,
        List<Long> landedAfterPerResume,
        Map<Long, long[]> histogram,
        long spanningGroups,
        List<Long> spanningIds,
        List<Long> spanningWritten) {

    /**
     * A manifest file not (or not as expected) in the table.
     *
     * @param rows        rows written (for files below the checkpoint that landed: rows found)
     * @param seenByPoll  a poll saw this file, or a later one, land
     * @param laterLanded a file with a higher key is in the table
     */
    public record Unseen(
            String key, String name, long fileId, long rows, String phase, boolean seenByPoll, boolean laterLanded) {}

    /** A file with rows whose landing lies inside a paused window. */
    public record Paused(long firstMs, String name, long fileId, long rows, long lastMs, List<Long> perWindow) {}

    /**
     * The manifest's names by rank (the ledger compares ranks, not names) and its files by id: how
     * the numbers that come back are named in witnesses.
     */
    static final class Names {
        private final List<String> byRank;
        private final Map<Long, dev.cpcheck.core.manifest.ManifestFile> byId = new java.util.HashMap<>();

        private Names(List<String> byRank) {
            this.byRank = byRank;
        }

        static Names of(dev.cpcheck.core.manifest.Manifest manifest, List<String> sortedNames) {
            Names n = new Names(sortedNames);
            manifest.files().forEach(f -> n.byId.putIfAbsent(f.fileId(), f));
            return n;
        }

        /** The highest rank of a name at or below {@code name} (0 for none, or no name). */
        long rankAtMost(String name) {
            if (name == null) {
                return 0;
            }
            int i = java.util.Collections.binarySearch(byRank, name);
            return i >= 0 ? i + 1 : -(i + 1);
        }

        String name(long rank) {
            return rank >= 1 && rank <= byRank.size() ? byRank.get((int) rank - 1) : null;
        }

        /** The manifest's name of a file id, else {@code file_id N}. */
        String nameOfId(long fileId) {
            var f = byId.get(fileId);
            return f == null ? "file_id " + fileId : f.fileName();
        }

        String phaseOfId(long fileId) {
            var f = byId.get(fileId);
            return f == null ? null : f.phase();
        }
    }

    static LeanPass from(SqlRow r, TimeAxis axis, Names names) {
        Map<Long, long[]> histogram = new TreeMap<>();
        if (axis != null) {
            // element i of the resampled arrays is bucket i - 1
            List<Long> rows = longs(r.get("hist_rows"));
            List<Long> files = longs(r.get("hist_files"));
            List<List<Long>> written = List.of(
                    longs(r.get("hist_w0")), longs(r.get("hist_w1")), longs(r.get("hist_w2")), longs(r.get("hist_w3")));
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i) > 0) {
                    long[] v = new long[2 + Timeline.WRITTEN.size()];
                    v[0] = rows.get(i);
                    v[1] = i < files.size() ? files.get(i) : 0;
                    for (int k = 0; k < written.size(); k++) {
                        v[2 + k] = i < written.get(k).size() ? written.get(k).get(i) : 0;
                    }
                    histogram.put(i - 1L, v);
                }
            }
        }
        long seen = r.getLong("groups_seen");
        // tuples carry (rank, file id, file id, rows, _, seen by a poll, a later file landed)
        List<Unseen> lost = new ArrayList<>();
        for (List<Object> t : tuples(r, "lost_w")) {
            lost.add(unseen(t, names, num(t, 5) != 0, num(t, 6) != 0));
        }
        List<Unseen> missing = new ArrayList<>();
        for (List<Object> t : tuples(r, "missing_w")) {
            missing.add(unseen(t, names, false, false));
        }
        List<Unseen> indeterminate = new ArrayList<>();
        for (List<Object> t : tuples(r, "indeterminate_w")) {
            indeterminate.add(unseen(t, names, false, false));
        }
        List<Unseen> ignoredSeen = new ArrayList<>();
        for (List<Object> t : tuples(r, "ignored_seen_w")) {
            ignoredSeen.add(unseen(t, names, false, false));
        }
        List<Paused> paused = new ArrayList<>();
        for (List<Object> t : tuples(r, "paused_w")) {
            paused.add(
                    new Paused(num(t, 0), names.nameOfId(num(t, 1)), num(t, 2), num(t, 3), num(t, 4), longs(t.get(5))));
        }
        return new LeanPass(
                r.getLong("expected_files"),
                r.getLong("expected_rows"),
                r.getLong("manifest_files"),
                r.getLong("expected_files_seen"),
                r.getLong("exact_files"),
                r.getLong("exact_rows"),
                r.getLong("rows_seen"),
                seen,
                r.getLong("multi_unit_files"),
                seen == 0 ? null : r.getLong("first_landing_ms"),
                seen == 0 ? null : r.getLong("last_landing_ms"),
                names.name(r.getLong("last_seen_rank")),
                r.getLong("lost_files"),
                r.getLong("lost_rows"),
                lost,
                r.getLong("missing_files"),
                r.getLong("missing_rows"),
                missing,
                r.getLong("indeterminate_unseen"),
                indeterminate,
                r.getLong("indeterminate_files"),
                r.getLong("failed_files"),
                r.getLong("failed_seen"),
                r.getLong("ignored_files"),
                r.getLong("ignored_unseen"),
                r.getLong("ignored_seen"),
                ignoredSeen,
                r.getLong("differing_files"),
                r.getLong("differing_rows"),
                longs(r.get("differing_ids")),
                r.getLong("unknown_files"),
                r.getLong("unknown_rows"),
                r.getLong("undigested_files"),
                longs(r.get("paused_per_window")),
                longs(r.get("ambiguous_per_window")),
                r.getLong("paused_files"),
                r.getLong("paused_rows"),
                r.getLong("ambiguous_files"),
                r.getLong("ambiguous_rows"),
                paused,
                longs(r.get("landed_before_per_resume")),
                longs(r.get("landed_after_per_resume")),
                histogram,
                axis == null ? 0 : r.getLong("spanning_groups"),
                axis == null
                        ? List.of()
                        : tuples(r, "spanning_ids").stream().map(t -> num(t, 0)).toList(),
                axis == null
                        ? List.of()
                        : tuples(r, "spanning_ids").stream().map(t -> num(t, 1)).toList());
    }

    /**
     * This pass with the paused-window evidence of the files that differ added, which the row-level
     * pass placed copy by copy (this pass leaves them out: their hull would blur them).
     */
    LeanPass withPausedOf(RowDetail d) {
        if (d.filesExamined() == 0) {
            return this;
        }
        List<Paused> all = new ArrayList<>(paused);
        all.addAll(d.paused());
        all.sort(java.util.Comparator.comparingLong(Paused::firstMs).thenComparingLong(Paused::fileId));
        return new LeanPass(
                expectedFiles,
                expectedRows,
                manifestFiles,
                expectedFilesSeen,
                exactFiles,
                exactRows,
                rowsSeen,
                groupsSeen,
                multiUnitFiles,
                firstLandingMs,
                lastLandingMs,
                lastSeenFile,
                lostFiles,
                lostRows,
                lost,
                missingFiles,
                missingRows,
                missing,
                indeterminateUnseen,
                indeterminate,
                indeterminateFiles,
                failedFiles,
                failedSeen,
                ignoredFiles,
                ignoredUnseen,
                ignoredSeen,
                ignoredSeenFiles,
                differingFiles,
                differingRows,
                differingIds,
                unknownFiles,
                unknownRows,
                undigestedFiles,
                add(pausedPerWindow, d.pausedPerWindow()),
                add(ambiguousPerWindow, d.ambiguousPerWindow()),
                pausedFiles + d.pausedFiles(),
                pausedRows + d.pausedRows(),
                ambiguousFiles + d.ambiguousFiles(),
                ambiguousRows + d.ambiguousRows(),
                all.size() > LedgerQuery.WITNESSES ? List.copyOf(all.subList(0, LedgerQuery.WITNESSES)) : all,
                landedBeforePerResume,
                landedAfterPerResume,
                histogram,
                spanningGroups,
                spanningIds,
                spanningWritten);
    }

    private static List<Long> add(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            out.add((i < a.size() ? a.get(i) : 0L) + (i < b.size() ? b.get(i) : 0L));
        }
        return out;
    }

    private static Unseen unseen(List<Object> t, Names names, boolean seenByPoll, boolean laterLanded) {
        String name = names.name(num(t, 0));
        long id = num(t, 1);
        return new Unseen(name, name, id, num(t, 3), names.phaseOfId(id), seenByPoll, laterLanded);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> tuples(SqlRow r, String column) {
        Object v = r.get(column);
        if (v == null) {
            return List.of();
        }
        List<List<Object>> out = new ArrayList<>();
        for (Object t : (List<Object>) v) {
            out.add((List<Object>) t);
        }
        return out;
    }

    static List<Long> longs(Object v) {
        List<Long> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(toLong(o));
            }
        }
        return out;
    }

    static String str(List<Object> t, int i) {
        Object o = t.get(i);
        return o == null ? null : o.toString();
    }

    static long num(List<Object> t, int i) {
        return toLong(t.get(i));
    }

    static long toLong(Object o) {
        if (o instanceof BigInteger b) {
            // UInt64 digests keep their 64 bits (as a wrapping long); anything larger is capped
            return b.bitLength() <= 64 ? b.longValue() : Long.MAX_VALUE;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return o == null ? 0 : Long.parseLong(o.toString());
    }
}
