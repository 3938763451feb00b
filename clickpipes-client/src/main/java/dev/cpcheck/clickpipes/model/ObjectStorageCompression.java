package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * Compression of the files a ClickPipe reads ({@code source.objectStorage.compression}).
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ObjectStorageCompression {
    NONE("none"),
    GZIP("gzip"),
    GZ("gz"),
    BROTLI("brotli"),
    BR("br"),
    XZ("xz"),
    LZMA("LZMA"),
    ZSTD("zstd"),
    AUTO("auto"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ObjectStorageCompression(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ObjectStorageCompression fromValue(String value) {
        return SpecEnums.fromValue(values(), ObjectStorageCompression::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
