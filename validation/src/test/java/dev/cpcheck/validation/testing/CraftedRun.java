package dev.cpcheck.validation.testing;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run made up in a real ClickHouse table: the seed scenario's manifest (12 files x 3 rows: 6
 * before the pipe, 3 written while paused, 3 after resume), a history with one confirmed pause
 * (stop T0+30 s, Stopped seen T0+31 s, start T0+60 s, clock offset 0 ± 2 ms) and rows inserted
 * with SQL at chosen landing times. {@link #landClean()} lands what a correct pipe would.
 */
public final class CraftedRun {
    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    public static final int FILES = 12;
    public static final int ROWS = 3;

    public final String runId;
    public final DestinationSpec destination;
    private boolean sharedTable;
    private final ClickHouseSql sql;
    private final List<ManifestFile> files = new ArrayList<>();
    private final List<HistoryEvent> events = new ArrayList<>();

    private CraftedRun(ClickHouseSql sql, String table) {
        this.sql = sql;
        this.runId = "run-" + table;
        this.destination = new DestinationSpec("default", table);
        sql.execute(RowSchema.createTableSql(destination.database(), destination.table()));
        // crafted rows carry their landing time, as tables made by earlier versions of cpcheck did
        sql.execute(
                "ALTER TABLE " + destination.qualified() + " ADD COLUMN ingested_at DateTime64(3) DEFAULT now64(3)");
        for (int i = 1; i <= FILES; i++) {
            String phase = i <= 6 ? "initial" : i <= 9 ? "paused" : "resumed";
            files.add(file(i, phase, UploadOutcome.OK, Expectation.INGEST));
        }
        event(T0, EventType.RUN_STARTED, Map.of("runId", runId));
        event(T0, EventType.CLOCK_OFFSET, Map.of("label", "start", "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(
                T0.plusSeconds(30),
                EventType.CLOCK_OFFSET,
                Map.of("label", "pause-1", "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(T0.plusSeconds(30), EventType.PIPE_COMMAND, Map.of("command", "stop", "pipeId", "p1"));
        event(T0.plusSeconds(31), EventType.PAUSE_CONFIRMED, Map.of("pipeId", "p1", "state", "Stopped"));
        event(
                T0.plusSeconds(60),
                EventType.CLOCK_OFFSET,
                Map.of("label", "resume-1", "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(T0.plusSeconds(60), EventType.PIPE_COMMAND, Map.of("command", "start", "pipeId", "p1"));
    }

    /** The seed run in a new table. */
    public static CraftedRun seed(String name) {
        return new CraftedRun(TestClickHouse.sql(), TestClickHouse.newTableName(name));
    }

    public static String fileName(long id) {
        return String.format("f%06d.json", id);
    }

    public ManifestFile file(long id, String phase, UploadOutcome outcome, Expectation expectation) {
        return new ManifestFile(
                "cpcheck/" + runId + "/" + fileName(id),
                fileName(id),
                id,
                phase,
                ROWS,
                100,
                "etag",
                null,
                T0,
                T0,
                outcome,
                null,
                expectation);
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
        return landRows(fileName(fileId), fileId, 0, ROWS, at, runId);
    }

    /** Rows {@code [fromRow, toRow)} with the given file name and id, at {@code at}, for a run (null: this run). */
    public CraftedRun landRows(String sourceFile, long fileId, int fromRow, int toRow, Instant at, String run) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("run", run == null ? runId : run);
        p.put("fid", fileId);
        p.put("from", fromRow);
        p.put("n", toRow - fromRow);
        p.put("file", sourceFile);
        p.put("at", at);
        sql.execute(
                "INSERT INTO " + destination.qualified()
                        + " (run_id, file_id, row_id, phase, event_time, payload, source_file, ingested_at)"
                        + " SELECT {run:String}, {fid:UInt32}, {from:UInt32} + number, 'x', {at:DateTime64(3, 'UTC')},"
                        + " 'payload', {file:String}, {at:DateTime64(3, 'UTC')} FROM numbers({n:UInt32})",
                p);
        return this;
    }

    public Manifest manifest() {
        return new Manifest(runId, "s3", "bucket", "cpcheck/" + runId + "/", "JSONEachRow", "none", T0, files);
    }

    public RunHistory history() {
        List<HistoryEvent> all = new ArrayList<>(events);
        all.add(new HistoryEvent(
                all.size() + 1, T0.plusSeconds(90), 0, EventType.NOTE, null, Map.of("message", "end")));
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
        event(
                T0.plusSeconds(70),
                EventType.CLOCK_OFFSET,
                Map.of("label", "pause-2", "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(T0.plusSeconds(70), EventType.PIPE_COMMAND, Map.of("command", "stop", "pipeId", "p1"));
        event(T0.plusSeconds(71), EventType.PAUSE_CONFIRMED, Map.of("pipeId", "p1", "state", "Stopped"));
        event(
                T0.plusSeconds(80),
                EventType.CLOCK_OFFSET,
                Map.of("label", "resume-2", "offsetMs", 0.0, "uncertaintyMs", 2.0));
        event(T0.plusSeconds(80), EventType.PIPE_COMMAND, Map.of("command", "start", "pipeId", "p1"));
        return this;
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
    }

    public void drop() {
        sql.execute(RowSchema.dropTableSql(destination.database(), destination.table()));
    }
}
