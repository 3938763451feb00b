package dev.cpcheck.validation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.ClickHouseDestination;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTarget;
import dev.cpcheck.validation.ValidationEngine;
import dev.cpcheck.validation.testing.TestClickHouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long validation takes at scale: 10 M rows in 100 k files (100 rows each) in a table of the
 * destination's current shape, generated inside ClickHouse with {@code INSERT ... SELECT FROM
 * numbers()} in two halves with a real pause of a few seconds between them (counts polled while
 * paused), and a matching 100 k-file manifest that records each file's content digest. Landing
 * times come from the parts (as many as the inserts and background merges leave). Each round times a full {@link ValidationEngine#validate} (all
 * built-in checks) against a bare {@code SELECT count(), uniqExact(source_file)} over the same
 * table, interleaved so both see the same machine load; it prints the best and median times and
 * their ratio (goal: at most 2x). On a shared machine wall-clock times are noisy, so with the embedded
 * server it also reports the server's CPU time per operation (Linux {@code /proc}). Not part of the
 * build; run it with
 *
 * <pre>
 * ./mvnw -B -pl validation -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ValidationBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>Options (system properties, pass them as {@code -Dname=value} to Maven; they reach the test
 * JVM through Failsafe's {@code argLine} only if added there, so prefer the defaults): the embedded
 * ClickHouse is used unless {@code cpcheck.bench.url} names another server.
 */
@Tag("benchmark")
class ValidationBenchmark {
    private static final int FILES = Integer.getInteger("cpcheck.bench.files", 100_000);
    private static final int ROWS_PER_FILE = Integer.getInteger("cpcheck.bench.rowsPerFile", 100);
    private static final int ROUNDS = Integer.getInteger("cpcheck.bench.rounds", 7);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void validationTimeAgainstABareCount() {
        String url = System.getProperty("cpcheck.bench.url");
        ClickHouseSql sql = url == null
                ? TestClickHouse.sql()
                : ClickHouseSql.connect(ClickHouseTarget.of(
                        url,
                        System.getProperty("cpcheck.bench.user"),
                        System.getProperty("cpcheck.bench.password"),
                        "default"));
        String table = TestClickHouse.newTableName("bench");
        DestinationSpec spec = new DestinationSpec("default", table);
        String runId = "bench-run";
        long rows = (long) FILES * ROWS_PER_FILE;
        long half = FILES / 2;
        // the destination's current shape: nothing the pipe cannot fill, landing times from the parts
        sql.execute("CREATE TABLE " + spec.qualified() + " (run_id String, file_id UInt32, row_id UInt32,"
                + " phase LowCardinality(String), event_time DateTime64(3), payload String, source_file String)"
                + " ENGINE = MergeTree ORDER BY (file_id, row_id)");
        long t0 = System.nanoTime();
        // files 1..half land, the pipe pauses for a few seconds while counts are polled, then the rest
        // land; every event is in server time (the benchmark's clock is the server's)
        List<HistoryEvent> events = new ArrayList<>();
        Instant start = sql.serverTime();
        events.add(event(1, start, EventType.RUN_STARTED, Map.of("runId", runId)));
        events.add(event(
                2, start, EventType.CLOCK_OFFSET, Map.of("label", "start", "offsetMs", 0.0, "uncertaintyMs", 1.0)));
        insert(sql, spec, runId, 1, half);
        ClickHouseDestination destination = new ClickHouseDestination(sql, spec, runId);
        waitUntil(sql, sql.serverTime().plusSeconds(2));
        events.add(poll(events.size() + 1, sql.serverTime(), destination));
        events.add(event(events.size() + 1, sql.serverTime(), EventType.PIPE_COMMAND, Map.of("command", "stop")));
        events.add(event(events.size() + 1, sql.serverTime(), EventType.PAUSE_CONFIRMED, Map.of("state", "Stopped")));
        for (int i = 0; i < 6; i++) {
            waitUntil(sql, sql.serverTime().plusMillis(500));
            events.add(poll(events.size() + 1, sql.serverTime(), destination));
        }
        events.add(event(events.size() + 1, sql.serverTime(), EventType.PIPE_COMMAND, Map.of("command", "start")));
        waitUntil(sql, sql.serverTime().plusSeconds(2));
        insert(sql, spec, runId, half + 1, FILES);
        events.add(poll(events.size() + 1, sql.serverTime(), destination));
        events.add(event(events.size() + 1, sql.serverTime(), EventType.NOTE, Map.of("message", "end")));
        System.out.printf(
                Locale.ROOT,
                "generated %,d rows in %,d files in %.1f s (%d parts)%n",
                rows,
                FILES,
                (System.nanoTime() - t0) / 1e9,
                sql.queryLong(
                        "SELECT count() FROM system.parts WHERE active AND database = 'default' AND table = {t:String}",
                        Map.of("t", table)));

        long d0 = System.nanoTime();
        List<ManifestFile> files = new ArrayList<>(FILES);
        for (int f = 1; f <= FILES; f++) {
            String name = String.format("f%07d.json", f);
            String phase = f <= half ? "initial" : "resumed";
            files.add(new ManifestFile(
                            "bench/" + runId + "/" + name,
                            name,
                            f,
                            phase,
                            ROWS_PER_FILE,
                            1000,
                            "etag",
                            null,
                            start,
                            start,
                            UploadOutcome.OK,
                            null,
                            Expectation.INGEST)
                    .withContent(fileDigest(f, phase, name), null, null));
        }
        System.out.printf(Locale.ROOT, "manifest digests computed in Java in %.1f s%n", (System.nanoTime() - d0) / 1e9);
        Manifest manifest =
                new Manifest(runId, "s3", "bucket", "bench/" + runId + "/", "JSONEachRow", "none", start, files);
        ValidationRequest request =
                new ValidationRequest(runId, spec, manifest, new RunHistory(events), DeliveryGuarantee.EXACTLY_ONCE);
        ValidationEngine engine =
                ValidationEngine.builder().sql(sql).discoverChecks(false).build();
        String bare = "SELECT count() AS rows, uniqExact(source_file) AS files FROM " + spec.qualified();

        ValidationResult result = engine.validate(request); // warm-up, and the answer must be right
        assertThat(result.checks())
                .allSatisfy(c -> assertThat(c.status())
                        .as(c.checkId() + ": " + c.summary())
                        .isEqualTo(CheckStatus.PASS));
        assertThat(result.observed()).containsEntry("rows", rows).containsEntry("files", (long) FILES);
        sql.query(bare);

        long pid = url == null ? TestClickHouse.serverPid() : -1;
        long[] validation = new long[ROUNDS];
        long[] count = new long[ROUNDS];
        long[] snapshot = new long[ROUNDS];
        long[] validationCpu = new long[ROUNDS];
        long[] countCpu = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long ca = cpuMs(pid);
            long a = System.nanoTime();
            sql.query(bare);
            long b = System.nanoTime();
            long cb = cpuMs(pid);
            engine.validate(request);
            long c = System.nanoTime();
            long cc = cpuMs(pid);
            destination.snapshot();
            long d = System.nanoTime();
            count[i] = (b - a) / 1_000_000;
            validation[i] = (c - b) / 1_000_000;
            snapshot[i] = (d - c) / 1_000_000;
            countCpu[i] = cb - ca;
            validationCpu[i] = cc - cb;
        }
        System.out.println(report("bare count + uniqExact(source_file)", count));
        System.out.println(report("destination snapshot (per poll)", snapshot));
        System.out.println(report("full validation (" + engine.checkIds().size() + " checks)", validation));
        System.out.printf(
                Locale.ROOT,
                "ratio validation / bare, wall clock: best %.2fx, median %.2fx (goal <= 2x)%n",
                (double) min(validation) / min(count),
                (double) median(validation) / median(count));
        if (pid > 0) {
            System.out.println(report("server CPU: bare", countCpu));
            System.out.println(report("server CPU: validation", validationCpu));
            System.out.printf(
                    Locale.ROOT,
                    "ratio validation / bare, server CPU: best %.2fx, median %.2fx%n",
                    (double) min(validationCpu) / min(countCpu),
                    (double) median(validationCpu) / median(countCpu));
        }
        sql.execute(RowSchema.dropTableSql(spec.database(), spec.table()));
    }

    /** User + system CPU time of a process in ms (Linux), or 0 where unavailable. */
    private static long cpuMs(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Rows of files {@code from..to}: payload and event time as the benchmark has always made them. */
    private static void insert(ClickHouseSql sql, DestinationSpec spec, String runId, long from, long to) {
        sql.execute(
                "INSERT INTO " + spec.qualified() + " SELECT {run:String}, f, r, if(f <= {half:UInt64}, 'initial',"
                        + " 'resumed'), ts, 'payload-0123456789', concat('f', leftPad(toString(f), 7, '0'), '.json')"
                        + " FROM (SELECT intDiv(number, {rpf:UInt64}) + {from:UInt64} AS f, number % {rpf:UInt64} + 1 AS r,"
                        + " toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(f * 10) AS ts"
                        + " FROM numbers({rows:UInt64}))",
                Map.of(
                        "run",
                        runId,
                        "half",
                        FILES / 2,
                        "rpf",
                        ROWS_PER_FILE,
                        "from",
                        from,
                        "rows",
                        (to - from + 1) * ROWS_PER_FILE));
    }

    /** The digest of a file of the benchmark, as the manifest records it. */
    private static long fileDigest(long f, String phase, String name) {
        long ts = T0.toEpochMilli() + f * 10;
        long sum = 0;
        for (long r = 1; r <= ROWS_PER_FILE; r++) {
            sum += RowDigest.content(f, r, phase, ts, "payload-0123456789", name);
        }
        return sum;
    }

    private static HistoryEvent poll(long seq, Instant t, ClickHouseDestination destination) {
        var s = destination.snapshot();
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("files", s.files());
        data.put("rows", s.rows());
        if (s.lastFile() != null) {
            data.put("lastFile", s.lastFile());
        }
        data.put("purpose", "hold");
        return event(seq, t, EventType.COUNT_POLL, data);
    }

    /** Waits for the server clock to reach {@code t}. */
    private static void waitUntil(ClickHouseSql sql, Instant t) {
        while (sql.serverTime().isBefore(t)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static HistoryEvent event(long seq, Instant t, String type, Map<String, Object> data) {
        return new HistoryEvent(seq, t, 0, type, null, data);
    }

    private static String report(String what, long[] ms) {
        return String.format(
                Locale.ROOT,
                "%-40s best %5d ms, median %5d ms, all %s",
                what,
                min(ms),
                median(ms),
                Arrays.toString(ms));
    }

    private static long min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
