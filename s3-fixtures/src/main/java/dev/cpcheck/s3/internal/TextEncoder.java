package dev.cpcheck.s3.internal;

import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.schema.Column;
import dev.cpcheck.core.schema.RowSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes fixture rows as JSONEachRow, CSVWithNames or TabSeparatedWithNames, the way ClickHouse
 * itself writes these formats: numbers bare, {@code event_time} as {@code yyyy-MM-dd HH:mm:ss.SSS}
 * in UTC, strings escaped for the format ({@code run_id} and {@code phase} are caller-given and may
 * need it; payload characters never do). Lines end with {@code \n}.
 */
final class TextEncoder {
    private static final byte[] JSON_RUN_ID = ascii("{\"" + RowSchema.RUN_ID + "\":");
    private static final byte[] JSON_FILE_ID = ascii(",\"" + RowSchema.FILE_ID + "\":");
    private static final byte[] JSON_ROW_ID = ascii(",\"" + RowSchema.ROW_ID + "\":");
    private static final byte[] JSON_PHASE = ascii(",\"" + RowSchema.PHASE + "\":");
    private static final byte[] JSON_EVENT_TIME = ascii(",\"" + RowSchema.EVENT_TIME + "\":\"");
    private static final byte[] JSON_PAYLOAD = ascii("\",\"" + RowSchema.PAYLOAD + "\":\"");
    private static final byte[] JSON_END = ascii("\"}\n");

    private final FileFormat format;
    private final FileContent content;
    private final byte[] runIdField;
    private final byte[] phaseField;
    private final byte[] row;

    private TextEncoder(FileFormat format, FileContent content) {
        this.format = format;
        this.content = content;
        this.runIdField = escape(content.runId());
        this.phaseField = escape(content.phase());
        // generous upper bound: fixed text + two escaped strings + two numbers + timestamp + payload
        this.row = new byte[256 + runIdField.length + phaseField.length + content.payloadBytes()];
    }

    static void write(FileFormat format, FileContent content, OutputStream out) throws IOException {
        new TextEncoder(format, content).write(out);
    }

    private void write(OutputStream out) throws IOException {
        byte[] header = header(format);
        out.write(header, 0, header.length);
        for (long rowId = 1; rowId <= content.rows(); rowId++) {
            int len = switch (format) {
                case JSON_EACH_ROW -> jsonRow(rowId);
                case CSV_WITH_NAMES -> delimitedRow(rowId, (byte) ',', true);
                case TSV_WITH_NAMES -> delimitedRow(rowId, (byte) '\t', false);
                case PARQUET -> throw new IllegalStateException("Parquet is not a text format");
            };
            out.write(row, 0, len);
        }
    }

    static byte[] header(FileFormat format) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case JSON_EACH_ROW -> {
                return new byte[0];
            }
            case CSV_WITH_NAMES -> {
                for (Column c : RowSchema.FILE_COLUMNS) {
                    sb.append(sb.length() == 0 ? "" : ",")
                            .append('"')
                            .append(c.name())
                            .append('"');
                }
            }
            case TSV_WITH_NAMES -> {
                for (Column c : RowSchema.FILE_COLUMNS) {
                    sb.append(sb.length() == 0 ? "" : "\t").append(c.name());
                }
            }
            case PARQUET -> throw new IllegalStateException("Parquet is not a text format");
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private int jsonRow(long rowId) {
        int p = 0;
        p = copy(JSON_RUN_ID, p);
        p = copy(runIdField, p);
        p = copy(JSON_FILE_ID, p);
        p = number(content.fileId(), p);
        p = copy(JSON_ROW_ID, p);
        p = number(rowId, p);
        p = copy(JSON_PHASE, p);
        p = copy(phaseField, p);
        p = copy(JSON_EVENT_TIME, p);
        p += formatTimestamp(content.values().eventTimeMillis(content.fileId(), rowId), row, p);
        p = copy(JSON_PAYLOAD, p);
        p = payload(rowId, p);
        p = copy(JSON_END, p);
        return p;
    }

    private int delimitedRow(long rowId, byte sep, boolean quote) {
        int p = copy(runIdField, 0);
        row[p++] = sep;
        p = number(content.fileId(), p);
        row[p++] = sep;
        p = number(rowId, p);
        row[p++] = sep;
        p = copy(phaseField, p);
        row[p++] = sep;
        if (quote) {
            row[p++] = '"';
        }
        p += formatTimestamp(content.values().eventTimeMillis(content.fileId(), rowId), row, p);
        if (quote) {
            row[p++] = '"';
        }
        row[p++] = sep;
        if (quote) {
            row[p++] = '"';
        }
        p = payload(rowId, p);
        if (quote) {
            row[p++] = '"';
        }
        row[p++] = '\n';
        return p;
    }

    private int payload(long rowId, int p) {
        content.values().payload(content.fileId(), rowId, row, p, content.payloadBytes());
        return p + content.payloadBytes();
    }

    /** Writes {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC) into {@code dst} at {@code off}; 23 bytes. */
    static int formatTimestamp(long epochMillis, byte[] dst, int off) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int p = off;
        p = digits(t.getYear(), 4, dst, p);
        dst[p++] = '-';
        p = digits(t.getMonthValue(), 2, dst, p);
        dst[p++] = '-';
        p = digits(t.getDayOfMonth(), 2, dst, p);
        dst[p++] = ' ';
        p = digits(t.getHour(), 2, dst, p);
        dst[p++] = ':';
        p = digits(t.getMinute(), 2, dst, p);
        dst[p++] = ':';
        p = digits(t.getSecond(), 2, dst, p);
        dst[p++] = '.';
        p = digits(millis, 3, dst, p);
        return p - off;
    }

    private static int digits(int value, int width, byte[] dst, int off) {
        for (int i = width - 1; i >= 0; i--) {
            dst[off + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return off + width;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private int copy(byte[] b, int p) {
        System.arraycopy(b, 0, row, p, b.length);
        return p + b.length;
    }

    /** Writes a non-negative number in decimal. */
    private int number(long v, int p) {
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        for (int i = p + digits - 1; i >= p; i--) {
            row[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + digits;
    }

    /** A string value as it appears in the format, quotes included for JSON and CSV. */
    private byte[] escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        switch (format) {
            case JSON_EACH_ROW -> {
                sb.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '"' -> sb.append("\\\"");
                        case '\\' -> sb.append("\\\\");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\t' -> sb.append("\\t");
                        case '\b' -> sb.append("\\b");
                        case '\f' -> sb.append("\\f");
                        default -> {
                            if (ch < 0x20) {
                                sb.append(String.format("\\u%04x", (int) ch));
                            } else {
                                sb.append(ch);
                            }
                        }
                    }
                }
                sb.append('"');
            }
            case CSV_WITH_NAMES ->
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            case TSV_WITH_NAMES -> {
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '\\' -> sb.append("\\\\");
                        case '\t' -> sb.append("\\t");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\b' -> sb.append("\\b");
                        case '\f' -> sb.append("\\f");
                        case '\0' -> sb.append("\\0");
                        default -> sb.append(ch);
                    }
                }
            }
            case PARQUET -> throw new IllegalStateException("Parquet is not a text format");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
