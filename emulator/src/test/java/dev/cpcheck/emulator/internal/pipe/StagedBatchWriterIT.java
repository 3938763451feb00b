package dev.cpcheck.emulator.internal.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's move into the destination, resumed after ClickHouse went down inside it, lands each
 * partition once: when the partition came back in both tables, the staging copy is dropped; when it
 * did not move, it is moved.
 */
class StagedBatchWriterIT {
    @TempDir
    Path state;

    @Test
    void aPartitionBackInBothTablesAfterARestartIsNotMovedTwice() throws Exception {
        Fixture f = Fixture.create(TestEnvironment.unique("moved_twice"));
        // ClickHouse moved the partition, then came back with the staging copy too
        f.sql.query("ALTER TABLE " + f.staging.qualified() + " MOVE PARTITION ID 'all' TO TABLE "
                + f.destination.qualified());
        f.sql.query("INSERT INTO " + f.staging.qualified() + " VALUES (1), (2), (3)");

        f.resumeTheStagedBatch(state);

        assertThat(f.destination.rows()).isEqualTo(3);
        assertThat(f.staging.exists()).isFalse();
        f.drop();
    }

    @Test
    void aPartitionThatDidNotMoveBeforeTheRestartIsMoved() throws Exception {
        Fixture f = Fixture.create(TestEnvironment.unique("not_moved"));

        f.resumeTheStagedBatch(state);

        assertThat(f.destination.rows()).isEqualTo(3);
        assertThat(f.staging.exists()).isFalse();
        f.drop();
    }

    private record Fixture(ClickHouseHttp sql, String pipeId, DestinationTable destination, DestinationTable staging) {
        static Fixture create(String table) {
            ClickHouseHttp sql = TestEnvironment.sql();
            String pipeId = TestEnvironment.unique("p");
            DestinationTable destination = new DestinationTable(sql, "default", table);
            sql.query("CREATE TABLE " + destination.qualified() + " (a UInt32) ENGINE = MergeTree ORDER BY a");
            DestinationTable staging = destination.sibling(StagedBatchWriter.stagingName(pipeId, 1));
            sql.query("CREATE TABLE " + staging.qualified() + " AS " + destination.qualified());
            sql.query("INSERT INTO " + staging.qualified() + " VALUES (1), (2), (3)");
            return new Fixture(sql, pipeId, destination, staging);
        }

        /** The batch as the writer records it once staged: the destination held no row of partition 'all'. */
        PendingBatch stagedAndRecorded() {
            return PendingBatch.of(1, List.of("f1.json"), false)
                    .staged(3)
                    .beforeMove(Map.of(destination.qualified(), Map.of("all", 0L)));
        }

        /** What a restarted emulator does with the pending batch: finish its move and commit. */
        void resumeTheStagedBatch(Path state) throws InterruptedException {
            new StagedBatchWriter(pipeId, new PipeStore(state), sql, new EmulatorSettings())
                    .ingest(spec(), stagedAndRecorded(), Checkpoint.initial());
        }

        void drop() {
            sql.query("DROP TABLE IF EXISTS " + destination.qualified());
        }

        StoredPipe spec() {
            return new StoredPipe(
                    "id",
                    "p",
                    new StoredPipe.ObjectStorage(
                            "s3",
                            "JSONEachRow",
                            "http://h:1/bkt/run/*.json",
                            null,
                            null,
                            true,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null),
                    new StoredPipe.Destination("default", destination.table(), false, null, null, null),
                    List.of(),
                    Map.of(),
                    null,
                    Instant.EPOCH,
                    Instant.EPOCH);
        }
    }
}
