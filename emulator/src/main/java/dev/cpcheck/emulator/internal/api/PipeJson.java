package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesJson;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeAccessKey;
import dev.cpcheck.clickpipes.model.ClickPipeCreateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationColumn;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableDefinition;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableEngine;
import dev.cpcheck.clickpipes.model.ClickPipeFieldMapping;
import dev.cpcheck.clickpipes.model.ClickPipeObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeScaling;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeSource;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ObjectStorageAuthentication;
import dev.cpcheck.clickpipes.model.ObjectStorageCompression;
import dev.cpcheck.clickpipes.model.ObjectStorageFormat;
import dev.cpcheck.clickpipes.model.ObjectStorageType;
import dev.cpcheck.emulator.internal.pipe.PipeSettings;
import dev.cpcheck.emulator.internal.pipe.PipeSpec;
import dev.cpcheck.emulator.internal.s3.S3Location;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps the API's request and response bodies, read and written with the typed models of
 * {@code cpcheck-clickpipes-client} (so that client and emulator agree field for field), to and
 * from the stored {@link PipeSpec}, validating requests with the spec's enums and ranges. Secrets
 * go in, never out.
 */
public final class PipeJson {
    private static final ObjectMapper JSON = ClickPipesJson.mapper();
    private static final List<String> OTHER_SOURCES =
            List.of("kafka", "kinesis", "pubsub", "postgres", "mysql", "bigquery", "mongodb");
    private static final Set<String> ENGINES = Set.of(
            ClickPipeDestinationTableEngine.MERGE_TREE,
            ClickPipeDestinationTableEngine.REPLACING_MERGE_TREE,
            ClickPipeDestinationTableEngine.SUMMING_MERGE_TREE,
            ClickPipeDestinationTableEngine.NULL);
    private static final Set<String> PATCHABLE_OBJECT_STORAGE = Set.of(
            "skipInitialLoad",
            "startAfter",
            "authentication",
            "iamRole",
            "accessKey",
            "connectionString",
            "path",
            "azureContainerName",
            "serviceAccountKey");

    private PipeJson() {}

    /** Reads a body into a model; binding errors are the client's fault. */
    static <T> T bind(JsonNode body, Class<T> type) {
        requireObject(body, "request body");
        try {
            return JSON.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw ApiException.badRequest("Invalid request body: " + message);
        }
    }

    /** Writes a model as a JSON tree with the API's mapping. */
    static JsonNode tree(Object model) {
        return JSON.valueToTree(model);
    }

    // ------------------------------------------------------------------ requests

    /** A ClickPipePostRequest as a new pipe's configuration. */
    public static PipeSpec fromPostRequest(JsonNode body) {
        requireObject(body, "request body");
        rejectOtherSources(
                body.path("source"),
                "is not supported by the ClickPipes emulator; it emulates object" + " storage (S3) ClickPipes only");
        ClickPipeCreateRequest request = bind(body, ClickPipeCreateRequest.class);
        String name = request.name();
        if (name == null) {
            throw ApiException.badRequest("name is required");
        }
        if (name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("name must be 1 to 255 characters");
        }
        if (request.source() == null) {
            throw ApiException.badRequest("source is required");
        }
        ClickPipeCreateObjectStorageSource os = request.source().objectStorage();
        if (os == null) {
            throw ApiException.badRequest("source.objectStorage is required");
        }
        JsonNode rawSource = body.path("source").path("objectStorage");
        PipeSpec.ObjectStorage objectStorage = objectStorage(os, rawSource);
        PipeSpec.Destination destination = destination(request.destination());
        List<PipeSpec.FieldMapping> mappings = fieldMappings(request.fieldMappings());
        Map<String, Object> settings = settings(Map.of(), request.settings());
        PipeSpec.Scaling scaling = scaling(
                defaultScaling(),
                request.scaling() == null
                        ? null
                        : new ClickPipeScalingRequest(
                                request.scaling().replicas(),
                                request.scaling().concurrency(),
                                request.scaling().replicaCpuMillicores(),
                                request.scaling().replicaMemoryGb()));
        Instant now = now();
        return new PipeSpec(
                UUID.randomUUID().toString(), name, objectStorage, destination, mappings, settings, scaling, now, now);
    }

    /** The scaling a new object storage pipe gets. */
    public static PipeSpec.Scaling defaultScaling() {
        return new PipeSpec.Scaling(1, null, 125, 0.5);
    }

    private static PipeSpec.ObjectStorage objectStorage(ClickPipeCreateObjectStorageSource os, JsonNode raw) {
        ObjectStorageType type = os.type() == null ? ObjectStorageType.S3 : os.type();
        requireKnown(
                "source.objectStorage.type",
                type,
                ObjectStorageType.UNKNOWN,
                raw.path("type"),
                ObjectStorageType.values(),
                ObjectStorageType::value);
        if (type == ObjectStorageType.AZURE_BLOB_STORAGE) {
            throw ApiException.badRequest(
                    "source.objectStorage.type azureblobstorage is not supported by the ClickPipes"
                            + " emulator; it speaks S3 only");
        }
        if (os.format() == null) {
            throw ApiException.badRequest("source.objectStorage.format is required");
        }
        requireKnown(
                "source.objectStorage.format",
                os.format(),
                ObjectStorageFormat.UNKNOWN,
                raw.path("format"),
                ObjectStorageFormat.values(),
                ObjectStorageFormat::value);
        if (os.url() == null) {
            throw ApiException.badRequest("source.objectStorage.url is required");
        }
        try {
            S3Location.parse(os.url());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (os.compression() != null) {
            requireKnown(
                    "source.objectStorage.compression",
                    os.compression(),
                    ObjectStorageCompression.UNKNOWN,
                    raw.path("compression"),
                    ObjectStorageCompression.values(),
                    ObjectStorageCompression::value);
        }
        if (os.queueUrl() != null && !os.queueUrl().isEmpty()) {
            throw ApiException.badRequest("source.objectStorage.queueUrl (event-based, unordered ingestion) is not"
                    + " supported by the ClickPipes emulator; omit it for lexicographic continuous ingestion");
        }
        if (Boolean.TRUE.equals(os.skipInitialLoad())) {
            throw ApiException.badRequest("skipInitialLoad applies only when queueUrl is provided");
        }
        Credentials credentials =
                credentials(os.authentication(), raw.path("authentication"), os.iamRole(), os.accessKey());
        return new PipeSpec.ObjectStorage(
                type.value(),
                os.format().value(),
                os.url(),
                os.delimiter(),
                os.compression() == null ? null : os.compression().value(),
                os.isContinuous() == null ? Boolean.FALSE : os.isContinuous(),
                null,
                os.skipInitialLoad(),
                os.startAfter(),
                credentials.authentication,
                credentials.iamRole,
                credentials.accessKeyId,
                credentials.secretKey);
    }

    private record Credentials(String authentication, String iamRole, String accessKeyId, String secretKey) {}

    private static Credentials credentials(
            ObjectStorageAuthentication authentication, JsonNode raw, String iamRole, ClickPipeAccessKey accessKey) {
        if (authentication != null) {
            requireKnown(
                    "source.objectStorage.authentication",
                    authentication,
                    ObjectStorageAuthentication.UNKNOWN,
                    raw,
                    ObjectStorageAuthentication.values(),
                    ObjectStorageAuthentication::value);
        }
        String accessKeyId = accessKey == null ? null : accessKey.accessKeyId();
        String secretKey = accessKey == null ? null : accessKey.secretKey();
        if (authentication == null && accessKeyId != null) {
            authentication = ObjectStorageAuthentication.IAM_USER;
        }
        if (authentication == ObjectStorageAuthentication.IAM_USER
                && (accessKeyId == null || accessKeyId.isEmpty() || secretKey == null)) {
            throw ApiException.badRequest(
                    "source.objectStorage.accessKey with accessKeyId and secretKey is required for"
                            + " IAM_USER authentication");
        }
        if (authentication == ObjectStorageAuthentication.PUBLIC && accessKeyId == null) {
            return new Credentials(authentication.value(), iamRole, null, null);
        }
        if (authentication != null && authentication != ObjectStorageAuthentication.IAM_USER) {
            throw ApiException.badRequest(
                    "authentication " + authentication.value() + " is not supported by the ClickPipes"
                            + " emulator; use IAM_USER with an access key, or PUBLIC (or no authentication) for a public bucket");
        }
        return new Credentials(authentication == null ? null : authentication.value(), iamRole, accessKeyId, secretKey);
    }

    private static PipeSpec.Destination destination(ClickPipeDestination d) {
        if (d == null) {
            throw ApiException.badRequest("destination is required");
        }
        if (d.database() == null
                || d.table() == null
                || d.database().isBlank()
                || d.table().isBlank()) {
            throw ApiException.badRequest("destination.database and destination.table are required");
        }
        List<PipeSpec.Column> columns = columns(d.columns());
        if (Boolean.TRUE.equals(d.managedTable()) && columns.isEmpty()) {
            throw ApiException.badRequest("destination.columns is required when managedTable is true");
        }
        return new PipeSpec.Destination(
                d.database(),
                d.table(),
                d.managedTable() == null ? Boolean.FALSE : d.managedTable(),
                tableDefinition(d.tableDefinition()),
                columns,
                d.roles() == null || d.roles().isEmpty() ? null : d.roles());
    }

    private static List<PipeSpec.Column> columns(List<ClickPipeDestinationColumn> columns) {
        List<PipeSpec.Column> result = new ArrayList<>();
        if (columns == null) {
            return result;
        }
        for (ClickPipeDestinationColumn c : columns) {
            if (c == null
                    || c.name() == null
                    || c.name().isBlank()
                    || c.type() == null
                    || c.type().isBlank()) {
                throw ApiException.badRequest("destination.columns entries need a name and a type");
            }
            result.add(new PipeSpec.Column(c.name(), c.type()));
        }
        return result;
    }

    private static PipeSpec.TableDefinition tableDefinition(ClickPipeDestinationTableDefinition t) {
        if (t == null) {
            return null;
        }
        PipeSpec.Engine engine = null;
        if (t.engine() != null) {
            String type = t.engine().type();
            if (type == null || !ENGINES.contains(type)) {
                throw ApiException.badRequest(
                        "Invalid destination.tableDefinition.engine.type '" + type + "'; expected one of "
                                + String.join(", ", ENGINES.stream().sorted().toList()));
            }
            engine = new PipeSpec.Engine(
                    type, t.engine().versionColumnId(), t.engine().columnIds());
        }
        return new PipeSpec.TableDefinition(
                engine,
                t.sortingKey() == null || t.sortingKey().isEmpty() ? null : t.sortingKey(),
                t.partitionBy(),
                t.primaryKey());
    }

    private static List<PipeSpec.FieldMapping> fieldMappings(List<ClickPipeFieldMapping> mappings) {
        List<PipeSpec.FieldMapping> result = new ArrayList<>();
        if (mappings == null) {
            return result;
        }
        for (ClickPipeFieldMapping m : mappings) {
            if (m == null
                    || m.sourceField() == null
                    || m.destinationField() == null
                    || m.sourceField().isBlank()
                    || m.destinationField().isBlank()) {
                throw ApiException.badRequest("fieldMappings entries need a sourceField and a destinationField");
            }
            result.add(new PipeSpec.FieldMapping(m.sourceField(), m.destinationField()));
        }
        return result;
    }

    /** Applies settings (PUT /settings, or the settings of a POST/PATCH) to the stored ones. */
    public static Map<String, Object> settings(Map<String, Object> current, ClickPipeSettings settings) {
        if (settings == null) {
            return current;
        }
        try {
            return PipeSettings.merge(current, settings.values());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The body of PUT /settings applied to the stored settings. */
    public static Map<String, Object> settings(Map<String, Object> current, JsonNode body) {
        requireObject(body, "request body");
        for (Map.Entry<String, JsonNode> f : body.properties()) {
            if (f.getValue().isContainerNode()) {
                throw ApiException.badRequest("Setting '" + f.getKey() + "' must be a string, number or boolean");
            }
        }
        return settings(current, bind(body, ClickPipeSettings.class));
    }

    /** A scaling change applied to the current scaling, with the spec's ranges. */
    public static PipeSpec.Scaling scaling(PipeSpec.Scaling current, ClickPipeScalingRequest request) {
        if (request == null) {
            return current;
        }
        Integer replicas = inRange("replicas", request.replicas(), 1, 40, current.replicas());
        Integer concurrency = inRange("concurrency", request.concurrency(), 0, 34, current.concurrency());
        Integer cpu = inRange(
                "replicaCpuMillicores", request.replicaCpuMillicores(), 125, 2000, current.replicaCpuMillicores());
        Double memory = current.replicaMemoryGb();
        if (request.replicaMemoryGb() != null) {
            double v = request.replicaMemoryGb();
            if (v < 0.5 || v > 8) {
                throw ApiException.badRequest("replicaMemoryGb must be between 0.5 and 8, got " + v);
            }
            memory = v;
        }
        return new PipeSpec.Scaling(replicas, concurrency, cpu, memory);
    }

    private static Integer inRange(String field, Integer value, int min, int max, Integer current) {
        if (value == null) {
            return current;
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A ClickPipePatchRequest applied to a stored pipe. */
    public static PipeSpec applyPatch(PipeSpec spec, JsonNode body) {
        requireObject(body, "request body");
        // the update model drops what the API does not allow to change: reject it instead of ignoring it
        JsonNode rawSource = body.path("source");
        rejectOtherSources(rawSource, "cannot be set on an object storage ClickPipe");
        JsonNode rawObjectStorage = rawSource.path("objectStorage");
        if (rawObjectStorage.isObject()) {
            rawObjectStorage.fieldNames().forEachRemaining(n -> {
                if (!PATCHABLE_OBJECT_STORAGE.contains(n)) {
                    throw ApiException.badRequest(
                            "source.objectStorage." + n + " cannot be changed after creation; only"
                                    + " the credentials, skipInitialLoad and startAfter can be updated");
                }
            });
        }
        JsonNode rawDestination = body.path("destination");
        if (rawDestination.isObject()) {
            rawDestination.fieldNames().forEachRemaining(n -> {
                if (!n.equals("columns")) {
                    throw ApiException.badRequest("destination." + n + " cannot be changed after creation; only"
                            + " destination.columns can be updated");
                }
            });
        }
        ClickPipeUpdateRequest request = bind(body, ClickPipeUpdateRequest.class);
        Instant now = now();
        PipeSpec result = spec;
        if (request.name() != null) {
            if (request.name().isBlank() || request.name().length() > 255) {
                throw ApiException.badRequest("name must be 1 to 255 characters");
            }
            result = result.withName(request.name(), now);
        }
        if (request.source() != null && request.source().objectStorage() != null) {
            result = result.withSource(
                    patchObjectStorage(result.source(), request.source().objectStorage(), rawObjectStorage), now);
        }
        if (request.destination() != null && request.destination().columns() != null) {
            PipeSpec.Destination d = result.destination();
            result = result.withDestination(
                    new PipeSpec.Destination(
                            d.database(),
                            d.table(),
                            d.managedTable(),
                            d.tableDefinition(),
                            columns(request.destination().columns()),
                            d.roles()),
                    now);
        }
        if (request.fieldMappings() != null) {
            result = result.withFieldMappings(fieldMappings(request.fieldMappings()), now);
        }
        if (request.settings() != null) {
            result = result.withSettings(settings(result.settings(), request.settings()), now);
        }
        return result;
    }

    private static PipeSpec.ObjectStorage patchObjectStorage(
            PipeSpec.ObjectStorage current, ClickPipeUpdateObjectStorageSource patch, JsonNode raw) {
        Boolean skipInitialLoad = raw.has("skipInitialLoad") ? patch.skipInitialLoad() : current.skipInitialLoad();
        if (Boolean.TRUE.equals(skipInitialLoad)) {
            throw ApiException.badRequest("skipInitialLoad applies only when queueUrl is provided");
        }
        String startAfter = raw.has("startAfter") ? patch.startAfter() : current.startAfter();
        String authentication = current.authentication();
        String iamRole = current.iamRole();
        String accessKeyId = current.accessKeyId();
        String secretKey = current.secretKey();
        if (raw.has("authentication") || raw.has("accessKey") || raw.has("iamRole")) {
            ObjectStorageAuthentication auth = raw.has("authentication")
                    ? patch.authentication()
                    : ObjectStorageAuthentication.fromValue(authentication);
            ClickPipeAccessKey key = raw.has("accessKey")
                    ? patch.accessKey()
                    : accessKeyId == null ? null : new ClickPipeAccessKey(accessKeyId, secretKey);
            Credentials c =
                    credentials(auth, raw.path("authentication"), raw.has("iamRole") ? patch.iamRole() : iamRole, key);
            authentication = c.authentication;
            iamRole = c.iamRole;
            accessKeyId = c.accessKeyId;
            secretKey = c.secretKey;
        }
        return new PipeSpec.ObjectStorage(
                current.type(),
                current.format(),
                current.url(),
                current.delimiter(),
                current.compression(),
                current.isContinuous(),
                current.queueUrl(),
                skipInitialLoad,
                startAfter,
                authentication,
                iamRole,
                accessKeyId,
                secretKey);
    }

    // ------------------------------------------------------------------ responses

    /** The ClickPipe the API returns; credentials are left out. */
    public static ClickPipe toClickPipe(PipeSpec spec, String state, String serviceId) {
        PipeSpec.ObjectStorage s = spec.source();
        ClickPipeObjectStorageSource source = ClickPipeObjectStorageSource.builder()
                .type(ObjectStorageType.fromValue(s.type()))
                .format(ObjectStorageFormat.fromValue(s.format()))
                .url(s.url())
                .delimiter(s.delimiter())
                .compression(s.compression() == null ? null : ObjectStorageCompression.fromValue(s.compression()))
                .isContinuous(s.continuous())
                .startAfter(s.startAfter())
                .authentication(
                        s.authentication() == null ? null : ObjectStorageAuthentication.fromValue(s.authentication()))
                .iamRole(s.iamRole())
                .build();
        PipeSpec.Destination d = spec.destination();
        List<ClickPipeDestinationColumn> columns = d.columns() == null
                ? List.of()
                : d.columns().stream()
                        .map(c -> new ClickPipeDestinationColumn(c.name(), c.type()))
                        .toList();
        ClickPipeDestination destination = ClickPipeDestination.builder()
                .database(d.database())
                .table(d.table())
                .managedTable(d.managed())
                .tableDefinition(tableDefinitionModel(d.tableDefinition()))
                .columns(columns)
                .build();
        PipeSpec.Scaling sc = spec.scaling() == null ? defaultScaling() : spec.scaling();
        return ClickPipe.builder()
                .id(spec.id())
                .serviceId(serviceId)
                .name(spec.name())
                .rawState(state)
                .scaling(new ClickPipeScaling(
                        sc.replicas(), sc.concurrency(), sc.replicaCpuMillicores(), sc.replicaMemoryGb()))
                .source(ClickPipeSource.objectStorage(source))
                .destination(destination)
                .fieldMappings(spec.fieldMappings().stream()
                        .map(m -> new ClickPipeFieldMapping(m.sourceField(), m.destinationField()))
                        .toList())
                .settings(settingsModel(spec.settings()))
                .createdAt(spec.createdAt())
                .updatedAt(spec.updatedAt())
                .build();
    }

    /** The settings as the API shows them: stored values over the defaults. */
    public static ClickPipeSettings settingsModel(Map<String, Object> stored) {
        return ClickPipeSettings.of(new LinkedHashMap<>(PipeSettings.effective(stored)));
    }

    private static ClickPipeDestinationTableDefinition tableDefinitionModel(PipeSpec.TableDefinition t) {
        if (t == null) {
            return null;
        }
        ClickPipeDestinationTableEngine engine = t.engine() == null
                ? null
                : new ClickPipeDestinationTableEngine(
                        t.engine().type(),
                        t.engine().versionColumnId(),
                        t.engine().columnIds());
        return new ClickPipeDestinationTableDefinition(engine, t.sortingKey(), t.partitionBy(), t.primaryKey());
    }

    // ------------------------------------------------------------------ helpers

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(what + " must be a JSON object");
        }
    }

    private static void rejectOtherSources(JsonNode source, String reason) {
        for (String other : OTHER_SOURCES) {
            if (source.hasNonNull(other)) {
                throw ApiException.badRequest("source." + other + " " + reason);
            }
        }
    }

    /** Lenient parsing maps unknown enum values to UNKNOWN; the API rejects them, naming the value sent. */
    private static <E extends Enum<E>> void requireKnown(
            String field, E value, E unknown, JsonNode raw, E[] all, Function<E, String> jsonValue) {
        if (value == unknown) {
            String allowed = Arrays.stream(all)
                    .filter(e -> e != unknown)
                    .map(jsonValue)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw ApiException.badRequest("Invalid " + field + " '" + raw.asText() + "'; expected one of " + allowed);
        }
    }
}
