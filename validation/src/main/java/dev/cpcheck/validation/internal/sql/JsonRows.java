package dev.cpcheck.validation.internal.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectReader ROW = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() { });

    private JsonRows() {
    }

    public static List<SqlRow> read(InputStream in) throws IOException {
        List<SqlRow> rows = new ArrayList<>();
        try (MappingIterator<LinkedHashMap<String, Object>> it = ROW.readValues(in)) {
            while (it.hasNextValue()) {
                if (rows.size() >= MAX_ROWS) {
                    throw new IOException("the result has more than " + MAX_ROWS
                            + " rows; SqlClient is for aggregates and witnesses, add a LIMIT");
                }
                rows.add(new SqlRow(it.nextValue()));
            }
        }
        return rows;
    }
}
