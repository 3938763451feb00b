package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Compression of fixture files, named as the ClickPipes API names it. */
public enum Compression {
    NONE("none", ""),
    GZIP("gzip", ".gz"),
    ZSTD("zstd", ".zst");

    private final String id;
    private final String suffix;

    Compression(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** File name suffix including the dot, empty for none. */
    public String suffix() {
        return suffix;
    }

    /** @throws IllegalArgumentException naming the valid values */
    @JsonCreator
    public static Compression fromId(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("gz")) {
                return GZIP;
            }
            for (Compression c : values()) {
                if (c.id.equals(v)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown compression '" + value + "'; use one of: "
                + Arrays.stream(values()).map(Compression::id).collect(Collectors.joining(", ")));
    }
}
