package dev.cpcheck.s3.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.schema.Column;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.s3.FixtureRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Parses fixture files back into rows, written independently of the writers: a reader that only
 * mirrors the writer would prove nothing. JSON goes through Jackson, Parquet through
 * {@link ParquetTestReader}; CSV and TSV parse the formats' quoting and escaping rules.
 */
public final class FixtureReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private FixtureReader() {}

    public static List<FixtureRow> read(byte[] stored, FileFormat format, Compression compression) {
        byte[] raw = decompress(stored, compression);
        return switch (format) {
            case JSON_EACH_ROW -> json(raw);
            case CSV_WITH_NAMES -> delimited(raw, ',');
            case TSV_WITH_NAMES -> delimited(raw, '\t');
            case PARQUET -> ParquetTestReader.read(raw);
        };
    }

    public static byte[] decompress(byte[] stored, Compression compression) {
        try {
            return switch (compression) {
                case NONE -> stored;
                case GZIP -> readAll(new GZIPInputStream(new ByteArrayInputStream(stored)));
                case ZSTD -> readAll(new ZstdInputStream(new ByteArrayInputStream(stored)));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static List<FixtureRow> json(byte[] raw) {
        List<FixtureRow> rows = new ArrayList<>();
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("JSONEachRow file does not end with a newline");
        }
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                List<String> names = new ArrayList<>();
                n.fieldNames().forEachRemaining(names::add);
                if (!names.equals(
                        RowSchema.FILE_COLUMNS.stream().map(Column::name).toList())) {
                    throw new AssertionError("unexpected JSON fields " + names);
                }
                if (!n.get(RowSchema.FILE_ID).isIntegralNumber()
                        || !n.get(RowSchema.ROW_ID).isIntegralNumber()) {
                    throw new AssertionError("ids must be JSON numbers: " + line);
                }
                rows.add(new FixtureRow(
                        n.get(RowSchema.RUN_ID).textValue(),
                        n.get(RowSchema.FILE_ID).longValue(),
                        n.get(RowSchema.ROW_ID).longValue(),
                        n.get(RowSchema.PHASE).textValue(),
                        LocalDateTime.parse(n.get(RowSchema.EVENT_TIME).textValue(), TS)
                                .toInstant(ZoneOffset.UTC),
                        n.get(RowSchema.PAYLOAD).textValue()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }

    private static List<FixtureRow> delimited(byte[] raw, char sep) {
        String text = new String(raw, StandardCharsets.UTF_8);
        List<List<String>> records = sep == ',' ? csvRecords(text) : tsvRecords(text);
        List<String> header = records.get(0);
        if (!header.equals(RowSchema.FILE_COLUMNS.stream().map(Column::name).toList())) {
            throw new AssertionError("unexpected header " + header);
        }
        List<FixtureRow> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != 6) {
                throw new AssertionError("row with " + r.size() + " fields: " + r);
            }
            rows.add(new FixtureRow(
                    r.get(0),
                    Long.parseLong(r.get(1)),
                    Long.parseLong(r.get(2)),
                    r.get(3),
                    LocalDateTime.parse(r.get(4), TS).toInstant(ZoneOffset.UTC),
                    r.get(5)));
        }
        return rows;
    }

    /** RFC 4180: fields optionally in double quotes, quotes doubled inside, newlines allowed inside quotes. */
    static List<List<String>> csvRecords(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !quoted) {
                inQuotes = true;
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                quoted = false;
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            throw new AssertionError("CSV does not end with a newline");
        }
        return records;
    }

    /** ClickHouse TSV: fields separated by tabs, backslash escapes inside fields. */
    static List<List<String>> tsvRecords(String text) {
        List<List<String>> records = new ArrayList<>();
        if (!text.endsWith("\n")) {
            throw new AssertionError("TSV does not end with a newline");
        }
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            List<String> record = new ArrayList<>();
            for (String f : line.split("\t", -1)) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < f.length(); i++) {
                    char c = f.charAt(i);
                    if (c == '\\' && i + 1 < f.length()) {
                        char n = f.charAt(++i);
                        sb.append(
                                switch (n) {
                                    case 't' -> '\t';
                                    case 'n' -> '\n';
                                    case 'r' -> '\r';
                                    case 'b' -> '\b';
                                    case 'f' -> '\f';
                                    case '0' -> '\0';
                                    default -> n;
                                });
                    } else {
                        sb.append(c);
                    }
                }
                record.add(sb.toString());
            }
            records.add(record);
        }
        return records;
    }
}
