package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.spi.SqlRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * @param eventTaken  unordered mode: the queue was seen drained after the file was written
     */
    public record Unseen(
            String key,
            String name,
            long fileId,
            long rows,
            String phase,
            boolean seenByPoll,
            boolean laterLanded,
            boolean eventTaken) {}

    /** A file with rows whose landing lies inside a paused window. */
    public record Paused(long firstMs, String name, long fileId, long rows, long lastMs, List<Long> perWindow) {}

    /**
     * The manifest's names by rank (the ledger compares ranks, not names) and its files by id: how
     * the numbers that come back are named in witnesses.
     */
    static final class Names {
        private final List<String> byRank;
        private final dev.cpcheck.core.manifest.Manifest manifest;
        /** Files by id, made when a file is first named by id (only anomalies are). */
        private Map<Long, dev.cpcheck.core.manifest.ManifestFile> byId;

        private Names(dev.cpcheck.core.manifest.Manifest manifest, List<String> byRank) {
            this.manifest = manifest;
            this.byRank = byRank;
        }

        static Names of(dev.cpcheck.core.manifest.Manifest manifest, List<String> sortedNames) {
            return new Names(manifest, sortedNames);
        }

        private dev.cpcheck.core.manifest.ManifestFile byId(long fileId) {
            if (byId == null) {
                byId = new java.util.HashMap<>();
                manifest.files().forEach(f -> byId.putIfAbsent(f.fileId(), f));
            }
            return byId.get(fileId);
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
            var f = byId(fileId);
            return f == null ? "file_id " + fileId : f.fileName();
        }

        String phaseOfId(long fileId) {
            var f = byId(fileId);
            return f == null ? null : f.phase();
        }
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
