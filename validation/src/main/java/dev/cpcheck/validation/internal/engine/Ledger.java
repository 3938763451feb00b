package dev.cpcheck.validation.internal.engine;

import dev.cpcheck.core.spi.SqlRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ledger query found: counts for every per-file anomaly class and up to 32 witnesses of
 * each, and (with a time axis) rows and files per bucket of the files that landed within one
 * bucket ({@code histogram}: bucket → [rows, files]) plus the ids of those that did not. Built-in
 * checks turn it into their results.
 */
public record Ledger(
        LedgerQuery.Mode mode,
        PauseSchedule schedule,
        TimeAxis axis,
        long expectedFiles,
        long expectedRows,
        long manifestFiles,
        long expectedFilesSeen,
        long expectedRowsSeen,
        long manifestFilesSeen,
        long rowsSeen,
        long groupsSeen,
        Long firstLandingMs,
        Long lastLandingMs,
        long mixedGroups,
        String lastSeenFile,
        long lostFiles,
        long lostRows,
        List<ManifestRef> lost,
        long missingFiles,
        long missingRows,
        List<ManifestRef> missing,
        long partialFiles,
        long partialMissingRows,
        List<Partial> partial,
        long indeterminateUnseen,
        List<ManifestRef> indeterminate,
        long indeterminateFiles,
        long failedFiles,
        long failedSeen,
        long ignoredFiles,
        long ignoredUnseen,
        long ignoredSeen,
        List<Seen> ignoredSeenFiles,
        long duplicatedFiles,
        long duplicatedFileSurplus,
        List<DuplicatedFile> duplicated,
        long repeatedKeyGroups,
        long repeatedKeySurplus,
        List<Long> repeatedKeyFileIds,
        long unknownGroups,
        long unknownRows,
        List<Unknown> unknown,
        List<Long> pausedPerWindow,
        long pausedFiles,
        long pausedRows,
        List<Paused> paused,
        List<Long> reingestedPerResume,
        List<Long> landedBeforePerResume,
        long reingestedFiles,
        long reingestedRows,
        List<Reingested> reingested,
        Map<Long, long[]> histogram,
        long spanningGroups,
        List<Long> spanningIds) {

    /** A manifest file: key, name, id, rows written, phase. */
    public record ManifestRef(String key, String name, long fileId, long rows, String phase) {}

    /** A file with fewer distinct rows than written. */
    public record Partial(String key, String name, long fileId, long distinctRows, long written) {}

    /** A manifest file that was seen, with its row count. */
    public record Seen(String key, String name, long fileId, long rows) {}

    /** A file with more rows than written. */
    public record DuplicatedFile(String name, long fileId, long rows, long written, long distinctRows) {}

    /** Rows whose file (or file id) the manifest does not know. */
    public record Unknown(String sourceFile, long fileId, long rows, String lastSourceFile, boolean knownName) {}

    /** A file with rows that landed inside a paused window. */
    public record Paused(long firstMs, String name, long fileId, long rows, long lastMs, List<Long> perWindow) {}

    /** A file that landed before a pause and again after the resume. */
    public record Reingested(String name, long fileId, long rows, long firstMs, List<Long> perResume, long totalRows) {}

    static Ledger from(SqlRow r, LedgerQuery.Mode mode, PauseSchedule schedule, TimeAxis axis) {
        Map<Long, long[]> histogram = new TreeMap<>();
        if (axis != null) {
            // element i of the resampled arrays is bucket i - 1
            List<Long> rows = longs(r.get("hist_rows"));
            List<Long> files = longs(r.get("hist_files"));
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i) > 0) {
                    histogram.put(i - 1L, new long[] {rows.get(i), i < files.size() ? files.get(i) : 0});
                }
            }
        }
        long seen = r.getLong("groups_seen");
        List<ManifestRef> lost = new ArrayList<>();
        for (List<Object> t : tuples(r, "lost_w")) {
            lost.add(new ManifestRef(str(t, 0), str(t, 1), num(t, 2), num(t, 3), str(t, 4)));
        }
        List<ManifestRef> missing = new ArrayList<>();
        for (List<Object> t : tuples(r, "missing_w")) {
            missing.add(new ManifestRef(str(t, 0), str(t, 1), num(t, 2), num(t, 3), str(t, 4)));
        }
        List<Partial> partial = new ArrayList<>();
        for (List<Object> t : tuples(r, "partial_w")) {
            partial.add(new Partial(str(t, 0), str(t, 1), num(t, 2), num(t, 3), num(t, 4)));
        }
        List<ManifestRef> indeterminate = new ArrayList<>();
        for (List<Object> t : tuples(r, "indeterminate_w")) {
            indeterminate.add(new ManifestRef(str(t, 0), str(t, 1), num(t, 2), num(t, 3), null));
        }
        List<Seen> ignoredSeen = new ArrayList<>();
        for (List<Object> t : tuples(r, "ignored_seen_w")) {
            ignoredSeen.add(new Seen(str(t, 0), str(t, 1), num(t, 2), num(t, 3)));
        }
        List<DuplicatedFile> duplicated = new ArrayList<>();
        for (List<Object> t : tuples(r, "dup_file_w")) {
            duplicated.add(new DuplicatedFile(str(t, 0), num(t, 1), num(t, 2), num(t, 3), num(t, 4)));
        }
        List<Unknown> unknown = new ArrayList<>();
        for (List<Object> t : tuples(r, "unknown_w")) {
            unknown.add(new Unknown(str(t, 0), num(t, 1), num(t, 2), str(t, 3), num(t, 4) != 0));
        }
        List<Paused> paused = new ArrayList<>();
        for (List<Object> t : tuples(r, "paused_w")) {
            paused.add(new Paused(num(t, 0), str(t, 1), num(t, 2), num(t, 3), num(t, 4), longs(t.get(5))));
        }
        List<Reingested> reingested = new ArrayList<>();
        for (List<Object> t : tuples(r, "reingested_w")) {
            reingested.add(new Reingested(str(t, 0), num(t, 1), num(t, 2), num(t, 3), longs(t.get(4)), num(t, 5)));
        }
        return new Ledger(
                mode,
                schedule,
                axis,
                r.getLong("expected_files"),
                r.getLong("expected_rows"),
                r.getLong("manifest_files"),
                r.getLong("expected_files_seen"),
                r.getLong("expected_rows_seen"),
                r.getLong("manifest_files_seen"),
                r.getLong("rows_seen"),
                seen,
                seen == 0 ? null : r.getLong("first_landing_ms"),
                seen == 0 ? null : r.getLong("last_landing_ms"),
                r.getLong("mixed_groups"),
                emptyToNull(r.getString("last_seen_file")),
                r.getLong("lost_files"),
                r.getLong("lost_rows"),
                lost,
                r.getLong("missing_files"),
                r.getLong("missing_rows"),
                missing,
                r.getLong("partial_files"),
                r.getLong("partial_missing_rows"),
                partial,
                r.getLong("indeterminate_unseen"),
                indeterminate,
                r.getLong("indeterminate_files"),
                r.getLong("failed_files"),
                r.getLong("failed_seen"),
                r.getLong("ignored_files"),
                r.getLong("ignored_unseen"),
                r.getLong("ignored_seen"),
                ignoredSeen,
                r.getLong("dup_files"),
                r.getLong("dup_file_surplus"),
                duplicated,
                r.getLong("key_dup_groups"),
                r.getLong("key_surplus_rows"),
                longs(r.get("key_dup_ids")),
                r.getLong("unknown_groups"),
                r.getLong("unknown_rows"),
                unknown,
                longs(r.get("paused_per_window")),
                r.getLong("paused_files"),
                r.getLong("paused_rows"),
                paused,
                longs(r.get("reingested_per_resume")),
                longs(r.get("landed_before_per_resume")),
                r.getLong("reingested_files"),
                r.getLong("reingested_rows"),
                reingested,
                histogram,
                axis == null ? 0 : r.getLong("spanning_groups"),
                axis == null ? List.of() : longs(r.get("spanning_ids")));
    }

    private static String emptyToNull(String s) {
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
            return b.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
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
