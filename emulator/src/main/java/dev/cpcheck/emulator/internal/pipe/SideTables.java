package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.literal;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The tables ClickPipes keeps next to the destination table, queryable like any other table:
 * <ul>
 *   <li>the archive {@code s3_clickpipe_<pipe id>_archive}: every file the pipe ingested, with a
 *       TTL of 7 days (docs: object storage ClickPipes reference, "Archive table"). The docs name
 *       the table and its TTL but not its columns; these are the emulator's: {@code file_name}
 *       (the object key), {@code batch_seq}, {@code ingested_at};</li>
 *   <li>the error table {@code <destination table>_clickpipes_error}: records that do not fit the
 *       schema, with a TTL of 7 days (docs: ClickPipes index, "Error reporting"; files over 10 GB
 *       also go there per the S3 ClickPipe docs, "File size"). Its columns are not documented
 *       either; the emulator's are {@code timestamp}, {@code pipe_id}, {@code source} (the object
 *       key), {@code error}. The emulator creates it on the first error.</li>
 * </ul>
 */
final class SideTables {
    private static final String TTL = " TTL toDateTime(%s) + INTERVAL 7 DAY";

    private final ClickHouseHttp clickHouse;

    SideTables(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    static String archiveName(String pipeId) {
        return "s3_clickpipe_" + pipeId + "_archive";
    }

    static String errorTableName(String destinationTable) {
        return destinationTable + "_clickpipes_error";
    }

    void createArchive(DestinationTable destination, String pipeId) {
        DestinationTable archive = destination.sibling(archiveName(pipeId));
        clickHouse.query("CREATE TABLE IF NOT EXISTS " + archive.qualified()
                + " (file_name String, batch_seq UInt64, ingested_at DateTime64(3))"
                + " ENGINE = MergeTree ORDER BY (batch_seq, file_name)" + TTL.formatted("ingested_at"));
    }

    /** Records the files of a committed batch, once: a batch finished again after a crash is not recorded twice. */
    void archive(DestinationTable destination, String pipeId, PendingBatch batch, Instant committedAt) {
        createArchive(destination, pipeId);
        DestinationTable archive = destination.sibling(archiveName(pipeId));
        String recorded = clickHouse.queryValue(
                "SELECT count() FROM " + archive.qualified() + " WHERE batch_seq = " + batch.seq());
        if (!recorded.isBlank() && Long.parseLong(recorded.trim()) > 0) {
            return;
        }
        StringJoiner rows = new StringJoiner(", ");
        String time = literal(committedAt.toString());
        for (String key : batch.keys()) {
            rows.add("(" + literal(key) + ", " + batch.seq() + ", parseDateTime64BestEffort(" + time + ", 3))");
        }
        clickHouse.query("INSERT INTO " + archive.qualified() + " (file_name, batch_seq, ingested_at) VALUES " + rows);
    }

    /** Which of {@code keys} the archive lists: the files the pipe ingested (unordered mode's seen set). */
    Set<String> archived(DestinationTable destination, String pipeId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        createArchive(destination, pipeId);
        StringJoiner in = new StringJoiner(", ");
        keys.forEach(k -> in.add(literal(k)));
        String found = clickHouse.query("SELECT DISTINCT file_name FROM "
                + destination.sibling(archiveName(pipeId)).qualified() + " WHERE file_name IN (" + in + ")"
                + " FORMAT TabSeparatedRaw");
        Set<String> out = new HashSet<>();
        for (String line : found.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    void dropArchive(DestinationTable destination, String pipeId) {
        clickHouse.query("DROP TABLE IF EXISTS "
                + destination.sibling(archiveName(pipeId)).qualified());
    }

    /** Appends one error about {@code source} (an object key) to the destination's error table. */
    void recordError(DestinationTable destination, String pipeId, String source, String error) {
        DestinationTable errors = destination.sibling(errorTableName(destination.table()));
        clickHouse.query("CREATE TABLE IF NOT EXISTS " + errors.qualified()
                + " (timestamp DateTime64(3), pipe_id String, source String, error String)"
                + " ENGINE = MergeTree ORDER BY timestamp" + TTL.formatted("timestamp"));
        clickHouse.query("INSERT INTO " + errors.qualified() + " (timestamp, pipe_id, source, error) VALUES (now64(3), "
                + literal(pipeId) + ", " + literal(source) + ", " + literal(error) + ")");
    }
}
