package dev.cpcheck.core.manifest;

import dev.cpcheck.core.runner.RunIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The deterministic values of fixture rows: everything is a pure function of
 * (seed, run id, file id, row id), so the same inputs always give the same rows on any JVM (no
 * {@code Random}, no {@code hashCode} of objects, no clock). Fixture files are written from it, and
 * the checks regenerate from it what a file's rows must hold ({@link #fileDigest},
 * {@link #rowDigest}) when a file's digest in the table differs from the manifest's.
 *
 * <pre>{@code
 * RowGenerator g = new RowGenerator(42L, runId);
 * long t = g.eventTimeMillis(7, 1);          // event_time of file 7, row 1
 * String p = g.payload(7, 1, 64);            // its payload
 * long d = g.fileDigest(7, 3, "initial", 64, "f00000007.json");  // what the manifest records
 * }</pre>
 */
public final class RowGenerator {
    /** 64 ASCII characters that need no escaping in JSON, CSV or TSV. */
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Base of event times when the run id does not carry a time (2026-01-01T00:00:00Z). */
    private static final long DEFAULT_BASE_MILLIS = 1_767_225_600_000L;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long ROW_STEP = 0xC2B2AE3D27D4EB4FL;
    private static final long MIX1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX2 = 0x94D049BB133111EBL;

    private final long seed;
    private final long runHash;
    private final long baseMillis;

    public RowGenerator(long seed, String runId) {
        this.seed = seed;
        this.runHash = fnv1a64(runId.getBytes(StandardCharsets.UTF_8));
        this.baseMillis = baseMillis(runId) + (mix(seed ^ runHash) & 0x3FF);
    }

    /**
     * {@code event_time} in epoch milliseconds: the run's start time (from the run id), plus a
     * seed-dependent shift below one second, plus one second per file and one millisecond per row.
     */
    public long eventTimeMillis(long fileId, long rowId) {
        return baseMillis + (fileId - 1) * 1000L + (rowId - 1);
    }

    /** Fills {@code dst[off, off + length)} with the row's payload characters. */
    public void payload(long fileId, long rowId, byte[] dst, int off, int length) {
        long state = mix(mix(seed ^ runHash) + fileId * GOLDEN) + rowId * ROW_STEP;
        int i = 0;
        while (i < length) {
            state += GOLDEN;
            long bits = mix(state);
            for (int k = 0; k < 10 && i < length; k++, i++) {
                dst[off + i] = ALPHABET[(int) (bits & 63)];
                bits >>>= 6;
            }
        }
    }

    /** The payload as a string. */
    public String payload(long fileId, long rowId, int length) {
        byte[] b = new byte[length];
        payload(fileId, rowId, b, 0, length);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** The key of this generator's payload sequence: with file and row id it determines every payload. */
    public long payloadKey() {
        return mix(seed ^ runHash);
    }

    /** {@code event_time} of file 1, row 1, in epoch milliseconds. */
    public long baseMillis() {
        return baseMillis;
    }

    /**
     * SQL computing in ClickHouse exactly the {@link #rowDigest content digest} this generator's
     * row would land with: the checks use it to name, without leaving ClickHouse, which rows of a
     * file differ from what was written. Arguments are SQL expressions.
     *
     * @param payloadKey {@link #payloadKey()} of the file's generator ({@code UInt64})
     * @param baseMillis {@link #baseMillis()} of the file's generator ({@code Int64})
     * @param fileId     the file id
     * @param rowId      the row id
     * @param phase      the phase ({@code String})
     * @param length     the payload length
     * @param fileName   the file name the rows land with ({@code source_file})
     */
    public static String contentDigestSql(
            String payloadKey,
            String baseMillis,
            String fileId,
            String rowId,
            String phase,
            String length,
            String fileName) {
        // the shape of RowDigest.CONTENT_SQL
        return "cityHash64(cityHash64(" + fileId + ", " + rowId + ", " + eventTimeMillisSql(baseMillis, fileId, rowId)
                + ", " + payloadSql(payloadKey, fileId, rowId, length) + ", " + fileName + "), cityHash64(" + phase
                + "))";
    }

    /** SQL of {@link #eventTimeMillis} ({@code Int64}); arguments are SQL expressions. */
    public static String eventTimeMillisSql(String baseMillis, String fileId, String rowId) {
        return "(toInt64(" + baseMillis + ") + (toInt64(" + fileId + ") - 1) * 1000 + (toInt64(" + rowId + ") - 1))";
    }

    /**
     * SQL of {@link #payload(long, long, int)}: ten characters from each 64-bit word of the
     * sequence, six bits each; arguments are SQL expressions.
     */
    public static String payloadSql(String payloadKey, String fileId, String rowId, String length) {
        String golden = Long.toUnsignedString(GOLDEN);
        String start = "(" + mixSql("(toUInt64(" + payloadKey + ") + toUInt64(" + fileId + ") * " + golden + ")")
                + " + toUInt64(" + rowId + ") * " + Long.toUnsignedString(ROW_STEP) + ")";
        String words = "arrayMap(j -> " + mixSql("(" + start + " + (toUInt64(j) + 1) * " + golden + ")")
                + ", range(intDiv(toUInt64(" + length + ") + 9, 10)))";
        String chars = "arrayMap(w -> arrayMap(k -> substring('" + new String(ALPHABET, StandardCharsets.US_ASCII)
                + "', toUInt32(bitAnd(bitShiftRight(w, 6 * k), 63)) + 1, 1), range(10)), " + words + ")";
        return "substring(arrayStringConcat(arrayFlatten(" + chars + ")), 1, toUInt64(" + length + "))";
    }

    /** SplitMix64's finalizer as SQL over {@code UInt64} (multiplication wraps as in Java). */
    private static String mixSql(String z) {
        String a = "(bitXor(" + z + ", bitShiftRight(" + z + ", 30)) * " + Long.toUnsignedString(MIX1) + ")";
        String b = "(bitXor(" + a + ", bitShiftRight(" + a + ", 27)) * " + Long.toUnsignedString(MIX2) + ")";
        return "bitXor(" + b + ", bitShiftRight(" + b + ", 31))";
    }

    /** The {@link RowDigest content digest} of one row as it lands from file {@code fileName}. */
    public long rowDigest(long fileId, long rowId, String phase, int payloadBytes, String fileName) {
        return RowDigest.content(
                fileId, rowId, phase, eventTimeMillis(fileId, rowId), payload(fileId, rowId, payloadBytes), fileName);
    }

    /**
     * The digest of a whole file (rows {@code 1..rows}) as it lands from {@code fileName}: the sum
     * of its rows' content digests, what {@link ManifestFile#digest()} records.
     */
    public long fileDigest(long fileId, long rows, String phase, int payloadBytes, String fileName) {
        byte[] phaseUtf8 = phase.getBytes(StandardCharsets.UTF_8);
        byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[payloadBytes];
        long sum = 0;
        for (long r = 1; r <= rows; r++) {
            payload(fileId, r, payload, 0, payloadBytes);
            sum += RowDigest.content(fileId, r, phaseUtf8, eventTimeMillis(fileId, r), payload, payloadBytes, name);
        }
        return sum;
    }

    /** Start time of a run id {@code yyyyMMdd-HHmmss-xxxxxx}, or a fixed date for other ids. */
    static long baseMillis(String runId) {
        if (RunIds.isRunId(runId)) {
            try {
                return Instant.from(RUN_TIME.parse(runId.substring(0, 15))).toEpochMilli();
            } catch (RuntimeException e) {
                // matches the pattern but is no real date (e.g. month 13): fall through
            }
        }
        return DEFAULT_BASE_MILLIS;
    }

    /** SplitMix64 finalizer: a bijective, well-mixing function of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    static long fnv1a64(byte[] bytes) {
        long h = 0xCBF29CE484222325L;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
