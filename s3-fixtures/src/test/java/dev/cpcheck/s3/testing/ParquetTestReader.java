package dev.cpcheck.s3.testing;

import dev.cpcheck.s3.FixtureRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the flat, PLAIN, uncompressed Parquet files of the fixtures with a generic Thrift compact
 * decoder (structs become maps of field id to value), checking the structure as it goes: magic,
 * footer length, schema annotations, offsets, page and chunk sizes, value counts.
 */
public final class ParquetTestReader {

    private ParquetTestReader() {}

    /** The footer ({@code FileMetaData}) as nested maps, for structural assertions. */
    @SuppressWarnings("unchecked")
    public static Map<Integer, Object> footer(byte[] file) {
        check(file.length >= 12, "file too short");
        check(new String(file, 0, 4, StandardCharsets.US_ASCII).equals("PAR1"), "no leading magic");
        check(new String(file, file.length - 4, 4, StandardCharsets.US_ASCII).equals("PAR1"), "no trailing magic");
        int len = ByteBuffer.wrap(file, file.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        Compact c = new Compact(file, file.length - 8 - len);
        Map<Integer, Object> meta = c.struct();
        check(c.pos == file.length - 8, "footer length mismatch");
        return meta;
    }

    @SuppressWarnings("unchecked")
    public static List<FixtureRow> read(byte[] file) {
        Map<Integer, Object> meta = footer(file);
        List<Object> schema = (List<Object>) meta.get(2);
        check(schema.size() == 7, "schema has " + schema.size() + " elements");
        long numRows = (Long) meta.get(3);
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        long rowsSeen = 0;
        for (Object g : (List<Object>) meta.get(4)) {
            Map<Integer, Object> group = (Map<Integer, Object>) g;
            long groupRows = (Long) group.get(3);
            rowsSeen += groupRows;
            for (Object ch : (List<Object>) group.get(1)) {
                Map<Integer, Object> cm = (Map<Integer, Object>) ((Map<Integer, Object>) ch).get(3);
                int type = ((Long) cm.get(1)).intValue();
                String name = new String((byte[]) ((List<Object>) cm.get(3)).get(0), StandardCharsets.UTF_8);
                check(((Long) cm.get(4)) == 0, "codec must be UNCOMPRESSED");
                long numValues = (Long) cm.get(5);
                check(numValues == groupRows, "column " + name + " has " + numValues + " values, group " + groupRows);
                long offset = (Long) cm.get(9);
                long size = (Long) cm.get(7);
                List<Object> values = columns.computeIfAbsent(name, k -> new ArrayList<>());
                int pos = (int) offset;
                long read = 0;
                while (pos < offset + size) {
                    Compact c = new Compact(file, pos);
                    Map<Integer, Object> page = c.struct();
                    check(((Long) page.get(1)) == 0, "not a v1 data page");
                    int pageSize = ((Long) page.get(3)).intValue();
                    check(pageSize == ((Long) page.get(2)).intValue(), "compressed != uncompressed size");
                    Map<Integer, Object> dph = (Map<Integer, Object>) page.get(5);
                    int n = ((Long) dph.get(1)).intValue();
                    check(((Long) dph.get(2)) == 0, "encoding must be PLAIN");
                    ByteBuffer data = ByteBuffer.wrap(file, c.pos, pageSize).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < n; i++) {
                        values.add(
                                switch (type) {
                                    case 1 -> Integer.toUnsignedLong(data.getInt());
                                    case 2 -> data.getLong();
                                    case 6 -> {
                                        int l = data.getInt();
                                        byte[] b = new byte[l];
                                        data.get(b);
                                        yield new String(b, StandardCharsets.UTF_8);
                                    }
                                    default -> throw new AssertionError("unexpected type " + type);
                                });
                    }
                    check(!data.hasRemaining(), "page has trailing bytes");
                    read += n;
                    pos = c.pos + pageSize;
                }
                check(pos == offset + size, "chunk size mismatch for " + name);
                check(read == groupRows, "pages hold " + read + " values, expected " + groupRows);
            }
        }
        check(rowsSeen == numRows, "row groups hold " + rowsSeen + " rows, footer says " + numRows);
        List<FixtureRow> rows = new ArrayList<>();
        for (int i = 0; i < numRows; i++) {
            rows.add(new FixtureRow(
                    (String) columns.get("run_id").get(i),
                    (Long) columns.get("file_id").get(i),
                    (Long) columns.get("row_id").get(i),
                    (String) columns.get("phase").get(i),
                    Instant.ofEpochMilli((Long) columns.get("event_time").get(i)),
                    (String) columns.get("payload").get(i)));
        }
        return rows;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError("bad Parquet: " + message);
        }
    }

    /** Generic Thrift compact protocol decoder. */
    static final class Compact {
        final byte[] b;
        int pos;

        Compact(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        Map<Integer, Object> struct() {
            Map<Integer, Object> fields = new HashMap<>();
            int last = 0;
            while (true) {
                int h = b[pos++] & 0xFF;
                if (h == 0) {
                    return fields;
                }
                int type = h & 0x0F;
                int delta = h >>> 4;
                int id = delta == 0 ? (int) zigzag(varint()) : last + delta;
                last = id;
                Object v = type == 1 ? Boolean.TRUE : type == 2 ? Boolean.FALSE : value(type);
                fields.put(id, v);
            }
        }

        Object value(int type) {
            return switch (type) {
                case 3 -> (long) b[pos++];
                case 4, 5, 6 -> zigzag(varint());
                case 7 -> {
                    long bits = ByteBuffer.wrap(b, pos, 8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getLong();
                    pos += 8;
                    yield Double.longBitsToDouble(bits);
                }
                case 8 -> {
                    int l = (int) varint();
                    byte[] out = new byte[l];
                    System.arraycopy(b, pos, out, 0, l);
                    pos += l;
                    yield out;
                }
                case 9, 10 -> {
                    int h = b[pos++] & 0xFF;
                    int size = h >>> 4;
                    int et = h & 0x0F;
                    if (size == 15) {
                        size = (int) varint();
                    }
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        list.add(et == 1 || et == 2 ? b[pos++] == 1 : value(et));
                    }
                    yield list;
                }
                case 12 -> struct();
                default -> throw new AssertionError("unsupported thrift type " + type);
            };
        }

        long varint() {
            long result = 0;
            int shift = 0;
            while (true) {
                int x = b[pos++] & 0xFF;
                result |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }

        static long zigzag(long n) {
            return (n >>> 1) ^ -(n & 1);
        }
    }
}
