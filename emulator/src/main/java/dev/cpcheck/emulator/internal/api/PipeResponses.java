package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.emulator.internal.pipe.PipeSettings;
import dev.cpcheck.emulator.internal.pipe.StoredPipe;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import java.util.Map;

/**
 * The API's response bodies, built field by field after the spec's {@code ClickPipe} schema (and
 * checked against it by the tests). Credentials go in, never out: GET shows the authentication
 * method and the IAM role, never a key or secret.
 */
public final class PipeResponses {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PipeResponses() {}

    /** The {@code ClickPipe} object. */
    public static ObjectNode clickPipe(StoredPipe spec, PipeState state, String serviceId) {
        ObjectNode pipe = F.objectNode();
        pipe.put("id", spec.id());
        pipe.put("serviceId", serviceId);
        pipe.put("name", spec.name());
        pipe.put("state", state.apiName());
        StoredPipe.Scaling sc = spec.scaling() == null ? PipeRequests.defaultScaling() : spec.scaling();
        ObjectNode scaling = pipe.putObject("scaling");
        putIfNotNull(scaling, "replicas", sc.replicas());
        putIfNotNull(scaling, "concurrency", sc.concurrency());
        putIfNotNull(scaling, "replicaCpuMillicores", sc.replicaCpuMillicores());
        if (sc.replicaMemoryGb() != null) {
            scaling.put("replicaMemoryGb", sc.replicaMemoryGb());
        }
        StoredPipe.ObjectStorage s = spec.source();
        ObjectNode os = pipe.putObject("source").putObject("objectStorage");
        os.put("type", s.type());
        os.put("format", s.format());
        if (s.azure()) {
            // spec, ClickPipeObjectStorageSource: path and azureContainerName for Azure (the Terraform
            // provider keeps its own copy, saying the API does not return them: either way, no secret)
            os.put("path", s.path());
            os.put("azureContainerName", s.azureContainerName());
        } else {
            os.put("url", s.url());
        }
        putIfNotNull(os, "delimiter", s.delimiter());
        putIfNotNull(os, "compression", s.compression());
        os.put("isContinuous", s.continuous());
        putIfNotNull(os, "queueUrl", s.queueUrl());
        if (s.skipInitialLoad() != null) {
            os.put("skipInitialLoad", s.skipInitialLoad());
        }
        putIfNotNull(os, "startAfter", s.startAfter());
        putIfNotNull(os, "authentication", s.authentication());
        putIfNotNull(os, "iamRole", s.iamRole());
        pipe.set("destination", destination(spec.destination()));
        ArrayNode mappings = pipe.putArray("fieldMappings");
        for (StoredPipe.FieldMapping m : spec.fieldMappings()) {
            mappings.addObject().put("sourceField", m.sourceField()).put("destinationField", m.destinationField());
        }
        pipe.set("settings", settings(spec.settings()));
        pipe.put("createdAt", spec.createdAt().toString());
        pipe.put("updatedAt", spec.updatedAt().toString());
        return pipe;
    }

    private static ObjectNode destination(StoredPipe.Destination d) {
        ObjectNode node = F.objectNode();
        node.put("database", d.database());
        node.put("table", d.table());
        node.put("managedTable", d.managed());
        StoredPipe.TableDefinition t = d.tableDefinition();
        if (t != null) {
            ObjectNode def = node.putObject("tableDefinition");
            if (t.engine() != null) {
                ObjectNode engine = def.putObject("engine");
                engine.put("type", t.engine().type());
                putIfNotNull(engine, "versionColumnId", t.engine().versionColumnId());
                if (t.engine().columnIds() != null) {
                    ArrayNode ids = engine.putArray("columnIds");
                    t.engine().columnIds().forEach(ids::add);
                }
            }
            if (t.sortingKey() != null) {
                ArrayNode key = def.putArray("sortingKey");
                t.sortingKey().forEach(key::add);
            }
            putIfNotNull(def, "partitionBy", t.partitionBy());
            putIfNotNull(def, "primaryKey", t.primaryKey());
        }
        ArrayNode columns = node.putArray("columns");
        if (d.columns() != null) {
            d.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type()));
        }
        return node;
    }

    /** The settings as the API shows them: the stored values over the defaults. */
    public static JsonNode settings(Map<String, Object> stored) {
        return EmulatorJson.MAPPER.valueToTree(PipeSettings.effective(stored));
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putIfNotNull(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
