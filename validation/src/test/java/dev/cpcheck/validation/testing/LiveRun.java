package dev.cpcheck.validation.testing;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run played in real time against a table of the destination's current shape (no
 * {@code ingested_at}: landing times come from the parts), with a history recorded as it goes
 * (pause, resume, counts polled from the table). The ClickHouse clock is the run's clock (the
 * embedded server runs on this machine). Waits are for the server clock to pass a moment, never
 * blind sleeps.
 */
public final class LiveRun {
    public static final int ROWS = 3;
    static final String COLUMNS = "run_id String, file_id UInt32, row_id UInt32, phase LowCardinality(String),"
            + " event_time DateTime64(3), payload String, source_file String";

    public final String runId;
    public final DestinationSpec destination;
    private final ClickHouseSql sql;
    private final List<ManifestFile> files = new ArrayList<>();
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Instant createdAt;

    private LiveRun(ClickHouseSql sql, String table) {
        this.sql = sql;
        this.runId = "run-" + table;
        this.destination = new DestinationSpec("default", table);
        sql.execute("CREATE TABLE " + destination.qualified() + " (" + COLUMNS
                + ") ENGINE = MergeTree ORDER BY (file_id, row_id)");
        createdAt = now();
        event(EventType.RUN_STARTED, Map.of("runId", runId));
        event(EventType.CLOCK_OFFSET, Map.of("label", "start", "offsetMs", 0.0, "uncertaintyMs", 1.0));
    }

    public static LiveRun start(String name) {
        return start(TestClickHouse.sql(), name);
    }

    /** A run against another ClickHouse than the shared embedded one. */
    public static LiveRun start(ClickHouseSql sql, String name) {
        return new LiveRun(sql, TestClickHouse.newTableName(name));
    }

    public static String fileName(long id) {
        return String.format("f%06d.json", id);
    }

    /** Keeps the parts as inserted (no background merges), so their creation times stay exact. */
    public LiveRun stopMerges() {
        sql.execute("SYSTEM STOP MERGES " + destination.qualified());
        return this;
    }

    /** Writes files (into the manifest) and lands each, as its own insert, now. */
    public LiveRun land(String phase, long... ids) {
        RowGenerator g = new RowGenerator(42L, runId);
        for (long id : ids) {
            if (files.stream().noneMatch(f -> f.fileId() == id)) {
                Instant t = now();
                files.add(new ManifestFile(
                                "cpcheck/" + runId + "/" + fileName(id),
                                fileName(id),
                                id,
                                phase,
                                ROWS,
                                100,
                                "etag",
                                null,
                                t,
                                t,
                                UploadOutcome.OK,
                                null,
                                Expectation.INGEST)
                        .withContent(g.fileDigest(id, ROWS, phase, 16, fileName(id)), 42L, 16));
            }
            StringBuilder values = new StringBuilder();
            for (long row = 1; row <= ROWS; row++) {
                values.append(values.length() == 0 ? "" : ",")
                        .append("(")
                        .append(SqlParams.literal(runId))
                        .append(",")
                        .append(id)
                        .append(",")
                        .append(row)
                        .append(",")
                        .append(SqlParams.literal(phase))
                        .append(",fromUnixTimestamp64Milli(")
                        .append(g.eventTimeMillis(id, row))
                        .append("),")
                        .append(SqlParams.literal(g.payload(id, row, 16)))
                        .append(",")
                        .append(SqlParams.literal(fileName(id)))
                        .append(")");
            }
            sql.execute("INSERT INTO " + destination.qualified() + " VALUES " + values);
        }
        return this;
    }

    /** Records a count polled from the table now, as the runner does. */
    public LiveRun poll() {
        SqlRow r = sql.query(
                        "SELECT uniqExact(source_file) AS files, count() AS rows, max(source_file) AS last FROM "
                                + destination.qualified() + " WHERE run_id = {run:String}",
                        Map.of("run", runId))
                .get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("files", r.getLong("files"));
        data.put("rows", r.getLong("rows"));
        if (r.getLong("rows") > 0) {
            data.put("lastFile", r.getString("last"));
        }
        data.put("purpose", "hold");
        event(EventType.COUNT_POLL, data);
        return this;
    }

    /** Polls {@code n} times, {@code gap} apart by the server clock. */
    public LiveRun polls(int n, Duration gap) {
        for (int i = 0; i < n; i++) {
            waitFor(gap);
            poll();
        }
        return this;
    }

    /** Sends stop and sees Stopped, now. */
    public LiveRun pause() {
        event(EventType.CLOCK_OFFSET, Map.of("label", "pause-1", "offsetMs", 0.0, "uncertaintyMs", 1.0));
        event(EventType.PIPE_COMMAND, Map.of("command", "stop", "pipeId", "p1"));
        event(EventType.PAUSE_CONFIRMED, Map.of("pipeId", "p1", "state", "Stopped"));
        return this;
    }

    /** Sends start, now. */
    public LiveRun resume() {
        event(EventType.CLOCK_OFFSET, Map.of("label", "resume-1", "offsetMs", 0.0, "uncertaintyMs", 1.0));
        event(EventType.PIPE_COMMAND, Map.of("command", "start", "pipeId", "p1"));
        return this;
    }

    /** Waits until the server clock has moved into a later second than now (part times have seconds). */
    public LiveRun nextSecond() {
        long second = now().getEpochSecond();
        while (now().getEpochSecond() <= second) {
            pause(10);
        }
        return this;
    }

    /** Waits until the server clock has advanced by {@code d}. */
    public LiveRun waitFor(Duration d) {
        Instant until = now().plus(d);
        while (now().isBefore(until)) {
            pause(10);
        }
        return this;
    }

    /** Merges every part of the table into one, as background merges eventually do. */
    public LiveRun mergeAll() {
        sql.execute("SYSTEM START MERGES " + destination.qualified());
        sql.execute("OPTIMIZE TABLE " + destination.qualified() + " FINAL");
        return this;
    }

    public ValidationRequest request(DeliveryGuarantee guarantee) {
        List<HistoryEvent> all = new ArrayList<>(events);
        all.add(new HistoryEvent(all.size() + 1, now(), 0, EventType.NOTE, null, Map.of("message", "end")));
        return new ValidationRequest(
                runId,
                destination,
                new Manifest(runId, "s3", "bucket", "cpcheck/" + runId + "/", "JSONEachRow", "none", createdAt, files),
                new RunHistory(all),
                guarantee);
    }

    public void drop() {
        sql.execute("DROP TABLE IF EXISTS " + destination.qualified());
    }

    /** Between two looks at the server clock. */
    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server clock", e);
        }
    }

    private Instant now() {
        return sql.serverTime();
    }

    private void event(String type, Map<String, Object> data) {
        events.add(new HistoryEvent(events.size() + 1, now(), 0, type, null, data));
    }
}
