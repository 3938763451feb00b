package dev.cpcheck.emulator.internal.util;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cpcheck.core.spi.PipeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The emulator's JSON mapper for its state files and API bodies; pipe states as the API names them. */
public final class EmulatorJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("pipe-state")
                    .addSerializer(PipeState.class, ToStringSerializer.instance)
                    .addDeserializer(PipeState.class, new FromStringDeserializer<>(PipeState.class) {
                        @Override
                        protected PipeState _deserialize(
                                String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                            return PipeState.fromApiName(value);
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private EmulatorJson() {}

    /** Writes {@code value} as JSON, atomically and durably. */
    public static void write(Path file, Object value) {
        try {
            FileUtil.writeAtomically(file, MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize " + file, e);
        }
    }

    /** Reads a JSON file, or returns {@code null} when it does not exist. */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
