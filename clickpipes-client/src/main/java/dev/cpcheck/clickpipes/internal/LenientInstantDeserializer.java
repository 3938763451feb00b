package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads a timestamp leniently: ISO-8601 instants ({@code 2025-01-20T10:00:00Z}), offsets
 * ({@code +02:00}), zone-less ISO or ClickHouse-style {@code 2025-01-20 10:00:00.123} (read as
 * UTC), and epoch numbers (seconds, or milliseconds when large). A value that cannot be read
 * becomes {@code null} rather than failing the whole response: timestamps are informational.
 */
public final class LenientInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final long serialVersionUID = 1L;
    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;
    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    public LenientInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parse(p.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            long v = p.getLongValue();
            return v >= EPOCH_MILLIS_THRESHOLD ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double seconds = p.getDoubleValue();
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }

    /** Parses the formats listed on the class; {@code null} when none fits. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(s, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
