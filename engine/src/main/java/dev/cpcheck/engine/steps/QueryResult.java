package dev.cpcheck.engine.steps;

import dev.cpcheck.engine.FileRowCount;
import dev.cpcheck.engine.TableTotals;
import java.util.List;
import java.util.Map;

/**
 * What the destination table holds for a {@link StepRun}: totals, rows per file, the latest rows.
 * Each part is one SQL query inside ClickHouse; lists are capped.
 *
 * @param table         {@code db.table}
 * @param totals        totals of the run's rows
 * @param files         rows per source file, by file name
 * @param recentRows    the latest rows (payload shortened), newest first
 * @param expectedFiles files the pipe owes, from the manifest
 * @param expectedRows  rows the pipe owes, from the manifest
 */
public record QueryResult(
        String table,
        TableTotals totals,
        List<FileRowCount> files,
        List<Map<String, Object>> recentRows,
        long expectedFiles,
        long expectedRows) {
    public QueryResult {
        files = List.copyOf(files);
        recentRows = List.copyOf(recentRows);
    }

    /** Files with more rows than distinct rows: duplicates. */
    public List<FileRowCount> filesWithDuplicates() {
        return files.stream().filter(f -> f.rows() > f.distinctRows()).toList();
    }
}
