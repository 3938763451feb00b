package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Fixture file formats, named as ClickHouse and the ClickPipes API name them. */
public enum FileFormat {
    JSON_EACH_ROW("JSONEachRow", "json"),
    CSV_WITH_NAMES("CSVWithNames", "csv"),
    TSV_WITH_NAMES("TabSeparatedWithNames", "tsv"),
    PARQUET("Parquet", "parquet");

    private final String clickHouseName;
    private final String extension;

    FileFormat(String clickHouseName, String extension) {
        this.clickHouseName = clickHouseName;
        this.extension = extension;
    }

    /** Format name for ClickHouse and the ClickPipes API, e.g. {@code JSONEachRow}. */
    @JsonValue
    public String clickHouseName() {
        return clickHouseName;
    }

    /** File extension without the dot, before any compression suffix. */
    public String extension() {
        return extension;
    }

    /**
     * Parses a ClickHouse format name (case-insensitive) or the constant name.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    @JsonCreator
    public static FileFormat fromId(String value) {
        if (value != null) {
            String v = value.trim();
            for (FileFormat f : values()) {
                if (f.clickHouseName.equalsIgnoreCase(v) || f.name().equalsIgnoreCase(v.replace('-', '_'))) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown format '" + value + "'; use one of: "
                + Arrays.stream(values()).map(FileFormat::clickHouseName).collect(Collectors.joining(", ")));
    }
}
