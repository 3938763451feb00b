package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * Format of the files a ClickPipe reads ({@code source.objectStorage.format}).
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ObjectStorageFormat {
    JSON_EACH_ROW("JSONEachRow"),
    JSON_AS_OBJECT("JSONAsObject"),
    CSV("CSV"),
    CSV_WITH_NAMES("CSVWithNames"),
    TAB_SEPARATED("TabSeparated"),
    TAB_SEPARATED_WITH_NAMES("TabSeparatedWithNames"),
    PARQUET("Parquet"),
    AVRO("Avro"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ObjectStorageFormat(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ObjectStorageFormat fromValue(String value) {
        return SpecEnums.fromValue(values(), ObjectStorageFormat::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
