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
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ValidationEngine;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run made up in a real ClickHouse table: the seed scenario's manifest (12 files x 3 rows: 6
 * before the pipe, 3 written while paused, 3 after resume, each recording its content digest and
 * generator as fixtures do), a history with one confirmed pause (stop T0+30 s, Stopped seen
 * T0+31 s, start T0+60 s, clock offset 0 ± 2 ms) and the generator's rows inserted with SQL at
 * chosen landing times, in a table as earlier versions made it (with {@code ingested_at}, so the
 * landing times can be chosen). {@link #landClean()} lands what a correct pipe would; the other
 * methods change the table by hand as a user would.
 */
public final class CraftedRun {
    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    public static final int FILES = 12;
    public static final int ROWS = 3;
    public static final long SEED = 42L;
    public static final int PAYLOAD = 16;
    /** The destination as earlier versions created it: with {@code ingested_at}. */
    static final String LEGACY_COLUMNS = "run_id String, file_id UInt32, row_id UInt32, phase LowCardinality(String),"
            + " event_time DateTime64(3), payload String, source_file String,"
            + " ingested_at DateTime64(3) DEFAULT now64(3)";

    public final String runId;
    public final DestinationSpec destination;
    private boolean sharedTable;
    private final ClickHouseSql sql;
    private final List<ManifestFile> files = new ArrayList<>();
    private final List<HistoryEvent> events = new ArrayList<>();

    private Instant end = T0.plusSeconds(90);

    private final boolean seedUploads;

    private CraftedRun(ClickHouseSql sql, String table, int files, boolean seedUploads) {
        this.seedUploads = seedUploads;
        this.sql = sql;
        this.runId = "run-" + table;
        this.destination = new DestinationSpec("default", table);
        sql.execute("CREATE TABLE " + destination.qualified() + " (" + LEGACY_COLUMNS
                + ") ENGINE = MergeTree ORDER BY (file_id, row_id)");
        for (int i = 1; i <= files; i++) {
            String phase = i <= 6 ? "initial" : i <= 9 ? "paused" : "resumed";
            this.files.add(file(i, phase, UploadOutcome.OK, Expectation.INGEST));
        }
        event(T0, EventType.RUN_STARTED, Map.of("runId", runId));
        event(T0, EventType.CLOCK_OFFSET, Map.of("label", "start", "offsetMs", 0.0, "uncertaintyMs", 2.0));
    }

    /** The seed run in a new table. */
    public static CraftedRun seed(String name) {
        CraftedRun run = new CraftedRun(TestClickHouse.sql(), TestClickHouse.newTableName(name), FILES, true)
                .pause(T0.plusSeconds(30), T0.plusSeconds(31), T0.plusSeconds(60));
        run.written(T0.plusSeconds(5), 6, "initial");
        run.written(T0.plusSeconds(31).plusMillis(200), 3, "paused");
        run.written(T0.plusSeconds(60).plusMillis(100), 3, "resumed");
        return run;
    }

    /** A batch of files written, as the runner records it. */
    private void written(Instant at, int count, String phase) {
        event(at, EventType.FILES_WRITTEN, Map.of("phase", phase, "count", count, "ok", count));
    }

    /** A run of {@code files} files and no pause yet, in a new table; the history ends at {@code end}. */
    public static CraftedRun of(String name, int files, Instant end) {
        CraftedRun run = new CraftedRun(TestClickHouse.sql(), TestClickHouse.newTableName(name), files, false);
        run.end = end;
        return run;
    }

    /** A confirmed pause: stop sent, Stopped seen, start sent (clock offset 0 ± 2 ms measured at each). */
    public CraftedRun pause(Instant stop, Instant stoppedSeen, Instant start) {
        int n = (int) events.stream()
                        .filter(e -> e.is(EventType.PAUSE_CONFIRMED))
                        .count()
                + 1;
        event(stop, EventType.CLOCK_OFFSET, Map.of("label", "pause-" + n, "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(stop, EventType.PIPE_COMMAND, Map.of("command", "stop", "pipeId", "p1"));
        event(stoppedSeen, EventType.PAUSE_CONFIRMED, Map.of("pipeId", "p1", "state", "Stopped"));
        event(start, EventType.CLOCK_OFFSET, Map.of("label", "resume-" + n, "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(start, EventType.PIPE_COMMAND, Map.of("command", "start", "pipeId", "p1"));
        return this;
    }

    public static String fileName(long id) {
        return String.format("f%06d.json", id);
    }

    /**
     * A manifest entry as fixtures write it: with the file's content digest and generator, uploaded
     * when the seed scenario writes its phase (initial T0+5 s, paused T0+31.2 s, just after Stopped
     * was seen, resumed T0+60.1 s; others, and every file of runs made with {@link #of}, at T0).
     */
    public ManifestFile file(long id, String phase, UploadOutcome outcome, Expectation expectation) {
        Instant uploaded = !seedUploads
                ? T0
                : switch (phase) {
                    case "initial" -> T0.plusSeconds(5);
                    case "paused" -> T0.plusMillis(31_200);
                    case "resumed" -> T0.plusMillis(60_100);
                    default -> T0;
                };
        return new ManifestFile(
                        "cpcheck/" + runId + "/" + fileName(id),
                        fileName(id),
                        id,
                        phase,
                        ROWS,
                        100,
                        "etag",
                        null,
                        uploaded,
                        uploaded,
                        outcome,
                        null,
                        expectation)
                .withContent(generator().fileDigest(id, ROWS, phase, PAYLOAD, fileName(id)), SEED, PAYLOAD);
    }

    /** The generator of this run's rows. */
    public RowGenerator generator() {
        return new RowGenerator(SEED, runId);
    }

    /** The phase the manifest gives a file id ({@code x} for ids it does not list). */
    String phaseOf(long fileId) {
        return files.stream()
                .filter(f -> f.fileId() == fileId)
                .map(ManifestFile::phase)
                .findFirst()
                .orElse("x");
    }

    /** Replaces the manifest entry of a file. */
    public CraftedRun manifestEntry(ManifestFile f) {
        files.removeIf(x -> x.fileId() == f.fileId());
        files.add(f);
        files.sort((a, b) -> a.key().compareTo(b.key()));
        return this;
    }

    /** When the clean pipe lands file {@code id}: 1-6 before the pause, 7-12 after the resume. */
    public static Instant cleanLanding(long id) {
        return id <= 6 ? T0.plusSeconds(10 + id) : T0.plusSeconds(55 + id);
    }

    /** Lands every file once, at its clean landing time. */
    public CraftedRun landClean() {
        for (long id = 1; id <= FILES; id++) {
            land(id, cleanLanding(id));
        }
        return this;
    }

    /** Lands every file once except the given ones. */
    public CraftedRun landCleanExcept(long... skip) {
        outer:
        for (long id = 1; id <= FILES; id++) {
            for (long s : skip) {
                if (s == id) {
                    continue outer;
                }
            }
            land(id, cleanLanding(id));
        }
        return this;
    }

    /** All rows of a manifest file, at {@code at}. */
    public CraftedRun land(long fileId, Instant at) {
        return landRows(fileName(fileId), fileId, 1, ROWS + 1, at, runId);
    }

    /**
     * Rows {@code fromRow..toRow - 1} (row ids start at 1) of file {@code fileId} as the generator
     * wrote them, landing from {@code sourceFile} at {@code at}, for a run (null: this run).
     */
    public CraftedRun landRows(String sourceFile, long fileId, int fromRow, int toRow, Instant at, String run) {
        StringBuilder values = new StringBuilder();
        RowGenerator g = generator();
        for (long row = fromRow; row < toRow; row++) {
            values.append(values.length() == 0 ? "" : ",")
                    .append("(")
                    .append(SqlParams.literal(run == null ? runId : run))
                    .append(",")
                    .append(fileId)
                    .append(",")
                    .append(row)
                    .append(",")
                    .append(SqlParams.literal(phaseOf(fileId)))
                    .append(",fromUnixTimestamp64Milli(")
                    .append(g.eventTimeMillis(fileId, row))
                    .append("),")
                    .append(SqlParams.literal(g.payload(fileId, row, PAYLOAD)))
                    .append(",")
                    .append(SqlParams.literal(sourceFile))
                    .append(",fromUnixTimestamp64Milli(")
                    .append(at.toEpochMilli())
                    .append("))");
        }
        sql.execute("INSERT INTO " + destination.qualified()
                + " (run_id, file_id, row_id, phase, event_time, payload, source_file, ingested_at) VALUES " + values);
        return this;
    }

    /** One row of a file as written except for its payload, landing at {@code at}. */
    public CraftedRun landAltered(long fileId, long rowId, Instant at, String payload) {
        landRows(fileName(fileId), fileId, (int) rowId, (int) rowId + 1, at, null);
        sql.execute(
                "ALTER TABLE " + destination.qualified() + " UPDATE payload = {p:String}"
                        + " WHERE run_id = {run:String} AND file_id = {f:UInt32} AND row_id = {r:UInt32}"
                        + " AND ingested_at = fromUnixTimestamp64Milli({at:Int64}) SETTINGS mutations_sync = 2",
                Map.of("p", payload, "run", runId, "f", fileId, "r", rowId, "at", at.toEpochMilli()));
        return this;
    }

    /** Changes a column of one row in place, as a user's UPDATE would. */
    public CraftedRun update(long fileId, long rowId, String column, String valueSql) {
        sql.execute(
                "ALTER TABLE " + destination.qualified() + " UPDATE " + column + " = " + valueSql
                        + " WHERE run_id = {run:String} AND file_id = {f:UInt32} AND row_id = {r:UInt32}"
                        + " SETTINGS mutations_sync = 2",
                Map.of("run", runId, "f", fileId, "r", rowId));
        return this;
    }

    /** Deletes rows of a file (all when {@code rowId} is null), as a user's DELETE would. */
    public CraftedRun delete(long fileId, Long rowId) {
        sql.execute(
                "ALTER TABLE " + destination.qualified() + " DELETE WHERE run_id = {run:String}"
                        + " AND file_id = {f:UInt32}" + (rowId == null ? "" : " AND row_id = {r:UInt32}")
                        + " SETTINGS mutations_sync = 2",
                rowId == null ? Map.of("run", runId, "f", fileId) : Map.of("run", runId, "f", fileId, "r", rowId));
        return this;
    }

    /** Empties the table of this run's rows. */
    public CraftedRun deleteAll() {
        sql.execute(
                "ALTER TABLE " + destination.qualified() + " DELETE WHERE run_id = {run:String}"
                        + " SETTINGS mutations_sync = 2",
                Map.of("run", runId));
        return this;
    }

    /** A count the run polled at {@code at}: its files, rows and highest file name. */
    public CraftedRun poll(Instant at, long files, long rows, String lastFile) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("files", files);
        data.put("rows", rows);
        if (lastFile != null) {
            data.put("lastFile", lastFile);
        }
        data.put("purpose", "await");
        event(at, EventType.COUNT_POLL, data);
        return this;
    }

    /** The polls a clean run records: 6 files seen before the pause, steady counts while paused, 12 at the end. */
    public CraftedRun pollClean() {
        poll(T0.plusSeconds(20), 6, 18, fileName(6));
        // as a run polls: when Stopped is seen, every 5 s of a hold, and just before the resume
        poll(T0.plusSeconds(31), 6, 18, fileName(6));
        for (int s = 35; s <= 55; s += 5) {
            poll(T0.plusSeconds(s), 6, 18, fileName(6));
        }
        poll(T0.plusMillis(59_950), 6, 18, fileName(6));
        return poll(T0.plusSeconds(85), 12, 36, fileName(12));
    }

    public Manifest manifest() {
        return new Manifest(runId, "s3", "bucket", "cpcheck/" + runId + "/", "JSONEachRow", "none", T0, files);
    }

    public RunHistory history() {
        List<HistoryEvent> all = new ArrayList<>();
        for (HistoryEvent e : events) {
            all.add(new HistoryEvent(all.size() + 1, e.time(), 0, e.type(), null, e.data()));
        }
        all.add(new HistoryEvent(all.size() + 1, end, 0, EventType.NOTE, null, Map.of("message", "end")));
        return new RunHistory(all);
    }

    public ValidationRequest request(DeliveryGuarantee guarantee) {
        return new ValidationRequest(runId, destination, manifest(), history(), guarantee, sharedTable);
    }

    /**
     * Adds a second confirmed pause after the clean landings: stop T0+70 s, Stopped seen T0+71 s,
     * start T0+80 s (the history still ends at T0+90 s).
     */
    public CraftedRun secondPause() {
        return pause(T0.plusSeconds(70), T0.plusSeconds(71), T0.plusSeconds(80));
    }

    /** Validate as if the table belonged to an adopted pipe that other runs write to as well. */
    public CraftedRun shared() {
        sharedTable = true;
        return this;
    }

    /** Validates with the built-in checks (and extra ones) under a guarantee. */
    public ValidationResult validate(DeliveryGuarantee guarantee, Check... extra) {
        ValidationEngine.Builder b = ValidationEngine.builder().sql(sql);
        for (Check c : extra) {
            b.check(c);
        }
        return b.build().validate(request(guarantee));
    }

    /** The report a completed run with this result would have. */
    public RunReport report(ValidationResult r, DeliveryGuarantee guarantee) {
        Manifest m = manifest();
        RunHistory h = history();
        return new RunReport(
                runId,
                "seed",
                "crafted",
                guarantee,
                T0,
                T0.plusSeconds(90),
                RunStatus.COMPLETED,
                null,
                Verdict.decide(RunStatus.COMPLETED, r.checks()),
                r.checks(),
                r.guidance(),
                m.expectedFiles().size(),
                m.expectedRows(),
                r.observed(),
                h.pausedWindows(),
                0.0,
                2.0,
                null,
                "p1",
                Map.of());
    }

    public Duration sinceT0(Instant t) {
        return Duration.between(T0, t);
    }

    private void event(Instant t, String type, Map<String, Object> data) {
        events.add(new HistoryEvent(events.size() + 1, t, 0, type, null, data));
        events.sort((a, b) -> a.time().compareTo(b.time()));
    }

    public void drop() {
        sql.execute(RowSchema.dropTableSql(destination.database(), destination.table()));
    }
}
