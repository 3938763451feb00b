package dev.cpcheck.engine.steps;

import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.engine.FileRowCount;
import dev.cpcheck.engine.TableTotals;
import dev.cpcheck.validation.ClickHouseTable;
import java.util.ArrayList;
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

    /** What the table holds of a run: one query each for totals, files and the latest rows. */
    static QueryResult of(ClickHouseTable table, String runId, Manifest manifest, int recentRows, int filesListed) {
        List<Map<String, Object>> recent = new ArrayList<>();
        for (SqlRow r : table.recentRows(runId, recentRows)) {
            recent.add(r.values());
        }
        ClickHouseTable.Totals t = table.totals(runId);
        DestinationSpec d = table.spec();
        return new QueryResult(
                d.database() + "." + d.table(),
                new TableTotals(t.rows(), t.files(), t.runs(), t.firstIngestedAt(), t.lastIngestedAt()),
                table.fileCounts(runId, filesListed).stream()
                        .map(f -> new FileRowCount(
                                f.sourceFile(), f.rows(), f.distinctRows(), f.firstIngestedAt(), f.lastIngestedAt()))
                        .toList(),
                recent,
                manifest.expectedFiles().size(),
                manifest.expectedRows());
    }

    /** Files with more rows than distinct rows: duplicates. */
    public List<FileRowCount> filesWithDuplicates() {
        return files.stream().filter(f -> f.rows() > f.distinctRows()).toList();
    }
}
