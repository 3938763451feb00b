package dev.cpcheck.s3.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The part of the Thrift compact protocol a Parquet writer needs: structs with i8/i32/i64/bool/
 * binary fields, nested structs, and lists of i32, strings and structs. Parquet's footer and page
 * headers are Thrift structs in this protocol; see the {@code parquet.thrift} of parquet-format.
 */
final class ThriftCompactWriter {
    static final byte BOOL_TRUE = 1;
    static final byte BOOL_FALSE = 2;
    static final byte I8 = 3;
    static final byte I32 = 5;
    static final byte I64 = 6;
    static final byte BINARY = 8;
    static final byte LIST = 9;
    static final byte STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final Deque<Short> lastIds = new ArrayDeque<>();
    private short lastId;

    /**
     * The message: the fields written so far, ended with the STOP of the top-level struct (every
     * message this writer makes is one struct). Call once.
     */
    byte[] toByteArray() {
        if (!lastIds.isEmpty()) {
            throw new IllegalStateException("unclosed struct");
        }
        out.write(0); // STOP of the top-level struct
        return out.toByteArray();
    }

    ThriftCompactWriter i8(int id, int value) {
        fieldHeader(id, I8);
        out.write(value);
        return this;
    }

    ThriftCompactWriter i32(int id, int value) {
        fieldHeader(id, I32);
        varint(zigzag32(value));
        return this;
    }

    ThriftCompactWriter i64(int id, long value) {
        fieldHeader(id, I64);
        varint(zigzag64(value));
        return this;
    }

    ThriftCompactWriter bool(int id, boolean value) {
        fieldHeader(id, value ? BOOL_TRUE : BOOL_FALSE);
        return this;
    }

    ThriftCompactWriter string(int id, String value) {
        fieldHeader(id, BINARY);
        binary(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Starts a struct-typed field; end it with {@link #endStruct()}. */
    ThriftCompactWriter beginStruct(int id) {
        fieldHeader(id, STRUCT);
        return beginStructValue();
    }

    /** Starts a struct that is a list element (no field header). */
    ThriftCompactWriter beginStructValue() {
        lastIds.push(lastId);
        lastId = 0;
        return this;
    }

    ThriftCompactWriter endStruct() {
        out.write(0); // STOP
        lastId = lastIds.pop();
        return this;
    }

    /** An empty struct field, e.g. Parquet's {@code StringType} inside a {@code LogicalType}. */
    ThriftCompactWriter emptyStruct(int id) {
        return beginStruct(id).endStruct();
    }

    /** Starts a list field; write exactly {@code size} elements of {@code elementType}. */
    ThriftCompactWriter beginList(int id, byte elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write((size << 4) | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    ThriftCompactWriter i32Element(int value) {
        varint(zigzag32(value));
        return this;
    }

    ThriftCompactWriter stringElement(String value) {
        binary(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private void fieldHeader(int id, byte type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            varint(zigzag32(id));
        }
        lastId = (short) id;
    }

    private void binary(byte[] bytes) {
        varint(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag32(int n) {
        return ((n << 1) ^ (n >> 31)) & 0xFFFFFFFFL;
    }

    private static long zigzag64(long n) {
        return (n << 1) ^ (n >> 63);
    }
}
