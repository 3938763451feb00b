package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.literal;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseQueryException;
import dev.cpcheck.emulator.internal.pipe.IngestionSql.TableColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one batch into the destination exactly once, the way object storage ClickPipes do (docs:
 * object storage ClickPipes reference, "Exactly-once semantics": data is first inserted into a
 * staging table; on a failed insert the staging table is truncated and the insert retried from a
 * clean state; only after a successful insert are the staging table's partitions moved to the
 * target table):
 * <ol>
 *   <li>{@code CREATE TABLE <staging> AS <destination>}: the same columns, engine, partition key
 *       and sorting key, so that partitions can move between the two;</li>
 *   <li>{@code TRUNCATE} it and {@code INSERT ... SELECT ... FROM s3()} the batch into it; a
 *       failure leaves the destination untouched and the next attempt starts from a clean
 *       staging table;</li>
 *   <li>the batch is marked STAGED in {@code pending-batch.json};</li>
 *   <li>{@code ALTER TABLE <staging> MOVE PARTITION ID '<id>' TO TABLE <destination>} for each
 *       partition of the staging table;</li>
 *   <li>the files go to the archive table, the checkpoint is replaced, the pending batch removed
 *       and the staging table dropped.</li>
 * </ol>
 * Why MOVE rather than {@code ATTACH PARTITION ... FROM} (both exist in ClickHouse 26.7): a moved
 * partition leaves the staging table, so the staging table itself records what is left to move.
 * A crash after step 3 is finished by moving the partitions still in the staging table (none if
 * the crash came after the move and before the checkpoint): each partition lands once. Before the
 * first move the rows each target partition holds are recorded in the pending batch: a partition
 * that ClickHouse, killed inside the move, brought back in both tables (the move of a plain
 * MergeTree is not atomic across two tables; seen in the chaos suite as 3 files ingested twice) is
 * recognised by the target already holding its rows, and is dropped from the staging table instead
 * of moved again. This assumes the pipe is the only writer of those partitions while a batch is
 * pending, as the emulator's runs are. ATTACH
 * copies and leaves the staging table as it was, so after a crash the emulator could not tell
 * whether the copy had happened.
 *
 * <p>The user's table is never altered (no settings, no deduplication window) and no insert
 * deduplication token is used. A destination outside the MergeTree family (Null, Memory) is filled
 * with {@code INSERT ... SELECT} from the staging table instead, which a crash between that insert
 * and the checkpoint would repeat.
 *
 * <p>Records that do not fit the schema: when a batch's insert fails on the data, the batch is
 * inserted again file by file; each file that fails on its data goes to the error table and is
 * skipped (the real service writes such records, not whole files, to the error table: the emulator
 * works at file granularity).
 */
final class StagedBatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StagedBatchWriter.class);
    /** ClickHouse error codes that mean the data, not the service, is at fault. */
    private static final Set<Integer> DATA_ERRORS = Set.of(
            6, // CANNOT_PARSE_TEXT
            26, // CANNOT_PARSE_QUOTED_STRING
            27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            38, // CANNOT_PARSE_DATE
            41, // CANNOT_PARSE_DATETIME
            53, // TYPE_MISMATCH
            69, // ARGUMENT_OUT_OF_BOUND
            70, // CANNOT_CONVERT_TYPE
            72, // CANNOT_PARSE_NUMBER
            117, // INCORRECT_DATA
            349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            636); // CANNOT_EXTRACT_TABLE_STRUCTURE

    private final String pipeId;
    private final PipeStore store;
    private final ClickHouseHttp clickHouse;
    private final EmulatorSettings settings;
    private final SideTables sideTables;

    StagedBatchWriter(String pipeId, PipeStore store, ClickHouseHttp clickHouse, EmulatorSettings settings) {
        this.pipeId = pipeId;
        this.store = store;
        this.clickHouse = clickHouse;
        this.settings = settings;
        this.sideTables = new SideTables(clickHouse);
    }

    static String stagingName(String pipeId, long seq) {
        return "s3_clickpipe_" + pipeId + "_staging_" + seq;
    }

    /**
     * Takes {@code batch} from wherever it got to through to a committed checkpoint.
     *
     * @return the checkpoint after the batch
     * @throws ClickHouseQueryException when an insert or a move fails; the batch stays pending and the
     *     next attempt starts again from its phase
     */
    Checkpoint ingest(StoredPipe spec, PendingBatch batch, Checkpoint current) throws InterruptedException {
        DestinationTable destination = new DestinationTable(
                clickHouse, spec.destination().database(), spec.destination().table());
        DestinationTable staging = destination.sibling(stagingName(pipeId, batch.seq()));
        long started = System.nanoTime();
        if (batch.phase() == PendingBatch.Phase.STAGING) {
            List<TableColumn> columns = destination.columns();
            if (columns.isEmpty()) {
                throw new IllegalStateException("Destination table " + destination + " does not exist");
            }
            clickHouse.query("CREATE TABLE IF NOT EXISTS " + staging.qualified() + " AS " + destination.qualified());
            clickHouse.query("TRUNCATE TABLE " + staging.qualified());
            long rows = stage(spec, columns, batch, destination, staging);
            for (DependentViews.View view : DependentViews.of(clickHouse, destination)) {
                DestinationTable viewStaging = DependentViews.staging(view, pipeId, batch.seq());
                clickHouse.query("CREATE TABLE IF NOT EXISTS " + viewStaging.qualified() + " AS "
                        + view.target().qualified());
                clickHouse.query("TRUNCATE TABLE " + viewStaging.qualified());
                clickHouse.query("INSERT INTO " + viewStaging.qualified() + " "
                        + DependentViews.selectFrom(view, destination, staging));
            }
            batch = batch.staged(rows);
            store.writePending(batch);
            pause(settings.moveDelay(), "moving partitions", batch);
        }
        List<DependentViews.View> views = DependentViews.of(clickHouse, destination);
        if (batch.rowsBeforeMove() == null) {
            Map<String, Map<String, Long>> before = new LinkedHashMap<>();
            for (DependentViews.View view : views) {
                before.put(
                        view.target().qualified(),
                        rowsIn(view.target(), DependentViews.staging(view, pipeId, batch.seq())));
            }
            before.put(destination.qualified(), rowsIn(destination, staging));
            batch = batch.beforeMove(before);
            store.writePending(batch);
        }
        for (DependentViews.View view : views) {
            DestinationTable viewStaging = DependentViews.staging(view, pipeId, batch.seq());
            move(view.target(), viewStaging, batch);
            clickHouse.query("DROP TABLE IF EXISTS " + viewStaging.qualified());
        }
        long rows = move(destination, staging, batch);
        pause(settings.checkpointCommitDelay(), "committing the checkpoint", batch);
        Instant now = Instant.now();
        sideTables.archive(destination, pipeId, batch, now);
        Checkpoint next = current.commit(batch, rows, now);
        store.writeCheckpoint(next);
        store.clearPending();
        clickHouse.query("DROP TABLE IF EXISTS " + staging.qualified());
        LOG.info(
                "ClickPipe {} batch {} committed: {} files, {} rows in {} ms{}",
                pipeId,
                batch.seq(),
                batch.keys().size(),
                rows,
                (System.nanoTime() - started) / 1_000_000,
                batch.replay() ? " (replay)" : "");
        return next;
    }

    /** The rows {@code target} holds in each partition of {@code staging} (0 where it has none). */
    private static Map<String, Long> rowsIn(DestinationTable target, DestinationTable staging) {
        if (!staging.exists()) {
            return Map.of();
        }
        Map<String, Long> all = target.partitionRows();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String partition : staging.partitionIds()) {
            rows.put(partition, all.getOrDefault(partition, 0L));
        }
        return rows;
    }

    /** Removes what an abandoned batch left (its staging table), e.g. when the batch was committed already. */
    void discard(StoredPipe spec, PendingBatch batch) {
        DestinationTable destination = new DestinationTable(
                clickHouse, spec.destination().database(), spec.destination().table());
        clickHouse.query("DROP TABLE IF EXISTS "
                + destination.sibling(stagingName(pipeId, batch.seq())).qualified());
    }

    /** Inserts the batch into the staging table; on a data error, file by file, skipping bad files. */
    private long stage(
            StoredPipe spec,
            List<TableColumn> columns,
            PendingBatch batch,
            DestinationTable destination,
            DestinationTable staging) {
        Map<String, String> querySettings = IngestionSql.insertSettings(spec);
        try {
            return insert(spec, columns, batch.keys(), staging, querySettings);
        } catch (ClickHouseQueryException e) {
            if (!DATA_ERRORS.contains(e.code())) {
                throw e;
            }
            LOG.info(
                    "ClickPipe {} batch {}: data error, inserting file by file: {}",
                    pipeId,
                    batch.seq(),
                    e.getMessage());
        }
        clickHouse.query("TRUNCATE TABLE " + staging.qualified());
        long rows = 0;
        List<String> bad = new ArrayList<>();
        for (String key : batch.keys()) {
            try {
                rows += insert(spec, columns, List.of(key), staging, querySettings);
            } catch (ClickHouseQueryException e) {
                if (!DATA_ERRORS.contains(e.code())) {
                    throw e;
                }
                bad.add(key);
                sideTables.recordError(destination, pipeId, key, e.getMessage());
            }
        }
        LOG.warn(
                "ClickPipe {} batch {}: {} file(s) did not fit the schema and went to the error table: {}",
                pipeId,
                batch.seq(),
                bad.size(),
                bad);
        return rows;
    }

    private long insert(
            StoredPipe spec,
            List<TableColumn> columns,
            List<String> keys,
            DestinationTable staging,
            Map<String, String> querySettings) {
        String sql = IngestionSql.insert(spec, columns, keys, staging.qualified());
        return clickHouse
                .execute(sql, querySettings, null, Duration.ofMinutes(30))
                .writtenRows();
    }

    /** Moves every partition left in the staging table into the destination; returns the batch's rows. */
    private long move(DestinationTable destination, DestinationTable staging, PendingBatch batch) {
        long rows = batch.rows() == null ? 0 : batch.rows();
        if (!staging.exists()) {
            // dropped after a commit that the checkpoint file does not show: nothing left to move
            return rows;
        }
        if (!destination.supportsPartitionMoves()) {
            clickHouse.query("INSERT INTO " + destination.qualified() + " SELECT * FROM " + staging.qualified());
            clickHouse.query("TRUNCATE TABLE " + staging.qualified());
            return rows;
        }
        Map<String, Long> before = batch.rowsBeforeMove(destination.qualified());
        Map<String, Long> staged = staging.partitionRows();
        Map<String, Long> now = before.isEmpty() ? Map.of() : destination.partitionRows();
        for (String partition : staging.partitionIds()) {
            Long was = before.get(partition);
            long stagedRows = staged.getOrDefault(partition, 0L);
            if (was != null && stagedRows > 0 && now.getOrDefault(partition, 0L) >= was + stagedRows) {
                // moved already: ClickHouse went down inside the move and came back with the partition
                // in both tables (a move is not atomic across two plain MergeTree tables)
                LOG.warn(
                        "ClickPipe {} batch {}: partition {} is in {} already ({} rows before the move, {} now);"
                                + " dropping its copy left in the staging table",
                        pipeId,
                        batch.seq(),
                        partition,
                        destination,
                        was,
                        now.get(partition));
                clickHouse.query("ALTER TABLE " + staging.qualified() + " DROP PARTITION ID " + literal(partition));
                continue;
            }
            clickHouse.query("ALTER TABLE " + staging.qualified() + " MOVE PARTITION ID " + literal(partition)
                    + " TO TABLE " + destination.qualified());
        }
        return rows;
    }

    private void pause(Duration delay, String what, PendingBatch batch) throws InterruptedException {
        if (!delay.isZero()) {
            LOG.info("ClickPipe {} batch {}: {} in {} ms", pipeId, batch.seq(), what, delay.toMillis());
            Thread.sleep(delay.toMillis());
        }
    }
}
