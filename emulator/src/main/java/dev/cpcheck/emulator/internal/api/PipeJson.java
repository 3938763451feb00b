package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpcheck.emulator.internal.pipe.PipeSettings;
import dev.cpcheck.emulator.internal.pipe.PipeSpec;
import dev.cpcheck.emulator.internal.s3.S3Location;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Maps the API's JSON (ClickPipePostRequest, ClickPipePatchRequest, ClickPipe, settings, scaling)
 * to and from the stored {@link PipeSpec}, validating requests with the spec's enums and ranges.
 * Secrets go in, never out.
 */
public final class PipeJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final Set<String> TYPES = Set.of("s3", "gcs", "dospaces", "azureblobstorage", "cloudflarer2",
            "ovhobjectstorage");
    static final Set<String> FORMATS = Set.of("JSONEachRow", "JSONAsObject", "CSV", "CSVWithNames", "TabSeparated",
            "TabSeparatedWithNames", "Parquet", "Avro");
    static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "gz", "brotli", "br", "xz", "LZMA", "zstd", "auto");
    static final Set<String> AUTHENTICATIONS = Set.of("IAM_ROLE", "IAM_USER", "CONNECTION_STRING", "SERVICE_ACCOUNT");
    static final Set<String> ENGINES = Set.of("MergeTree", "ReplacingMergeTree", "SummingMergeTree", "Null");
    private static final List<String> OTHER_SOURCES = List.of("kafka", "kinesis", "pubsub", "postgres", "mysql",
            "bigquery", "mongodb");

    private PipeJson() {
    }

    // ------------------------------------------------------------------ requests

    /** A ClickPipePostRequest as a new pipe's configuration. */
    public static PipeSpec fromPostRequest(JsonNode body) {
        requireObject(body, "request body");
        String name = text(body, "name", true);
        if (name.isBlank() || name.length() > 255) {
            throw ApiError.badRequest("name must be 1 to 255 characters");
        }
        JsonNode source = body.get("source");
        if (source == null || !source.isObject()) {
            throw ApiError.badRequest("source is required");
        }
        for (String other : OTHER_SOURCES) {
            if (source.hasNonNull(other)) {
                throw ApiError.badRequest("source." + other + " is not supported by the ClickPipes emulator;"
                        + " it emulates object storage (S3) ClickPipes only");
            }
        }
        JsonNode os = source.get("objectStorage");
        if (os == null || !os.isObject()) {
            throw ApiError.badRequest("source.objectStorage is required");
        }
        PipeSpec.ObjectStorage objectStorage = objectStorage(os);
        PipeSpec.Destination destination = destination(body.get("destination"));
        List<PipeSpec.FieldMapping> mappings = fieldMappings(body.get("fieldMappings"));
        Map<String, Object> settings = settings(Map.of(), body.get("settings"));
        PipeSpec.Scaling scaling = scaling(defaultScaling(), body.get("scaling"));
        Instant now = now();
        return new PipeSpec(UUID.randomUUID().toString(), name, objectStorage, destination, mappings, settings,
                scaling, now, now);
    }

    /** The scaling a new object storage pipe gets. */
    public static PipeSpec.Scaling defaultScaling() {
        return new PipeSpec.Scaling(1, null, 125, 0.5);
    }

    private static PipeSpec.ObjectStorage objectStorage(JsonNode os) {
        String type = text(os, "type", false);
        type = type == null ? "s3" : type;
        enumValue("source.objectStorage.type", type, TYPES);
        if (type.equals("azureblobstorage")) {
            throw ApiError.badRequest("source.objectStorage.type azureblobstorage is not supported by the ClickPipes"
                    + " emulator; it speaks S3 only");
        }
        String format = text(os, "format", true);
        enumValue("source.objectStorage.format", format, FORMATS);
        String url = text(os, "url", true);
        try {
            S3Location.parse(url);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        String compression = text(os, "compression", false);
        if (compression != null) {
            enumValue("source.objectStorage.compression", compression, COMPRESSIONS);
        }
        String queueUrl = text(os, "queueUrl", false);
        if (queueUrl != null && !queueUrl.isEmpty()) {
            throw ApiError.badRequest("source.objectStorage.queueUrl (event-based, unordered ingestion) is not"
                    + " supported by the ClickPipes emulator; omit it for lexicographic continuous ingestion");
        }
        Boolean skipInitialLoad = bool(os, "skipInitialLoad");
        if (Boolean.TRUE.equals(skipInitialLoad)) {
            throw ApiError.badRequest("skipInitialLoad applies only when queueUrl is provided");
        }
        Boolean continuous = bool(os, "isContinuous");
        Credentials credentials = credentials(os);
        return new PipeSpec.ObjectStorage(type, format, url, text(os, "delimiter", false), compression,
                continuous == null ? Boolean.FALSE : continuous, null, skipInitialLoad, text(os, "startAfter", false),
                credentials.authentication, credentials.iamRole, credentials.accessKeyId, credentials.secretKey);
    }

    private record Credentials(String authentication, String iamRole, String accessKeyId, String secretKey) {
    }

    private static Credentials credentials(JsonNode os) {
        String authentication = text(os, "authentication", false);
        if (authentication != null) {
            enumValue("source.objectStorage.authentication", authentication, AUTHENTICATIONS);
        }
        String iamRole = text(os, "iamRole", false);
        String accessKeyId = null;
        String secretKey = null;
        JsonNode accessKey = os.get("accessKey");
        if (accessKey != null && !accessKey.isNull()) {
            requireObject(accessKey, "source.objectStorage.accessKey");
            accessKeyId = text(accessKey, "accessKeyId", false);
            secretKey = text(accessKey, "secretKey", false);
        }
        if (authentication == null && accessKeyId != null) {
            authentication = "IAM_USER";
        }
        if ("IAM_USER".equals(authentication) && (accessKeyId == null || accessKeyId.isEmpty() || secretKey == null)) {
            throw ApiError.badRequest("source.objectStorage.accessKey with accessKeyId and secretKey is required for"
                    + " IAM_USER authentication");
        }
        if (authentication != null && !authentication.equals("IAM_USER")) {
            throw ApiError.badRequest("authentication " + authentication + " is not supported by the ClickPipes"
                    + " emulator; use IAM_USER with an access key, or omit authentication for a public bucket");
        }
        return new Credentials(authentication, iamRole, accessKeyId, secretKey);
    }

    private static PipeSpec.Destination destination(JsonNode d) {
        if (d == null || !d.isObject()) {
            throw ApiError.badRequest("destination is required");
        }
        String database = text(d, "database", true);
        String table = text(d, "table", true);
        if (database.isBlank() || table.isBlank()) {
            throw ApiError.badRequest("destination.database and destination.table must not be empty");
        }
        Boolean managed = bool(d, "managedTable");
        List<PipeSpec.Column> columns = columns(d.get("columns"), "destination.columns");
        PipeSpec.TableDefinition definition = tableDefinition(d.get("tableDefinition"));
        if (Boolean.TRUE.equals(managed) && columns.isEmpty()) {
            throw ApiError.badRequest("destination.columns is required when managedTable is true");
        }
        List<String> roles = strings(d.get("roles"), "destination.roles");
        return new PipeSpec.Destination(database, table, managed == null ? Boolean.FALSE : managed, definition,
                columns, roles.isEmpty() ? null : roles);
    }

    private static List<PipeSpec.Column> columns(JsonNode node, String field) {
        List<PipeSpec.Column> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw ApiError.badRequest(field + " must be an array");
        }
        for (JsonNode c : node) {
            requireObject(c, field + "[]");
            String name = text(c, "name", true);
            String type = text(c, "type", true);
            result.add(new PipeSpec.Column(name, type));
        }
        return result;
    }

    private static PipeSpec.TableDefinition tableDefinition(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "destination.tableDefinition");
        PipeSpec.Engine engine = null;
        JsonNode e = node.get("engine");
        if (e != null && !e.isNull()) {
            requireObject(e, "destination.tableDefinition.engine");
            String type = text(e, "type", true).replace("()", "");
            enumValue("destination.tableDefinition.engine.type", type, ENGINES);
            List<String> columnIds = strings(e.get("columnIds"), "destination.tableDefinition.engine.columnIds");
            engine = new PipeSpec.Engine(type, text(e, "versionColumnId", false),
                    columnIds.isEmpty() ? null : columnIds);
        }
        List<String> sortingKey = strings(node.get("sortingKey"), "destination.tableDefinition.sortingKey");
        return new PipeSpec.TableDefinition(engine, sortingKey.isEmpty() ? null : sortingKey,
                text(node, "partitionBy", false), text(node, "primaryKey", false));
    }

    private static List<PipeSpec.FieldMapping> fieldMappings(JsonNode node) {
        List<PipeSpec.FieldMapping> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw ApiError.badRequest("fieldMappings must be an array");
        }
        for (JsonNode m : node) {
            requireObject(m, "fieldMappings[]");
            String source = text(m, "sourceField", true);
            String destination = text(m, "destinationField", true);
            if (source.isBlank() || destination.isBlank()) {
                throw ApiError.badRequest("fieldMappings entries need a sourceField and a destinationField");
            }
            result.add(new PipeSpec.FieldMapping(source, destination));
        }
        return result;
    }

    /** Applies a flat settings object (PUT /settings or the settings of a POST/PATCH). */
    public static Map<String, Object> settings(Map<String, Object> current, JsonNode node) {
        if (node == null || node.isNull()) {
            return current;
        }
        requireObject(node, "settings");
        Map<String, Object> changes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isIntegralNumber()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isTextual()) {
                value = v.textValue();
            } else {
                throw ApiError.badRequest("Setting '" + f.getKey() + "' must be a string, number or boolean");
            }
            changes.put(f.getKey(), value);
        }
        try {
            return PipeSettings.merge(current, changes);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** Applies a ClickPipeScaling / ClickPipeScalingPatchRequest object. */
    public static PipeSpec.Scaling scaling(PipeSpec.Scaling current, JsonNode node) {
        if (node == null || node.isNull()) {
            return current;
        }
        requireObject(node, "scaling");
        Integer replicas = intInRange(node, "replicas", 1, 40, current.replicas());
        Integer concurrency = intInRange(node, "concurrency", 0, 34, current.concurrency());
        Integer cpu = intInRange(node, "replicaCpuMillicores", 125, 2000, current.replicaCpuMillicores());
        Double memory = current.replicaMemoryGb();
        JsonNode m = node.get("replicaMemoryGb");
        if (m != null && !m.isNull()) {
            if (!m.isNumber()) {
                throw ApiError.badRequest("replicaMemoryGb must be a number");
            }
            double v = m.doubleValue();
            if (v < 0.5 || v > 8) {
                throw ApiError.badRequest("replicaMemoryGb must be between 0.5 and 8, got " + v);
            }
            memory = v;
        }
        return new PipeSpec.Scaling(replicas, concurrency, cpu, memory);
    }

    /** A ClickPipePatchRequest applied to a stored pipe. */
    public static PipeSpec applyPatch(PipeSpec spec, JsonNode body) {
        requireObject(body, "request body");
        Instant now = now();
        PipeSpec result = spec;
        if (body.has("name") && !body.get("name").isNull()) {
            String name = text(body, "name", true);
            if (name.isBlank() || name.length() > 255) {
                throw ApiError.badRequest("name must be 1 to 255 characters");
            }
            result = result.withName(name, now);
        }
        JsonNode source = body.get("source");
        if (source != null && !source.isNull()) {
            requireObject(source, "source");
            for (String other : OTHER_SOURCES) {
                if (source.hasNonNull(other)) {
                    throw ApiError.badRequest("source." + other + " cannot be set on an object storage ClickPipe");
                }
            }
            JsonNode os = source.get("objectStorage");
            if (os != null && !os.isNull()) {
                result = result.withSource(patchObjectStorage(result.source(), os), now);
            }
        }
        JsonNode destination = body.get("destination");
        if (destination != null && !destination.isNull()) {
            requireObject(destination, "destination");
            Iterator<String> names = destination.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!n.equals("columns")) {
                    throw ApiError.badRequest("destination." + n + " cannot be changed after creation; only"
                            + " destination.columns can be updated");
                }
            }
            if (destination.has("columns")) {
                PipeSpec.Destination d = result.destination();
                result = result.withDestination(new PipeSpec.Destination(d.database(), d.table(), d.managedTable(),
                        d.tableDefinition(), columns(destination.get("columns"), "destination.columns"), d.roles()),
                        now);
            }
        }
        if (body.has("fieldMappings") && !body.get("fieldMappings").isNull()) {
            result = result.withFieldMappings(fieldMappings(body.get("fieldMappings")), now);
        }
        if (body.has("settings") && !body.get("settings").isNull()) {
            result = result.withSettings(settings(result.settings(), body.get("settings")), now);
        }
        return result;
    }

    private static final Set<String> PATCHABLE_OBJECT_STORAGE = Set.of("skipInitialLoad", "startAfter",
            "authentication", "iamRole", "accessKey", "connectionString", "path", "azureContainerName",
            "serviceAccountKey");

    private static PipeSpec.ObjectStorage patchObjectStorage(PipeSpec.ObjectStorage current, JsonNode os) {
        requireObject(os, "source.objectStorage");
        Iterator<String> names = os.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!PATCHABLE_OBJECT_STORAGE.contains(n)) {
                throw ApiError.badRequest("source.objectStorage." + n + " cannot be changed after creation; only"
                        + " the credentials, skipInitialLoad and startAfter can be updated");
            }
        }
        Boolean skipInitialLoad = os.has("skipInitialLoad") ? bool(os, "skipInitialLoad") : current.skipInitialLoad();
        if (Boolean.TRUE.equals(skipInitialLoad)) {
            throw ApiError.badRequest("skipInitialLoad applies only when queueUrl is provided");
        }
        String startAfter = os.has("startAfter") ? text(os, "startAfter", false) : current.startAfter();
        String authentication = current.authentication();
        String iamRole = current.iamRole();
        String accessKeyId = current.accessKeyId();
        String secretKey = current.secretKey();
        if (os.has("authentication") || os.has("accessKey") || os.has("iamRole")) {
            ObjectNode merged = F.objectNode();
            merged.put("authentication", os.has("authentication") ? text(os, "authentication", false) : authentication);
            if (os.has("accessKey")) {
                merged.set("accessKey", os.get("accessKey"));
            } else if (accessKeyId != null) {
                merged.putObject("accessKey").put("accessKeyId", accessKeyId).put("secretKey", secretKey);
            }
            if (os.has("iamRole")) {
                merged.set("iamRole", os.get("iamRole"));
            }
            Credentials c = credentials(merged);
            authentication = c.authentication;
            iamRole = c.iamRole;
            accessKeyId = c.accessKeyId;
            secretKey = c.secretKey;
        }
        return new PipeSpec.ObjectStorage(current.type(), current.format(), current.url(), current.delimiter(),
                current.compression(), current.isContinuous(), current.queueUrl(), skipInitialLoad, startAfter,
                authentication, iamRole, accessKeyId, secretKey);
    }

    // ------------------------------------------------------------------ responses

    /** The ClickPipe object the API returns; credentials are left out. */
    public static ObjectNode toClickPipe(PipeSpec spec, String state, String serviceId) {
        ObjectNode pipe = F.objectNode();
        pipe.put("id", spec.id());
        pipe.put("serviceId", serviceId);
        pipe.put("name", spec.name());
        pipe.put("state", state);
        pipe.set("scaling", scalingJson(spec.scaling() == null ? defaultScaling() : spec.scaling()));
        ObjectNode os = pipe.putObject("source").putObject("objectStorage");
        PipeSpec.ObjectStorage s = spec.source();
        os.put("type", s.type());
        os.put("format", s.format());
        os.put("url", s.url());
        putIfNotNull(os, "delimiter", s.delimiter());
        putIfNotNull(os, "compression", s.compression());
        os.put("isContinuous", s.continuous());
        putIfNotNull(os, "startAfter", s.startAfter());
        putIfNotNull(os, "authentication", s.authentication());
        putIfNotNull(os, "iamRole", s.iamRole());
        ObjectNode d = pipe.putObject("destination");
        PipeSpec.Destination dest = spec.destination();
        d.put("database", dest.database());
        d.put("table", dest.table());
        d.put("managedTable", dest.managed());
        if (dest.tableDefinition() != null) {
            d.set("tableDefinition", tableDefinitionJson(dest.tableDefinition()));
        }
        ArrayNode cols = d.putArray("columns");
        if (dest.columns() != null) {
            for (PipeSpec.Column c : dest.columns()) {
                cols.addObject().put("name", c.name()).put("type", c.type());
            }
        }
        ArrayNode mappings = pipe.putArray("fieldMappings");
        for (PipeSpec.FieldMapping m : spec.fieldMappings()) {
            mappings.addObject().put("sourceField", m.sourceField()).put("destinationField", m.destinationField());
        }
        pipe.set("settings", settingsJson(spec.settings()));
        pipe.put("createdAt", spec.createdAt().toString());
        pipe.put("updatedAt", spec.updatedAt().toString());
        return pipe;
    }

    /** The settings object: stored values over the defaults. */
    public static ObjectNode settingsJson(Map<String, Object> stored) {
        ObjectNode node = F.objectNode();
        PipeSettings.effective(stored).forEach((k, v) -> {
            if (v instanceof Boolean b) {
                node.put(k, b);
            } else if (v instanceof Number n) {
                node.put(k, n.longValue());
            } else {
                node.put(k, String.valueOf(v));
            }
        });
        return node;
    }

    private static ObjectNode scalingJson(PipeSpec.Scaling s) {
        ObjectNode node = F.objectNode();
        if (s.replicas() != null) {
            node.put("replicas", s.replicas());
        }
        if (s.concurrency() != null) {
            node.put("concurrency", s.concurrency());
        }
        if (s.replicaCpuMillicores() != null) {
            node.put("replicaCpuMillicores", s.replicaCpuMillicores());
        }
        if (s.replicaMemoryGb() != null) {
            node.put("replicaMemoryGb", s.replicaMemoryGb());
        }
        return node;
    }

    private static ObjectNode tableDefinitionJson(PipeSpec.TableDefinition t) {
        ObjectNode node = F.objectNode();
        if (t.engine() != null) {
            ObjectNode e = node.putObject("engine");
            e.put("type", t.engine().type());
            putIfNotNull(e, "versionColumnId", t.engine().versionColumnId());
            if (t.engine().columnIds() != null) {
                ArrayNode ids = e.putArray("columnIds");
                t.engine().columnIds().forEach(ids::add);
            }
        }
        if (t.sortingKey() != null) {
            ArrayNode keys = node.putArray("sortingKey");
            t.sortingKey().forEach(keys::add);
        }
        putIfNotNull(node, "partitionBy", t.partitionBy());
        putIfNotNull(node, "primaryKey", t.primaryKey());
        return node;
    }

    // ------------------------------------------------------------------ helpers

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(what + " must be a JSON object");
        }
    }

    static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiError.badRequest(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        return v.textValue();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiError.badRequest(field + " must be a boolean");
        }
        return v.booleanValue();
    }

    private static Integer intInRange(JsonNode node, String field, int min, int max, Integer current) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return current;
        }
        if (!v.isIntegralNumber()) {
            throw ApiError.badRequest(field + " must be an integer");
        }
        int n = v.intValue();
        if (n < min || n > max) {
            throw ApiError.badRequest(field + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw ApiError.badRequest(field + " must be an array of strings");
        }
        for (JsonNode s : node) {
            if (!s.isTextual()) {
                throw ApiError.badRequest(field + " must be an array of strings");
            }
            result.add(s.textValue());
        }
        return result;
    }

    static void enumValue(String field, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw ApiError.badRequest("Invalid " + field + " '" + value + "'; expected one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
    }
}
