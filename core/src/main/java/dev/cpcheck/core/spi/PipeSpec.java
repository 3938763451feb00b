package dev.cpcheck.core.spi;

import dev.cpcheck.core.schema.FieldMapping;
import dev.cpcheck.core.schema.RowSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to create the pipe under test.
 *
 * @param name          pipe name (cpcheck uses {@code cpcheck-<run id>})
 * @param source        the object-storage source
 * @param destination   the destination table (created beforehand, not managed by the pipe)
 * @param fieldMappings source field to destination column
 * @param settings      ClickPipe settings, e.g. {@code object_storage_polling_interval_ms}
 */
public record PipeSpec(
        String name,
        SourceSpec source,
        DestinationSpec destination,
        List<FieldMapping> fieldMappings,
        Map<String, Object> settings) {
    public PipeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        fieldMappings = List.copyOf(fieldMappings == null ? RowSchema.fieldMappings() : fieldMappings);
        settings = Map.copyOf(new LinkedHashMap<>(settings == null ? Map.of() : settings));
    }

    /** The same pipe reading another source (e.g. with initial-load options). */
    public PipeSpec withSource(SourceSpec newSource) {
        return new PipeSpec(name, newSource, destination, fieldMappings, settings);
    }
}
