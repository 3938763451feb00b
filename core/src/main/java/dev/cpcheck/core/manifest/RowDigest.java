package dev.cpcheck.core.manifest;

import java.nio.charset.StandardCharsets;

/**
 * The digest of one destination row, defined once and computed identically in Java and in
 * ClickHouse SQL, so the checks can compare what landed with what was written, row by row,
 * without pulling rows out of ClickHouse.
 *
 * <p>A row's <b>content digest</b> is ClickHouse's
 * {@code cityHash64(cityHash64(file_id, row_id, toUnixTimestamp64Milli(event_time), payload,
 * source_file), cityHash64(phase))} ({@link #CONTENT_SQL}): every column of the destination row
 * except {@code run_id} (the checks select by it). {@code phase} is hashed on its own because it is
 * a {@code LowCardinality} column, which ClickHouse hashes once per distinct value that way instead
 * of once per row (measured: the digest costs a tenth of a bare scan less at 10 M rows). Its <b>identity digest</b> is {@code cityHash64(file_id, row_id, source_file)}
 * ({@link #IDENTITY_SQL}), for manifests that record no content. A file's digest is the sum of its
 * rows' digests modulo 2<sup>64</sup> (ClickHouse's {@code sum} of {@code UInt64} wraps the same
 * way): independent of row order and sensitive to duplicates (a row twice adds its digest twice),
 * to loss and to any changed value.
 *
 * <p>How ClickHouse computes it (its {@code FunctionsHashing.h}, checked against ClickHouse 26.7 by
 * {@code RowDigestIT} over strings of 0..300 bytes and over rows): a {@code String} argument is
 * hashed with CityHash64 v1.0.2 (the version ClickHouse bundles, {@code contrib/cityhash102}), an
 * integer argument with {@code intHash64} of its value as 64 bits, and each argument after the
 * first is folded in with CityHash's {@code Hash128to64(previous, next)}.
 *
 * <pre>{@code
 * long d = RowDigest.content(7, 1, "initial", 1767225600000L, "AbC-_", "f00000007.json");
 * String sql = "SELECT sum(" + RowDigest.CONTENT_SQL + ") FROM t WHERE file_id = 7";
 * }</pre>
 */
public final class RowDigest {
    /** Name of this digest definition, recorded in manifests whose files carry digests. */
    public static final String VERSION = "cityhash64-v2";

    /** SQL of a row's content digest, over the destination table's columns. */
    public static final String CONTENT_SQL = "cityHash64(cityHash64(file_id, row_id,"
            + " toUnixTimestamp64Milli(event_time), payload, source_file), cityHash64(phase))";

    /** SQL of a row's identity digest (file, row id and source file only). */
    public static final String IDENTITY_SQL = "cityHash64(file_id, row_id, source_file)";

    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private static final long K3 = 0xc949d7c7509e6557L;
    private static final long K_MUL = 0x9ddfea08eb382d69L;

    private RowDigest() {}

    /** The content digest of a row (see the class comment). */
    public static long content(
            long fileId, long rowId, String phase, long eventTimeMillis, String payload, String sourceFile) {
        long h = intHash64(fileId);
        h = combine(h, intHash64(rowId));
        h = combine(h, intHash64(eventTimeMillis));
        h = combine(h, cityHash64(payload));
        h = combine(h, cityHash64(sourceFile));
        return combine(intHash64(h), intHash64(cityHash64(phase)));
    }

    /** The content digest of a row whose payload is given as ASCII bytes (the generator's form). */
    public static long content(
            long fileId,
            long rowId,
            byte[] phaseUtf8,
            long eventTimeMillis,
            byte[] payload,
            int payloadLength,
            byte[] sourceFileUtf8) {
        long h = intHash64(fileId);
        h = combine(h, intHash64(rowId));
        h = combine(h, intHash64(eventTimeMillis));
        h = combine(h, cityHash64(payload, 0, payloadLength));
        h = combine(h, cityHash64(sourceFileUtf8, 0, sourceFileUtf8.length));
        return combine(intHash64(h), intHash64(cityHash64(phaseUtf8, 0, phaseUtf8.length)));
    }

    /** The identity digest of a row. */
    public static long identity(long fileId, long rowId, String sourceFile) {
        return combine(combine(intHash64(fileId), intHash64(rowId)), cityHash64(sourceFile));
    }

    /**
     * The identity digest of a file with rows {@code 1..rows}: the sum of its rows' identity
     * digests.
     */
    public static long fileIdentity(long fileId, long rows, String sourceFile) {
        long name = cityHash64(sourceFile);
        long id = intHash64(fileId);
        long sum = 0;
        for (long r = 1; r <= rows; r++) {
            sum += combine(combine(id, intHash64(r)), name);
        }
        return sum;
    }

    /** A digest as ClickHouse prints a UInt64 (unsigned decimal). */
    public static String format(long digest) {
        return Long.toUnsignedString(digest);
    }

    /** Parses {@link #format}'s output. */
    public static long parse(String digest) {
        // plain digits, as format writes them, are read here (a manifest holds 100 k of them); anything
        // else (spaces, a sign, too many digits) goes through the JDK, which refuses what is invalid
        int n = digest.length();
        if (n == 0 || n > 20 || (n == 20 && digest.compareTo(MAX_UNSIGNED) > 0)) {
            return Long.parseUnsignedLong(digest.trim());
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int d = digest.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return Long.parseUnsignedLong(digest.trim());
            }
            v = v * 10 + d; // wraps past 2^63 as unsigned arithmetic does; 20 digits are at most 2^64 - 1
        }
        return v;
    }

    private static final String MAX_UNSIGNED = Long.toUnsignedString(-1L);

    /** CityHash64 v1.0.2 of a string's UTF-8 bytes. */
    public static long cityHash64(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return cityHash64(b, 0, b.length);
    }

    /**
     * How ClickHouse hashes an integer argument of a multi-argument hash ({@code IntHash64Impl}):
     * the value, as 64 bits, xor-ed with a constant and mixed with {@code intHash64}.
     */
    public static long intHash64(long x) {
        x ^= 0x4CF2D2BAAE6DA887L;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /** How ClickHouse folds the hash of one more argument into a multi-argument hash. */
    public static long combine(long previous, long next) {
        return hash128to64(previous, next);
    }

    private static long hash128to64(long low, long high) {
        long a = (low ^ high) * K_MUL;
        a ^= a >>> 47;
        long b = (high ^ a) * K_MUL;
        b ^= b >>> 47;
        return b * K_MUL;
    }

    /** CityHash64 v1.0.2 of {@code s[off, off + len)}. */
    public static long cityHash64(byte[] s, int off, int len) {
        if (len <= 32) {
            return len <= 16 ? hashLen0to16(s, off, len) : hashLen17to32(s, off, len);
        } else if (len <= 64) {
            return hashLen33to64(s, off, len);
        }
        long x = fetch64(s, off);
        long y = fetch64(s, off + len - 16) ^ K1;
        long z = fetch64(s, off + len - 56) ^ K0;
        long[] v = weakHashLen32WithSeeds(s, off + len - 64, len, y);
        long[] w = weakHashLen32WithSeeds(s, off + len - 32, len * K1, K0);
        z += shiftMix(v[1]) * K1;
        x = rotate(z + x, 39) * K1;
        y = rotate(y, 33) * K1;
        int pos = off;
        int left = (len - 1) & ~63;
        do {
            x = rotate(x + y + v[0] + fetch64(s, pos + 16), 37) * K1;
            y = rotate(y + v[1] + fetch64(s, pos + 48), 42) * K1;
            x ^= w[1];
            y ^= v[0];
            z = rotate(z ^ w[0], 33);
            v = weakHashLen32WithSeeds(s, pos, v[1] * K1, x + w[0]);
            w = weakHashLen32WithSeeds(s, pos + 32, z + w[1], y);
            long t = z;
            z = x;
            x = t;
            pos += 64;
            left -= 64;
        } while (left != 0);
        return hashLen16(hashLen16(v[0], w[0]) + shiftMix(y) * K1 + z, hashLen16(v[1], w[1]) + x);
    }

    private static long hashLen0to16(byte[] s, int off, int len) {
        if (len > 8) {
            long a = fetch64(s, off);
            long b = fetch64(s, off + len - 8);
            return hashLen16(a, Long.rotateRight(b + len, len)) ^ b;
        }
        if (len >= 4) {
            long a = fetch32(s, off);
            return hashLen16(len + (a << 3), fetch32(s, off + len - 4));
        }
        if (len > 0) {
            int a = s[off] & 0xff;
            int b = s[off + (len >>> 1)] & 0xff;
            int c = s[off + len - 1] & 0xff;
            long y = (a + (b << 8)) & 0xffffffffL;
            long z = (len + (c << 2)) & 0xffffffffL;
            return shiftMix(y * K2 ^ z * K3) * K2;
        }
        return K2;
    }

    private static long hashLen17to32(byte[] s, int off, int len) {
        long a = fetch64(s, off) * K1;
        long b = fetch64(s, off + 8);
        long c = fetch64(s, off + len - 8) * K2;
        long d = fetch64(s, off + len - 16) * K0;
        return hashLen16(rotate(a - b, 43) + rotate(c, 30) + d, a + rotate(b ^ K3, 20) - c + len);
    }

    private static long hashLen33to64(byte[] s, int off, int len) {
        long z = fetch64(s, off + 24);
        long a = fetch64(s, off) + (len + fetch64(s, off + len - 16)) * K0;
        long b = rotate(a + z, 52);
        long c = rotate(a, 37);
        a += fetch64(s, off + 8);
        c += rotate(a, 7);
        a += fetch64(s, off + 16);
        long vf = a + z;
        long vs = b + rotate(a, 31) + c;
        a = fetch64(s, off + 16) + fetch64(s, off + len - 32);
        z = fetch64(s, off + len - 8);
        b = rotate(a + z, 52);
        c = rotate(a, 37);
        a += fetch64(s, off + len - 24);
        c += rotate(a, 7);
        a += fetch64(s, off + len - 16);
        long wf = a + z;
        long ws = b + rotate(a, 31) + c;
        long r = shiftMix((vf + ws) * K2 + (wf + vs) * K0);
        return shiftMix(r * K0 + vs) * K2;
    }

    private static long[] weakHashLen32WithSeeds(byte[] s, int off, long a, long b) {
        long w = fetch64(s, off);
        long x = fetch64(s, off + 8);
        long y = fetch64(s, off + 16);
        long z = fetch64(s, off + 24);
        a += w;
        b = rotate(b + a + z, 21);
        long c = a;
        a += x;
        a += y;
        b += rotate(a, 44);
        return new long[] {a + z, b + c};
    }

    private static long hashLen16(long u, long v) {
        return hash128to64(u, v);
    }

    private static long shiftMix(long v) {
        return v ^ (v >>> 47);
    }

    /** CityHash's Rotate: a right rotation where a shift of 0 leaves the value. */
    private static long rotate(long v, int shift) {
        return shift == 0 ? v : Long.rotateRight(v, shift);
    }

    private static long fetch64(byte[] s, int i) {
        return (s[i] & 0xffL)
                | (s[i + 1] & 0xffL) << 8
                | (s[i + 2] & 0xffL) << 16
                | (s[i + 3] & 0xffL) << 24
                | (s[i + 4] & 0xffL) << 32
                | (s[i + 5] & 0xffL) << 40
                | (s[i + 6] & 0xffL) << 48
                | (s[i + 7] & 0xffL) << 56;
    }

    private static long fetch32(byte[] s, int i) {
        return (s[i] & 0xffL) | (s[i + 1] & 0xffL) << 8 | (s[i + 2] & 0xffL) << 16 | (s[i + 3] & 0xffL) << 24;
    }
}
