package dev.cpcheck.s3.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A small streaming Parquet writer for the fixture schema, without Hadoop or parquet-java.
 *
 * <p>Layout: {@code PAR1}, row groups of column chunks of PLAIN-encoded, uncompressed v1 data
 * pages, then the Thrift compact {@code FileMetaData} footer, its length and {@code PAR1}. All
 * columns are {@code REQUIRED}, so pages hold no definition or repetition levels:
 * <ul>
 *   <li>{@code run_id}, {@code phase}, {@code payload}: BYTE_ARRAY, logical type STRING (UTF8)</li>
 *   <li>{@code file_id}, {@code row_id}: INT32, logical type INTEGER(32, unsigned) (UINT_32)</li>
 *   <li>{@code event_time}: INT64, logical type TIMESTAMP(MILLIS, adjusted to UTC)</li>
 * </ul>
 *
 * <p>Every value of a column has the same encoded size, so page and chunk sizes are known before
 * a value is written and the file is produced column by column in one pass, regenerating the
 * deterministic values instead of buffering rows: memory stays constant for any file size.
 */
final class ParquetEncoder {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final int TARGET_PAGE_BYTES = 1 << 20;
    private static final long TARGET_ROW_GROUP_BYTES = 128L << 20;

    private static final int TYPE_INT32 = 1;
    private static final int TYPE_INT64 = 2;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int REQUIRED = 0;
    private static final int CONVERTED_UTF8 = 0;
    private static final int CONVERTED_TIMESTAMP_MILLIS = 9;
    private static final int CONVERTED_UINT_32 = 13;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int CODEC_UNCOMPRESSED = 0;
    private static final int PAGE_DATA = 0;

    private enum Col {
        RUN_ID("run_id", TYPE_BYTE_ARRAY),
        FILE_ID("file_id", TYPE_INT32),
        ROW_ID("row_id", TYPE_INT32),
        PHASE("phase", TYPE_BYTE_ARRAY),
        EVENT_TIME("event_time", TYPE_INT64),
        PAYLOAD("payload", TYPE_BYTE_ARRAY);

        final String name;
        final int type;

        Col(String name, int type) {
            this.name = name;
            this.type = type;
        }
    }

    private record ChunkMeta(Col col, long numValues, long totalSize, long dataPageOffset) {}

    private record RowGroupMeta(List<ChunkMeta> chunks, long numRows, long totalSize, long fileOffset) {}

    private final FileContent content;
    private final int targetPageBytes;
    private final long targetRowGroupBytes;
    private final byte[] runId;
    private final byte[] phase;
    private final Position out;
    private final byte[] scratch = new byte[64 * 1024];

    private ParquetEncoder(FileContent content, OutputStream out, int targetPageBytes, long targetRowGroupBytes) {
        this.content = content;
        this.targetPageBytes = targetPageBytes;
        this.targetRowGroupBytes = targetRowGroupBytes;
        this.runId = content.runIdUtf8();
        this.phase = content.phaseUtf8();
        this.out = new Position(out);
    }

    static void write(FileContent content, OutputStream out) throws IOException {
        write(content, out, TARGET_PAGE_BYTES, TARGET_ROW_GROUP_BYTES);
    }

    /** With explicit page and row group sizes (tests use small ones to get many of each). */
    static void write(FileContent content, OutputStream out, int targetPageBytes, long targetRowGroupBytes)
            throws IOException {
        new ParquetEncoder(content, out, targetPageBytes, targetRowGroupBytes).write();
    }

    private void write() throws IOException {
        out.write(MAGIC, 0, MAGIC.length);
        long rowBytes = 0;
        for (Col c : Col.values()) {
            rowBytes += valueSize(c);
        }
        long rowsPerGroup = Math.max(1, targetRowGroupBytes / rowBytes);
        List<RowGroupMeta> groups = new ArrayList<>();
        for (long first = 1; first <= content.rows(); first += rowsPerGroup) {
            long n = Math.min(rowsPerGroup, content.rows() - first + 1);
            long groupStart = out.position;
            List<ChunkMeta> chunks = new ArrayList<>();
            for (Col c : Col.values()) {
                chunks.add(writeChunk(c, first, n));
            }
            groups.add(new RowGroupMeta(chunks, n, out.position - groupStart, groupStart));
        }
        byte[] footer = footer(groups);
        out.write(footer, 0, footer.length);
        byte[] len = new byte[4];
        putIntLE(len, 0, footer.length);
        out.write(len, 0, 4);
        out.write(MAGIC, 0, MAGIC.length);
    }

    private int valueSize(Col c) {
        return switch (c) {
            case RUN_ID -> 4 + runId.length;
            case FILE_ID, ROW_ID -> 4;
            case PHASE -> 4 + phase.length;
            case EVENT_TIME -> 8;
            case PAYLOAD -> 4 + content.payloadBytes();
        };
    }

    private ChunkMeta writeChunk(Col c, long firstRow, long rows) throws IOException {
        long start = out.position;
        int size = valueSize(c);
        long rowsPerPage = Math.max(1, Math.min(targetPageBytes / size, Integer.MAX_VALUE / size));
        for (long row = firstRow; row < firstRow + rows; row += rowsPerPage) {
            int n = (int) Math.min(rowsPerPage, firstRow + rows - row);
            int pageBytes = n * size;
            byte[] header = new ThriftCompactWriter()
                    .i32(1, PAGE_DATA)
                    .i32(2, pageBytes)
                    .i32(3, pageBytes)
                    .beginStruct(5)
                    .i32(1, n)
                    .i32(2, ENCODING_PLAIN)
                    .i32(3, ENCODING_RLE)
                    .i32(4, ENCODING_RLE)
                    .endStruct()
                    .toByteArray();
            out.write(header, 0, header.length);
            for (long r = row; r < row + n; r++) {
                writeValue(c, r);
            }
        }
        return new ChunkMeta(c, rows, out.position - start, start);
    }

    private void writeValue(Col c, long rowId) throws IOException {
        byte[] b = scratch;
        switch (c) {
            case RUN_ID -> writeBytes(runId);
            case FILE_ID -> {
                putIntLE(b, 0, (int) content.fileId());
                out.write(b, 0, 4);
            }
            case ROW_ID -> {
                putIntLE(b, 0, (int) rowId);
                out.write(b, 0, 4);
            }
            case PHASE -> writeBytes(phase);
            case EVENT_TIME -> {
                long t = content.values().eventTimeMillis(content.fileId(), rowId);
                putIntLE(b, 0, (int) t);
                putIntLE(b, 4, (int) (t >>> 32));
                out.write(b, 0, 8);
            }
            case PAYLOAD -> writePayload(rowId);
        }
    }

    private void writeBytes(byte[] value) throws IOException {
        putIntLE(scratch, 0, value.length);
        out.write(scratch, 0, 4);
        out.write(value, 0, value.length);
    }

    private void writePayload(long rowId) throws IOException {
        int len = content.payloadBytes();
        putIntLE(scratch, 0, len);
        out.write(scratch, 0, 4);
        if (len <= scratch.length) {
            content.values().payload(content.fileId(), rowId, scratch, 0, len);
            out.write(scratch, 0, len);
        } else {
            byte[] big = new byte[len];
            content.values().payload(content.fileId(), rowId, big, 0, len);
            out.write(big, 0, len);
        }
    }

    private byte[] footer(List<RowGroupMeta> groups) {
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.i32(1, 1); // version
        w.beginList(2, ThriftCompactWriter.STRUCT, Col.values().length + 1);
        w.beginStructValue().string(4, "schema").i32(5, Col.values().length).endStruct();
        for (Col c : Col.values()) {
            w.beginStructValue().i32(1, c.type).i32(3, REQUIRED).string(4, c.name);
            switch (c) {
                case RUN_ID, PHASE, PAYLOAD ->
                    w.i32(6, CONVERTED_UTF8).beginStruct(10).emptyStruct(1).endStruct();
                case FILE_ID, ROW_ID ->
                    w.i32(6, CONVERTED_UINT_32)
                            .beginStruct(10)
                            .beginStruct(10)
                            .i8(1, 32)
                            .bool(2, false)
                            .endStruct()
                            .endStruct();
                case EVENT_TIME ->
                    w.i32(6, CONVERTED_TIMESTAMP_MILLIS)
                            .beginStruct(10)
                            .beginStruct(8)
                            .bool(1, true)
                            .beginStruct(2)
                            .emptyStruct(1)
                            .endStruct()
                            .endStruct()
                            .endStruct();
            }
            w.endStruct();
        }
        w.i64(3, content.rows());
        w.beginList(4, ThriftCompactWriter.STRUCT, groups.size());
        for (RowGroupMeta g : groups) {
            w.beginStructValue();
            w.beginList(1, ThriftCompactWriter.STRUCT, g.chunks().size());
            for (ChunkMeta m : g.chunks()) {
                w.beginStructValue().i64(2, m.dataPageOffset());
                w.beginStruct(3)
                        .i32(1, m.col().type)
                        .beginList(2, ThriftCompactWriter.I32, 2)
                        .i32Element(ENCODING_PLAIN)
                        .i32Element(ENCODING_RLE)
                        .beginList(3, ThriftCompactWriter.BINARY, 1)
                        .stringElement(m.col().name)
                        .i32(4, CODEC_UNCOMPRESSED)
                        .i64(5, m.numValues())
                        .i64(6, m.totalSize())
                        .i64(7, m.totalSize())
                        .i64(9, m.dataPageOffset())
                        .endStruct();
                w.endStruct();
            }
            w.i64(2, g.totalSize()).i64(3, g.numRows()).i64(5, g.fileOffset()).i64(6, g.totalSize());
            w.endStruct();
        }
        w.string(6, "cpcheck s3-fixtures");
        return w.toByteArray();
    }

    private static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Tracks the file offset, which column metadata refers to. */
    private static final class Position {
        private final OutputStream out;
        long position;

        Position(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }
    }
}
