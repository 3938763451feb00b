package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcheck.emulator.internal.pipe.StoredPipe;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The destination side of a create or patch request, read into {@link StoredPipe}: the table,
 * its columns and table definition, and the field mappings that fill the columns. The rules and
 * their sources are those {@link PipeRequests} lists.
 */
final class DestinationRequests {
    private DestinationRequests() {}

    static StoredPipe.Destination destination(JsonNode d, boolean mappingsProvided) {
        if (!d.isObject()) {
            throw ApiException.badRequest("destination is required");
        }
        String database = PipeRequests.text(d, "database");
        String table = PipeRequests.text(d, "table");
        if (database == null || table == null || database.isBlank() || table.isBlank()) {
            throw ApiException.badRequest("destination.database and destination.table are required");
        }
        JsonNode columnsNode = d.get("columns");
        if (columnsNode == null || columnsNode.isNull() || columnsNode.isEmpty()) {
            throw ApiException.badRequest(
                    mappingsProvided
                            ? "Columns are required if field mappings are provided"
                            : "destination.columns is required for object storage ClickPipes");
        }
        Boolean managed = PipeRequests.bool(d, "managedTable");
        if (managed == null) {
            // spec: managedTable is a "Required field for all pipe types except database pipes" [guess: message]
            throw ApiException.badRequest("destination.managedTable is required for object storage ClickPipes");
        }
        List<String> roles = new ArrayList<>();
        d.path("roles").forEach(r -> roles.add(r.asText()));
        return new StoredPipe.Destination(
                database,
                table,
                managed,
                tableDefinition(d.get("tableDefinition")),
                columns(columnsNode),
                roles.isEmpty() ? null : roles);
    }

    static List<StoredPipe.Column> columns(JsonNode columns) {
        List<StoredPipe.Column> result = new ArrayList<>();
        for (JsonNode c : columns) {
            String name = PipeRequests.text(c, "name");
            String type = PipeRequests.text(c, "type");
            if (name == null || name.isBlank() || type == null || type.isBlank()) {
                throw ApiException.badRequest("destination.columns entries need a name and a type");
            }
            result.add(new StoredPipe.Column(name, type));
        }
        return result;
    }

    static StoredPipe.TableDefinition tableDefinition(JsonNode t) {
        if (t == null || t.isNull()) {
            return null;
        }
        StoredPipe.Engine engine = null;
        JsonNode e = t.get("engine");
        if (e != null && !e.isNull()) {
            List<String> columnIds = new ArrayList<>();
            e.path("columnIds").forEach(c -> columnIds.add(c.asText()));
            engine = new StoredPipe.Engine(
                    PipeRequests.text(e, "type"),
                    PipeRequests.text(e, "versionColumnId"),
                    columnIds.isEmpty() ? null : columnIds);
        }
        List<String> sortingKey = new ArrayList<>();
        t.path("sortingKey").forEach(k -> sortingKey.add(k.asText()));
        return new StoredPipe.TableDefinition(
                engine,
                sortingKey.isEmpty() ? null : sortingKey,
                PipeRequests.text(t, "partitionBy"),
                PipeRequests.text(t, "primaryKey"));
    }

    static List<StoredPipe.FieldMapping> fieldMappings(JsonNode mappings) {
        List<StoredPipe.FieldMapping> result = new ArrayList<>();
        if (mappings == null || mappings.isNull()) {
            return result;
        }
        for (JsonNode m : mappings) {
            String from = PipeRequests.text(m, "sourceField");
            String to = PipeRequests.text(m, "destinationField");
            if (from == null || to == null || from.isBlank() || to.isBlank()) {
                throw ApiException.badRequest("fieldMappings entries need a sourceField and a destinationField");
            }
            result.add(new StoredPipe.FieldMapping(from, to));
        }
        return result;
    }

    /** Spec, {@code fieldMappings}: "all destination columns must be included in the mappings". */
    static void requireEveryColumnMapped(List<StoredPipe.Column> columns, List<StoredPipe.FieldMapping> mappings) {
        if (mappings.isEmpty()) {
            return; // no mappings: every column is filled from the source field of its name
        }
        Set<String> mapped = new LinkedHashSet<>();
        mappings.forEach(m -> mapped.add(m.destinationField()));
        Set<String> declared = new LinkedHashSet<>();
        columns.forEach(c -> declared.add(c.name()));
        List<String> unmapped =
                declared.stream().filter(c -> !mapped.contains(c)).toList();
        if (!unmapped.isEmpty()) {
            throw ApiException.badRequest("All destination columns must be included in the field mappings; not mapped: "
                    + String.join(", ", unmapped));
        }
        List<String> unknown =
                mapped.stream().filter(c -> !declared.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Field mappings name columns that destination.columns does not have: "
                    + String.join(", ", unknown));
        }
    }
}
