package dev.cpcheck.validation.internal.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cpcheck.core.spi.SqlRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads a {@code JSONEachRow} result into {@link SqlRow}s. Integers become {@link Long} (or
 * {@link java.math.BigInteger} beyond), fractions {@link Double}, arrays and tuples {@link List},
 * maps and named tuples {@link java.util.Map}. Results are meant to be small; more than
 * {@link #MAX_ROWS} rows is an error rather than a way to run out of memory.
 */
public final class JsonRows {
    /** Results are aggregates and witnesses; anything bigger is a mistake in the query. */
    public static final int MAX_ROWS = 100_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectReader ROW = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

    private JsonRows() {}

    public static List<SqlRow> read(InputStream in) throws IOException {
        List<SqlRow> rows = new ArrayList<>();
        try (MappingIterator<LinkedHashMap<String, Object>> it = ROW.readValues(in)) {
            while (it.hasNextValue()) {
                if (rows.size() >= MAX_ROWS) {
                    throw new IOException("the result has more than " + MAX_ROWS
                            + " rows; SqlClient is for aggregates and witnesses, add a LIMIT");
                }
                LinkedHashMap<String, Object> row = it.nextValue();
                row.replaceAll((k, v) -> normalise(v));
                rows.add(new SqlRow(row));
            }
        }
        return rows;
    }

    /** Integers as Long (BigInteger only beyond Long, e.g. large UInt64), recursively. */
    static Object normalise(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(normalise(o));
            }
            return out;
        }
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalise(x)));
            return out;
        }
        return v;
    }
}
