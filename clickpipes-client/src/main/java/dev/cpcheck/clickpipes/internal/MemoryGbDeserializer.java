package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a memory amount in the API's "GB" unit. The spec says number, but responses have been
 * seen with Kubernetes quantities such as {@code "1Gi"} or {@code "512Mi"}. The API's sizes
 * (0.5, 1, 2, 4, 8) are Kubernetes sizes, so {@code Gi} and {@code G} both count as one unit,
 * {@code Mi}/{@code M} as 1/1024 of it, {@code Ti}/{@code T} as 1024. A value that cannot be
 * read becomes {@code null} rather than failing the whole response.
 */
public final class MemoryGbDeserializer extends StdScalarDeserializer<Double> {

    private static final long serialVersionUID = 1L;
    private static final Pattern QUANTITY = Pattern.compile("([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z]*)");

    public MemoryGbDeserializer() {
        super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return parse(p.getText());
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return (Double) ctxt.handleUnexpectedToken(Double.class, p);
    }

    /** Parses {@code "1Gi"} → 1.0, {@code "512Mi"} → 0.5, {@code "2"} → 2.0; else {@code null}. */
    public static Double parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double value = Double.parseDouble(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "":
            case "g":
            case "gi":
            case "gb":
            case "gib":
                return value;
            case "m":
            case "mi":
            case "mb":
            case "mib":
                return value / 1024.0;
            case "t":
            case "ti":
            case "tb":
            case "tib":
                return value * 1024.0;
            default:
                return null;
        }
    }
}
