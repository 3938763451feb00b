package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest as a table ClickHouse can join: its rows are sent as external data named
 * {@value #NAME} with each query that uses it (no session, no temporary table, any replica), or
 * inlined as a {@code format()} table function when the SQL client cannot send external data.
 *
 * <p>The rows travel compactly: as {@code RowBinary} (numbers as they are, outcome and
 * expectation as codes, a key left empty when it is the manifest prefix plus the file name), which
 * ClickHouse reads several times faster than text at 100 k files; {@link #relation} restores the
 * documented columns.
 */
public final class ManifestTable {
    /** Name of the external table. */
    public static final String NAME = "cpcheck_manifest";

    /**
     * Name of the lean pass's own external table: the manifest's numbers only (no names, no
     * strings), about half the bytes at 100 k files.
     */
    public static final String LEDGER_NAME = "cpcheck_ledger";

    static final String LEDGER_STRUCTURE = "file_id UInt32, name_rank UInt32, rows UInt64, outcome_code UInt8,"
            + " expectation_code UInt8, up_ms Int64, digest UInt64, has_digest UInt8";

    /** Columns as sent. */
    static final String STRUCTURE = "file_name String, file_id UInt32, phase String, rows UInt64,"
            + " outcome_code UInt8, expectation_code UInt8, uploaded_ms Int64, key_or_empty String, digest UInt64,"
            + " has_digest UInt8, gen UInt8, payload_bytes UInt32, regen UInt8, name_rank UInt32";

    private static final UploadOutcome[] OUTCOMES = UploadOutcome.values();
    private static final Expectation[] EXPECTATIONS = Expectation.values();

    private record Row(
            String fileName,
            long fileId,
            String phase,
            long rows,
            int outcome,
            int expectation,
            long uploadedMs,
            String keyOrEmpty,
            long digest,
            boolean hasDigest,
            int gen,
            int payloadBytes,
            boolean regen,
            int nameRank) {}

    private final List<Row> rows;
    private final String prefix;
    /** Distinct file names in order: rank r is {@code sortedNames.get(r - 1)}. */
    private final List<String> sortedNames;
    /** The generators of the files (payload key, base millis), indexed by each row's {@code gen}. */
    private final List<long[]> generators;

    private ManifestTable(List<Row> rows, String prefix, List<long[]> generators, List<String> sortedNames) {
        this.rows = rows;
        this.prefix = prefix;
        this.generators = generators;
        this.sortedNames = sortedNames;
    }

    /**
     * The manifest's rows. With {@code content}, {@code digest} is each file's recorded content
     * digest and {@code regen} says whether its rows can be regenerated in SQL ({@code gen_key},
     * {@code gen_base}, {@code payload_bytes}); without, {@code digest} is the file's identity
     * digest, computed here from its rows and name.
     */
    public static ManifestTable of(Manifest manifest, boolean content) {
        String prefix = manifest.prefix() == null ? "" : manifest.prefix();
        List<Row> rows = new ArrayList<>(manifest.files().size());
        // the rank of each name in name order: file names order as keys under the run prefix, and
        // the checks compare ranks (numbers) where they would compare names
        List<ManifestFile> files = manifest.files();
        int n = files.size();
        Integer[] order = null; // positions in name order, when files are not listed in it
        for (int i = 1; i < n && order == null; i++) {
            if (files.get(i - 1).fileName().compareTo(files.get(i).fileName()) > 0) {
                // files are listed in write order, which is name order unless below-checkpoint files were written
                order = new Integer[n];
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                }
                java.util.Arrays.sort(
                        order, java.util.Comparator.comparing(j -> files.get(j).fileName()));
            }
        }
        int[] ranks = new int[n];
        List<String> sortedNames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = files.get(order == null ? i : order[i]).fileName();
            if (sortedNames.isEmpty()
                    || !sortedNames.get(sortedNames.size() - 1).equals(name)) {
                sortedNames.add(name);
            }
            ranks[order == null ? i : order[i]] = sortedNames.size();
        }
        // a run has one generator seed, rarely a few: each file refers to its generator by index
        java.util.Map<Long, Integer> seeds = new java.util.LinkedHashMap<>();
        List<long[]> generators = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ManifestFile f = files.get(i);
            Instant uploaded = f.uploadFinishedAt() != null
                    ? f.uploadFinishedAt()
                    : f.uploadStartedAt() != null ? f.uploadStartedAt() : Instant.EPOCH;
            String key = f.key();
            boolean derived = key.length() == prefix.length() + f.fileName().length()
                    && key.startsWith(prefix)
                    && key.endsWith(f.fileName());
            long digest;
            boolean hasDigest;
            if (content) {
                hasDigest = f.digest() != null;
                digest = hasDigest ? RowDigest.parse(f.digest()) : 0;
            } else {
                hasDigest = true;
                digest = RowDigest.fileIdentity(f.fileId(), f.rows(), f.fileName());
            }
            boolean regen = content && f.regenerable() && (seeds.containsKey(f.seed()) || seeds.size() < 250);
            int gen = 0;
            if (regen) {
                gen = seeds.computeIfAbsent(f.seed(), seed -> {
                    RowGenerator g = new RowGenerator(seed, manifest.runId());
                    generators.add(new long[] {g.payloadKey(), g.baseMillis()});
                    return generators.size() - 1;
                });
            }
            rows.add(new Row(
                    f.fileName(),
                    f.fileId(),
                    f.phase() == null ? "" : f.phase(),
                    f.rows(),
                    f.outcome().ordinal(),
                    f.expectation().ordinal(),
                    uploaded.toEpochMilli(),
                    derived ? "" : f.key(),
                    digest,
                    hasDigest,
                    gen,
                    regen ? f.payloadBytes() : 0,
                    regen,
                    ranks[i]));
        }
        return new ManifestTable(rows, prefix, generators, List.copyOf(sortedNames));
    }

    /** The manifest's rows as external data named {@link #NAME} ({@code RowBinary}). */
    public ExternalTable external() {
        int size = 0;
        List<byte[]> names = new ArrayList<>(rows.size());
        List<byte[]> phases = new ArrayList<>(rows.size());
        List<byte[]> keys = new ArrayList<>(rows.size());
        for (Row r : rows) {
            names.add(r.fileName().getBytes(StandardCharsets.UTF_8));
            phases.add(r.phase().getBytes(StandardCharsets.UTF_8));
            keys.add(r.keyOrEmpty().getBytes(StandardCharsets.UTF_8));
            size += 3 * 5
                    + names.get(names.size() - 1).length
                    + phases.get(phases.size() - 1).length
                    + keys.get(keys.size() - 1).length
                    + 4
                    + 8
                    + 1
                    + 1
                    + 8
                    + 8
                    + 1
                    + 1
                    + 4
                    + 1
                    + 4;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            string(out, names.get(i));
            out.putInt((int) r.fileId());
            string(out, phases.get(i));
            out.putLong(r.rows());
            out.put((byte) r.outcome());
            out.put((byte) r.expectation());
            out.putLong(r.uploadedMs());
            string(out, keys.get(i));
            out.putLong(r.digest());
            out.put((byte) (r.hasDigest() ? 1 : 0));
            out.put((byte) r.gen());
            out.putInt(r.payloadBytes());
            out.put((byte) (r.regen() ? 1 : 0));
            out.putInt(r.nameRank());
        }
        return new ExternalTable(NAME, STRUCTURE, "RowBinary", java.util.Arrays.copyOf(out.array(), out.position()));
    }

    /** Distinct file names in name order (rank r is element r - 1). */
    public List<String> sortedNames() {
        return sortedNames;
    }

    private ExternalTable ledgerExternal;

    /** The lean pass's table as external data named {@link #LEDGER_NAME} ({@code RowBinary}), made once. */
    public synchronized ExternalTable ledgerExternal() {
        if (ledgerExternal != null) {
            return ledgerExternal;
        }
        ByteBuffer out = ByteBuffer.allocate(rows.size() * 35).order(ByteOrder.LITTLE_ENDIAN);
        for (Row r : rows) {
            out.putInt((int) r.fileId());
            out.putInt(r.nameRank());
            out.putLong(r.rows());
            out.put((byte) r.outcome());
            out.put((byte) r.expectation());
            out.putLong(r.uploadedMs());
            out.putLong(r.digest());
            out.put((byte) (r.hasDigest() ? 1 : 0));
        }
        ledgerExternal = new ExternalTable(LEDGER_NAME, LEDGER_STRUCTURE, "RowBinary", out.array());
        return ledgerExternal;
    }

    /** The lean pass's table expression: the external table, or its rows inlined. */
    public String ledgerRelation(boolean external) {
        if (external) {
            return LEDGER_NAME;
        }
        StringBuilder sb = new StringBuilder(rows.size() * 48);
        for (Row r : rows) {
            sb.append(r.fileId())
                    .append('\t')
                    .append(r.nameRank())
                    .append('\t')
                    .append(r.rows())
                    .append('\t')
                    .append(r.outcome())
                    .append('\t')
                    .append(r.expectation())
                    .append('\t')
                    .append(r.uploadedMs())
                    .append('\t')
                    .append(Long.toUnsignedString(r.digest()))
                    .append('\t')
                    .append(r.hasDigest() ? 1 : 0)
                    .append('\n');
        }
        return "format(TabSeparated, " + SqlParams.literal(LEDGER_STRUCTURE) + ", " + SqlParams.literal(sb.toString())
                + ")";
    }

    /** The manifest's rows as {@code TabSeparated} text, for inlining into the SQL. */
    String tsv() {
        StringBuilder sb = new StringBuilder(rows.size() * 100);
        for (Row r : rows) {
            sb.append(SqlParams.escapeString(r.fileName()))
                    .append('\t')
                    .append(r.fileId())
                    .append('\t')
                    .append(SqlParams.escapeString(r.phase()))
                    .append('\t')
                    .append(r.rows())
                    .append('\t')
                    .append(r.outcome())
                    .append('\t')
                    .append(r.expectation())
                    .append('\t')
                    .append(r.uploadedMs())
                    .append('\t')
                    .append(SqlParams.escapeString(r.keyOrEmpty()))
                    .append('\t')
                    .append(Long.toUnsignedString(r.digest()))
                    .append('\t')
                    .append(r.hasDigest() ? 1 : 0)
                    .append('\t')
                    .append(r.gen())
                    .append('\t')
                    .append(r.payloadBytes())
                    .append('\t')
                    .append(r.regen() ? 1 : 0)
                    .append('\t')
                    .append(r.nameRank())
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * A table expression with the documented columns ({@code file_name, file_id, phase, rows,
     * outcome, expectation, uploaded_at DateTime64(3, 'UTC'), digest UInt64, has_digest UInt8}) plus
     * {@code file_key}, the object key, and the generator's {@code gen_key, gen_base,
     * payload_bytes, regen} and the codes {@code outcome_code} (ok 0, failed 1, indeterminate 2) and
     * {@code expectation_code} (ingest 0, ignore-below-checkpoint 1, skip-start-after 2, skip-initial-load 3), cheaper to compare at 100 k
     * files, reading from {@code source} (the external table, or the inline rows).
     */
    public String relation(boolean external) {
        String source = external
                ? NAME
                : "format(TabSeparated, " + SqlParams.literal(STRUCTURE) + ", " + SqlParams.literal(tsv()) + ")";
        return "(SELECT file_name, file_id, phase, rows, " + codes("outcome_code", OUTCOMES) + " AS outcome, "
                + codes("expectation_code", EXPECTATIONS) + " AS expectation, outcome_code, expectation_code, digest,"
                + " has_digest, " + generator(0) + " AS gen_key, " + generator(1)
                + " AS gen_base, payload_bytes, regen, name_rank,"
                + " fromUnixTimestamp64Milli(uploaded_ms, 'UTC') AS uploaded_at,"
                + " if(key_or_empty = '', concat(" + SqlParams.literal(prefix)
                + ", file_name), key_or_empty) AS file_key"
                + " FROM " + source + ")";
    }

    /** Rows of the manifest table. */
    public int size() {
        return rows.size();
    }

    /** Field {@code i} of each file's generator, from the few generators inlined as an array. */
    private String generator(int i) {
        if (generators.isEmpty()) {
            return i == 0 ? "toUInt64(0)" : "toInt64(0)";
        }
        List<String> values = new ArrayList<>();
        for (long[] g : generators) {
            values.add(i == 0 ? "toUInt64(" + Long.toUnsignedString(g[0]) + ")" : "toInt64(" + g[1] + ")");
        }
        return "[" + String.join(", ", values) + "][gen + 1]";
    }

    private static String codes(String column, Enum<?>[] values) {
        List<String> ids = new ArrayList<>();
        for (Enum<?> v : values) {
            ids.add(SqlParams.literal(v instanceof UploadOutcome o ? o.id() : ((Expectation) v).id()));
        }
        return "[" + String.join(", ", ids) + "][" + column + " + 1]";
    }

    /** A RowBinary string: its length as LEB128, then its bytes. */
    private static void string(ByteBuffer out, byte[] b) {
        long n = b.length;
        do {
            int x = (int) (n & 0x7f);
            n >>>= 7;
            out.put((byte) (n == 0 ? x : x | 0x80));
        } while (n != 0);
        out.put(b);
    }
}
