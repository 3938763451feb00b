package dev.cpcheck.core.schema;

import java.util.Objects;

/**
 * Maps a source field (a column of the files, or a virtual column such as {@code _file}) to a
 * destination column, as ClickPipes' {@code fieldMappings}.
 */
public record FieldMapping(String sourceField, String destinationField) {
    public FieldMapping {
        Objects.requireNonNull(sourceField, "sourceField");
        Objects.requireNonNull(destinationField, "destinationField");
    }
}
