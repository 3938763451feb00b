package dev.cpcheck.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of a (small) SQL result, by column name. */
public record SqlRow(Map<String, Object> values) {
    public SqlRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object get(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in result; columns: " + values.keySet());
        }
        return values.get(column);
    }

    public String getString(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    public long getLong(String column) {
        Object v = get(column);
        if (v instanceof Number n) {
            return n.longValue();
        }
        return v == null ? 0 : Long.parseLong(v.toString());
    }

    public double getDouble(String column) {
        Object v = get(column);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v == null ? 0 : Double.parseDouble(v.toString());
    }
}
