package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.core.spi.TimestampSource;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the rows of a table landed, as SQL the checks can use: every row belongs to a <i>landing
 * unit</i> ({@link #keySql()}) and each unit landed within an interval {@code [lo, hi]} of server
 * epoch milliseconds ({@link #loSql}, {@link #hiSql}). The interval is a point where the evidence is
 * exact and wider where it is not; an unknown bound is {@code 0} (lo) or {@link #UNKNOWN_HI} (hi).
 *
 * <ul>
 *   <li>{@link TimestampSource#INGESTED_AT_COLUMN} (tables of earlier versions): the unit is the
 *       row's {@code ingested_at}, a point.</li>
 *   <li>{@link TimestampSource#PART_LOG} and {@link TimestampSource#PART_MODIFICATION_TIME}: the unit
 *       is the part holding the row, identified by {@code _block_number} (a part's first block
 *       number; ClickHouse gives every row of a part that number unless the table persists block
 *       numbers). A part that was inserted, attached or moved into the table landed at its
 *       {@code NewPart} event (part log, microseconds) or at its creation time (unmerged parts in
 *       {@code system.parts}, seconds). A merged part's rows landed between the times of the parts
 *       it was merged from, when those are all known (their rows add up), else at the latest at the
 *       merge. The mapping from unit to interval travels as external data {@value #TABLE}.</li>
 * </ul>
 *
 * <p>Facts relied on: ClickHouse docs, "system.part_log" (created only when the server's
 * {@code part_log} setting is given; held per node in ClickHouse Cloud, read across replicas with
 * {@code clusterAllReplicas}); attaching or moving a partition into a table logs a {@code NewPart}
 * per part with new block numbers (checked on ClickHouse 26.7); chdb (embedded) has no part log
 * unless started with a config that enables it.
 */
public final class Landing {
    private static final Logger LOG = LoggerFactory.getLogger(Landing.class);

    /** Name of the external table mapping a unit to its interval. */
    public static final String TABLE = "cpcheck_landing";

    /** The upper bound of an interval whose end is unknown. */
    public static final long UNKNOWN_HI = Long.MAX_VALUE;

    private static final String STRUCTURE = "k UInt64, lo Int64, hi Int64";

    private final TimestampSource source;
    private final String description;
    private final ExternalTable mapping;
    private final int units;
    private final int exactUnits;
    private final long coarseRows;
    /** Interval {lo, hi} of each unit whose landing is known (the mapping's rows); null for per-row times. */
    private final Map<Long, long[]> intervals;

    private String mappingSql;

    private Landing(
            TimestampSource source,
            String description,
            ExternalTable mapping,
            Map<Long, long[]> intervals,
            int units,
            int exactUnits,
            long coarseRows) {
        this.source = source;
        this.description = description;
        this.mapping = mapping;
        this.intervals = intervals;
        this.units = units;
        this.exactUnits = exactUnits;
        this.coarseRows = coarseRows;
        this.mappingSql = mapping == null ? null : mappingFrom(TABLE);
    }

    private static String mappingFrom(String from) {
        return "(SELECT (groupArray(k), groupArray(lo), groupArray(hi)) FROM " + from + ")";
    }

    /**
     * Inlines the mapping into the SQL (a {@code format()} table function) instead of naming the
     * external table: for SQL clients that cannot send external data.
     */
    Landing inline() {
        if (mapping != null) {
            mappingSql = mappingFrom("format(TabSeparated, " + SqlParams.literal(STRUCTURE) + ", "
                    + SqlParams.literal(new String(mapping.data(), java.nio.charset.StandardCharsets.UTF_8)) + ")");
        }
        return this;
    }

    /**
     * The landing evidence of a table: the given source, or the strongest one available ({@code
     * ingested_at} when the table has it, else the part log when it has events of the table, else
     * part times).
     *
     * @param since parts and log events older than this day are not read (the run's start)
     */
    public static Landing of(
            SqlClient sql,
            String database,
            String table,
            TimestampSource wanted,
            boolean hasIngestedAt,
            Instant since) {
        TimestampSource source = wanted;
        if (source == null && hasIngestedAt) {
            source = TimestampSource.INGESTED_AT_COLUMN;
        }
        if (source == TimestampSource.INGESTED_AT_COLUMN) {
            return new Landing(
                    source, "the ingested_at column (per row, milliseconds; filled at insert)", null, null, 0, 0, 0);
        }
        // one query reads the parts and whether a part log exists (locally, or on the replicas)
        Parts parts = readParts(sql, database, table, source != TimestampSource.PART_MODIFICATION_TIME);
        List<Known> partLog = parts.localLog() || parts.clusterLog()
                ? readPartLog(sql, database, table, since, parts.localLog(), parts.clusterLog())
                : List.of();
        if (source == null) {
            source = partLog.isEmpty() ? TimestampSource.PART_MODIFICATION_TIME : TimestampSource.PART_LOG;
        }
        return fromParts(source, parts.parts(), partLog);
    }

    /** Where landing times come from. */
    public TimestampSource source() {
        return source;
    }

    /** One line naming the evidence and its resolution, for reports. */
    public String description() {
        return description;
    }

    /** The external table the SQL of this evidence needs, or null. */
    public ExternalTable mapping() {
        return mapping;
    }

    /** SQL of a row's landing unit (a {@code UInt64} or {@code Int64}). */
    public String keySql() {
        return source == TimestampSource.INGESTED_AT_COLUMN
                ? "toUnixTimestamp64Milli(" + RowSchema.quote(RowSchema.INGESTED_AT) + ")"
                : "_block_number";
    }

    /** SQL of the earliest landing (epoch ms, {@code Int64}) of unit {@code key}; 0 when unknown. */
    public String loSql(String key) {
        return source == TimestampSource.INGESTED_AT_COLUMN
                ? "toInt64(" + key + ")"
                : "transform(toUInt64(" + key + "), " + mappingSql + ".1, " + mappingSql + ".2, toInt64(0))";
    }

    /** SQL of the latest landing (epoch ms, {@code Int64}) of unit {@code key}; {@link #UNKNOWN_HI} when unknown. */
    public String hiSql(String key) {
        return source == TimestampSource.INGESTED_AT_COLUMN
                ? "toInt64(" + key + ")"
                : "transform(toUInt64(" + key + "), " + mappingSql + ".1, " + mappingSql + ".3, toInt64(" + UNKNOWN_HI
                        + "))";
    }

    /**
     * SQL of one time to chart a unit at (epoch ms): the point when exact, the middle of a known
     * interval, the upper bound when only that is known, else 0.
     */
    public static String chartTimeSql(String lo, String hi) {
        return "if(" + lo + " > 0 AND " + hi + " < " + UNKNOWN_HI + ", intDiv(" + lo + " + " + hi + ", 2), if(" + hi
                + " < " + UNKNOWN_HI + ", " + hi + ", 0))";
    }

    /** The earliest landing (epoch ms) of unit {@code key}, as {@link #loSql} computes it; 0 when unknown. */
    public long lo(long key) {
        if (intervals == null) {
            return key;
        }
        long[] v = intervals.get(key);
        return v == null ? 0 : v[0];
    }

    /** The latest landing (epoch ms) of unit {@code key}, as {@link #hiSql}; {@link #UNKNOWN_HI} when unknown. */
    public long hi(long key) {
        if (intervals == null) {
            return key;
        }
        long[] v = intervals.get(key);
        return v == null ? UNKNOWN_HI : v[1];
    }

    /** {@link #chartTimeSql} in Java. */
    public static long chartTime(long lo, long hi) {
        if (lo > 0 && hi < UNKNOWN_HI) {
            return (lo + hi) / 2;
        }
        return hi < UNKNOWN_HI ? hi : 0;
    }

    /** The row-level landing time ({@code DateTime64(3)}) for checks that want one per row. */
    public String rowTimeSql() {
        String k = keySql();
        return "fromUnixTimestamp64Milli(" + chartTimeSql(loSql(k), hiSql(k)) + ", 'UTC')";
    }

    /** Units (parts) whose interval is known; for reports. */
    public int units() {
        return units;
    }

    /**
     * Rows of parts whose landing is known only to a second or more (merged parts: between their
     * sources' times; parts of unknown blocks: at the latest when written); 0 for per-row times.
     */
    public long coarseRows() {
        return coarseRows;
    }

    /** Units whose interval is a point or within the source's resolution. */
    public int exactUnits() {
        return exactUnits;
    }

    /** A part of the table as {@code system.parts} lists it. */
    record Part(String partition, long min, long max, long level, boolean mutated, long rows, long modifiedSec) {}

    /** A block range whose landing is known. */
    record Known(String partition, long min, long max, long rows, long lo, long hi) {}

    static Landing fromParts(TimestampSource source, List<Part> parts, List<Known> partLog) {
        Map<String, TreeMap<Long, Known>> known = new HashMap<>();
        for (Known k : partLog) {
            known.computeIfAbsent(k.partition(), p -> new TreeMap<>()).put(k.min(), k);
        }
        for (Part p : parts) {
            // an unmerged, unmutated part was created when its rows arrived; seconds only
            if (p.level() == 0 && !p.mutated()) {
                known.computeIfAbsent(p.partition(), x -> new TreeMap<>())
                        .putIfAbsent(
                                p.min(),
                                new Known(
                                        p.partition(),
                                        p.min(),
                                        p.max(),
                                        p.rows(),
                                        p.modifiedSec() * 1000,
                                        p.modifiedSec() * 1000 + 999));
            }
        }
        Map<Long, long[]> byKey = new TreeMap<>();
        int exact = 0;
        long coarse = 0;
        for (Part p : parts) {
            TreeMap<Long, Known> ranges = known.getOrDefault(p.partition(), new TreeMap<>());
            long lo = Long.MAX_VALUE;
            long hi = 0;
            long rows = 0;
            for (Known k : ranges.subMap(p.min(), true, p.max(), true).values()) {
                if (k.max() <= p.max()) {
                    lo = Math.min(lo, k.lo());
                    hi = Math.max(hi, k.hi());
                    rows += k.rows();
                }
            }
            long[] interval;
            if (rows > 0 && rows >= p.rows()) {
                interval = new long[] {lo, hi};
                if (hi - lo < 1000) {
                    exact++;
                } else {
                    coarse += p.rows();
                }
            } else {
                // rows from blocks whose landing is unknown: at the latest when the part was written
                interval = new long[] {0, Math.max(hi, p.modifiedSec() * 1000 + 999)};
                coarse += p.rows();
            }
            // parts of several partitions, or a part and the one merged from it, may share a first block
            byKey.merge(p.min(), interval, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        StringBuilder tsv = new StringBuilder();
        byKey.forEach((k, v) -> tsv.append(Long.toUnsignedString(k))
                .append('\t')
                .append(v[0])
                .append('\t')
                .append(v[1])
                .append('\n'));
        // transform() needs at least one entry
        tsv.append(Long.toUnsignedString(-1L))
                .append("\t0\t")
                .append(UNKNOWN_HI)
                .append('\n');
        String what = source == TimestampSource.PART_LOG
                ? "the part log (when each part was inserted, attached or moved into the table; microseconds)"
                : "part creation times in system.parts (seconds; merged parts between their sources' times)";
        return new Landing(
                source,
                what,
                ExternalTable.tabSeparated(TABLE, STRUCTURE, tsv.toString()),
                new HashMap<>(byKey),
                parts.size(),
                exact,
                coarse);
    }

    /** The table's parts, and whether a part log exists on this server and on a cluster of replicas. */
    private record Parts(List<Part> parts, boolean localLog, boolean clusterLog) {}

    private static final String PARTS_SQL = "SELECT name, partition_id, min_block_number AS mn,"
            + " max_block_number AS mx, level, rows, toUnixTimestamp(modification_time) AS mt%s FROM system.parts"
            + " WHERE database = {db:String} AND table = {t:String}";

    private static final String LOG_PROBE = ", (SELECT count() FROM system.tables WHERE database = 'system' AND"
            + " name = 'part_log') AS local_log, (SELECT count() FROM system.clusters WHERE cluster = 'default')"
            + " AS cluster_log";

    private static Parts readParts(SqlClient sql, String database, String table, boolean probeLog) {
        Map<String, Object> params = Map.of("db", database, "t", table);
        List<SqlRow> rows = null;
        if (probeLog) {
            try {
                rows = sql.query(PARTS_SQL.formatted(LOG_PROBE), params);
            } catch (RuntimeException e) {
                // a server that will not say whether it has a part log is read without one
                LOG.debug("cannot tell whether the part log exists: {}", e.getMessage());
            }
        }
        boolean withProbe = rows != null;
        if (rows == null) {
            rows = sql.query(PARTS_SQL.formatted(""), params);
        }
        List<Part> parts = new ArrayList<>();
        boolean localLog = false;
        boolean clusterLog = false;
        for (SqlRow r : rows) {
            String name = r.getString("name");
            String partition = r.getString("partition_id");
            // <partition>_<min>_<max>_<level>[_<mutation>]
            String rest = name.startsWith(partition + "_") ? name.substring(partition.length() + 1) : name;
            boolean mutated = rest.split("_").length > 3;
            parts.add(new Part(
                    partition,
                    r.getLong("mn"),
                    r.getLong("mx"),
                    r.getLong("level"),
                    mutated,
                    r.getLong("rows"),
                    r.getLong("mt")));
            if (withProbe) {
                localLog = r.getLong("local_log") > 0;
                clusterLog = r.getLong("cluster_log") > 0;
            }
        }
        // without parts, no row of the table has a landing to look up
        return new Parts(parts, localLog, clusterLog);
    }

    private static List<Known> readPartLog(
            SqlClient sql, String database, String table, Instant since, boolean local, boolean cluster) {
        LocalDate day = (since == null ? Instant.EPOCH : since)
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .minusDays(1);
        String where = " WHERE database = {db:String} AND table = {t:String} AND event_type = 'NewPart'"
                + " AND event_date >= {d:Date}";
        String columns =
                "SELECT part_name, partition_id, rows, toUnixTimestamp64Milli(event_time_microseconds) AS t FROM ";
        Map<String, Object> params = Map.of("db", database, "t", table, "d", day.toString());
        try {
            // the log is written every few seconds: ask for what is buffered (allowed or not, go on)
            sql.execute("SYSTEM FLUSH LOGS");
        } catch (RuntimeException e) {
            LOG.debug("SYSTEM FLUSH LOGS refused: {}", e.getMessage());
        }
        // each ClickHouse Cloud replica keeps its own log; a single server has one
        List<String> sources = new ArrayList<>();
        if (cluster) {
            sources.add("clusterAllReplicas('default', system.part_log)");
        }
        if (local) {
            sources.add("system.part_log");
        }
        for (String from : sources) {
            try {
                List<Known> out = new ArrayList<>();
                for (SqlRow r : sql.query(columns + from + where, params)) {
                    String partition = r.getString("partition_id");
                    String name = r.getString("part_name");
                    String[] f = (name.startsWith(partition + "_") ? name.substring(partition.length() + 1) : name)
                            .split("_");
                    long t = r.getLong("t");
                    out.add(new Known(partition, Long.parseLong(f[0]), Long.parseLong(f[1]), r.getLong("rows"), t, t));
                }
                return out;
            } catch (RuntimeException e) {
                LOG.debug("part log not readable from {}: {}", from, e.getMessage());
            }
        }
        return List.of();
    }

    @Override
    public String toString() {
        return source + ": " + description + (units == 0 ? "" : " (" + exactUnits + " of " + units + " parts exact)");
    }
}
