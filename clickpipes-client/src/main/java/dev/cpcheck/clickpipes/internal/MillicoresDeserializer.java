package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a CPU amount in millicores. The spec says integer, but responses have been seen with
 * Kubernetes quantities: {@code "250m"} (millicores) or {@code "0.5"} / {@code "1"} (cores). JSON
 * numbers are millicores as the spec says; strings follow Kubernetes notation. A value that cannot
 * be read becomes {@code null} rather than failing the whole response.
 */
public final class MillicoresDeserializer extends StdScalarDeserializer<Integer> {

    private static final long serialVersionUID = 1L;

    public MillicoresDeserializer() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return (int) Math.round(p.getDoubleValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            return parse(p.getText());
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
    }

    /** Parses {@code "250m"} → 250, {@code "0.5"} → 500, {@code "2"} → 2000; else {@code null}. */
    public static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (s.endsWith("m")) {
                return (int) Math.round(
                        Double.parseDouble(s.substring(0, s.length() - 1).trim()));
            }
            return (int) Math.round(Double.parseDouble(s) * 1000.0);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
