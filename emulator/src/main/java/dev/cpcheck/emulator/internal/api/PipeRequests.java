package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcheck.emulator.ClickPipesApiSpec;
import dev.cpcheck.emulator.internal.pipe.PipeSettings;
import dev.cpcheck.emulator.internal.pipe.StoredPipe;
import dev.cpcheck.emulator.internal.s3.S3Location;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the API's request bodies as JSON trees into the emulator's {@link StoredPipe}: first against
 * the schema of the official spec ({@link ClickPipesApiSpec}), then against the business rules the
 * live service applies beyond the spec. Every rule names its source; "[guess]" marks a message whose
 * wording the sources do not give.
 *
 * <p>Rules of the live service (the README lists them with their sources):
 * <ul>
 *   <li>object storage pipes need {@code destination.columns}: "Columns are required if field
 *       mappings are provided" when {@code fieldMappings} is present (live answer quoted in
 *       ClickHouse/clickhousectl#763); without {@code fieldMappings} either the live message is not
 *       published, the spec says columns are "Required field for all pipe types except database
 *       pipes" [guess: message];</li>
 *   <li>every destination column is mapped: spec, {@code ClickPipePostRequest.fieldMappings}: "all
 *       destination columns must be included in the mappings" [guess: message];</li>
 *   <li>{@code startAfter} is not combined with {@code skipInitialLoad=true}: spec,
 *       {@code startAfter}: "Cannot be provided when skipInitialLoad is true";
 *       {@code skipInitialLoad} applies only with {@code queueUrl}: spec, "Only applicable when
 *       queueUrl is provided" [guess: messages];</li>
 *   <li>only the credentials, {@code skipInitialLoad} and {@code startAfter} of the source can be
 *       changed: spec, {@code ClickPipePatchObjectStorageSource} has no other field;</li>
 *   <li>settings: names, types and ranges of {@code ClickPipeSettings} in the spec, checked by the
 *       schema; the defaults are {@link PipeSettings}'s.</li>
 * </ul>
 * Rules of the emulator itself (it cannot do what the request asks): other sources than object
 * storage, Azure, Pub/Sub subscriptions, IAM roles and service accounts are refused with a message
 * that says so. SQS queues (unordered mode) are taken in their AWS form and in the local form of the
 * stack's own SQS server ({@link #checkQueueUrl}).
 */
public final class PipeRequests {
    private static final List<String> OTHER_SOURCES =
            List.of("kafka", "kinesis", "pubsub", "postgres", "mysql", "bigquery", "mongodb");
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

    private PipeRequests() {}

    /**
     * Validates {@code body} against {@code #/components/schemas/<schema>}.
     *
     * @throws ApiException 400 listing what does not conform
     */
    public static void validate(String schema, JsonNode body) {
        requireObject(body, "request body");
        List<String> problems = ClickPipesApiSpec.get().validate(schema, body.toString());
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid request body: " + String.join("; ", problems));
        }
    }

    // ------------------------------------------------------------------ create

    /** A {@code ClickPipePostRequest} as a new pipe's configuration. */
    public static StoredPipe create(JsonNode body) {
        validate("ClickPipePostRequest", body);
        JsonNode source = body.path("source");
        rejectOtherSources(
                source, "is not supported by the ClickPipes emulator; it emulates object storage (S3) ClickPipes only");
        String name = text(body, "name");
        if (name == null || name.isBlank() || name.length() > 255) {
            // ClickPipe.name: minLength 1, maxLength 255 (spec)
            throw ApiException.badRequest("name is required and must be 1 to 255 characters");
        }
        JsonNode os = source.path("objectStorage");
        if (!os.isObject()) {
            throw ApiException.badRequest("source.objectStorage is required");
        }
        StoredPipe.ObjectStorage objectStorage = objectStorage(os);
        JsonNode mappingsNode = body.get("fieldMappings");
        List<StoredPipe.FieldMapping> mappings = DestinationRequests.fieldMappings(mappingsNode);
        StoredPipe.Destination destination =
                DestinationRequests.destination(body.path("destination"), mappingsNode != null);
        DestinationRequests.requireEveryColumnMapped(destination.columns(), mappings);
        Map<String, Object> settings = settings(Map.of(), body.get("settings"));
        StoredPipe.Scaling scaling = scaling(defaultScaling(), body.get("scaling"));
        Instant now = now();
        return new StoredPipe(
                UUID.randomUUID().toString(), name, objectStorage, destination, mappings, settings, scaling, now, now);
    }

    /** The scaling a new object storage pipe gets. */
    public static StoredPipe.Scaling defaultScaling() {
        return new StoredPipe.Scaling(1, null, 125, 0.5);
    }

    private static StoredPipe.ObjectStorage objectStorage(JsonNode os) {
        String type = text(os, "type") == null ? "s3" : text(os, "type");
        // the schema's other types (gcs, dospaces, cloudflarer2, ovhobjectstorage) speak the S3 protocol too
        if (type.equals(StoredPipe.AZURE_TYPE)) {
            return AzureSources.objectStorage(os);
        }
        String format = text(os, "format");
        if (format == null) {
            throw ApiException.badRequest("source.objectStorage.format is required");
        }
        String url = text(os, "url");
        if (url == null) {
            throw ApiException.badRequest("source.objectStorage.url is required");
        }
        try {
            S3Location.parse(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String queueUrl = text(os, "queueUrl");
        if (queueUrl != null && queueUrl.isEmpty()) {
            queueUrl = null;
        }
        Boolean skipInitialLoad = bool(os, "skipInitialLoad");
        String startAfter = text(os, "startAfter");
        checkInitialLoad(skipInitialLoad, startAfter, queueUrl);
        Credentials credentials =
                credentials(text(os, "authentication"), text(os, "iamRole"), os.get("accessKey"), Credentials.NONE);
        Boolean continuous = bool(os, "isContinuous");
        if (queueUrl != null) {
            checkQueueUrl(queueUrl, type, Boolean.TRUE.equals(continuous), credentials);
        }
        return new StoredPipe.ObjectStorage(
                type,
                format,
                url,
                text(os, "delimiter"),
                text(os, "compression"),
                continuous == null ? Boolean.FALSE : continuous,
                queueUrl,
                skipInitialLoad,
                startAfter,
                credentials.authentication,
                credentials.iamRole,
                credentials.accessKeyId,
                credentials.secretKey);
    }

    /** An SQS queue URL on AWS, as the Terraform provider's validator of {@code queue_url} accepts it. */
    private static final Pattern AWS_SQS_URL =
            Pattern.compile("^https://sqs\\.[a-z0-9.-]+\\.amazonaws\\.com/\\d{12}/[a-zA-Z0-9._-]+$");
    /** A queue of a local SQS server (the embedded stack's ElasticMQ): loopback only. */
    private static final Pattern LOCAL_SQS_URL =
            Pattern.compile("^http://(127\\.0\\.0\\.1|localhost):\\d{1,5}/\\d{12}/[a-zA-Z0-9._-]+$");

    /**
     * The rules of {@code queueUrl} (unordered mode). Spec, {@code queueUrl}: "Only applicable when
     * isContinuous is true and authentication is not public"; for S3 an SQS queue URL. The
     * Terraform provider (ClickHouse/terraform-provider-clickhouse, {@code clickpipe.go}, schema
     * validator and ModifyPlan of {@code queue_url}) also allows only types s3 and gcs and an SQS URL
     * {@code https://sqs.<region>.amazonaws.com/<12 digits>/<name>}. The emulator takes that form and,
     * since a local queue cannot have an AWS URL, the loopback form of its own SQS server
     * {@code http://127.0.0.1:<port>/<12 digits>/<name>}; a GCS Pub/Sub subscription is refused (it
     * does not emulate Pub/Sub) [guess: every message].
     */
    private static void checkQueueUrl(String queueUrl, String type, boolean continuous, Credentials credentials) {
        if (!continuous) {
            throw ApiException.badRequest("queueUrl is only applicable when isContinuous is true");
        }
        if (credentials.authentication == null) {
            throw ApiException.badRequest("queueUrl is not applicable when authentication is public");
        }
        if (!type.equals("s3")) {
            throw ApiException.badRequest("queueUrl with source type " + type + " is not supported by the ClickPipes"
                    + " emulator; it emulates unordered mode with SQS for Amazon S3 only");
        }
        if (!AWS_SQS_URL.matcher(queueUrl).matches()
                && !LOCAL_SQS_URL.matcher(queueUrl).matches()) {
            throw ApiException.badRequest("queueUrl must be an SQS queue URL such as"
                    + " https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue (the emulator also takes its local"
                    + " form http://127.0.0.1:<port>/<account>/<queue>), was " + queueUrl);
        }
    }

    /** Spec, {@code startAfter}: "Cannot be provided when skipInitialLoad is true"; {@code skipInitialLoad}: "Only applicable when queueUrl is provided". */
    static void checkInitialLoad(Boolean skipInitialLoad, String startAfter, String queueUrl) {
        if (Boolean.TRUE.equals(skipInitialLoad) && startAfter != null && !startAfter.isEmpty()) {
            throw ApiException.badRequest("startAfter cannot be provided when skipInitialLoad is true");
        }
        if (Boolean.TRUE.equals(skipInitialLoad) && (queueUrl == null || queueUrl.isEmpty())) {
            throw ApiException.badRequest("skipInitialLoad is only applicable when queueUrl is provided");
        }
    }

    private record Credentials(String authentication, String iamRole, String accessKeyId, String secretKey) {
        static final Credentials NONE = new Credentials(null, null, null, null);
    }

    private static Credentials credentials(
            String authentication, String iamRole, JsonNode accessKey, Credentials current) {
        String keyId = accessKey == null || accessKey.isNull() ? current.accessKeyId : text(accessKey, "accessKeyId");
        String secret = accessKey == null || accessKey.isNull() ? current.secretKey : text(accessKey, "secretKey");
        String auth = authentication != null ? authentication : keyId != null ? "IAM_USER" : current.authentication;
        if (auth == null) {
            return Credentials.NONE; // a public bucket
        }
        switch (auth) {
            case "IAM_USER" -> {
                if (keyId == null || keyId.isEmpty() || secret == null) {
                    throw ApiException.badRequest("source.objectStorage.accessKey with accessKeyId and secretKey is"
                            + " required for IAM_USER authentication");
                }
                return new Credentials(auth, null, keyId, secret);
            }
            default ->
                throw ApiException.badRequest("authentication " + auth + " is not supported by the ClickPipes emulator;"
                        + " use IAM_USER with an access key, or no authentication for a public bucket");
        }
    }

    // ------------------------------------------------------------------ settings and scaling

    /** Settings of a POST or PATCH, or the body of PUT /settings, over the stored ones. */
    public static Map<String, Object> settings(Map<String, Object> current, JsonNode settings) {
        if (settings == null || settings.isNull()) {
            return current;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : settings.properties()) {
            JsonNode v = f.getValue();
            changes.put(
                    f.getKey(),
                    v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.numberValue() : v.asText());
        }
        try {
            return PipeSettings.merge(current, changes);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** A scaling change (the spec's ranges, checked by its schema too) over the current scaling. */
    public static StoredPipe.Scaling scaling(StoredPipe.Scaling current, JsonNode request) {
        if (request == null || request.isNull()) {
            return current;
        }
        Integer replicas = integer(request, "replicas", current.replicas());
        Integer concurrency = integer(request, "concurrency", current.concurrency());
        Integer cpu = integer(request, "replicaCpuMillicores", current.replicaCpuMillicores());
        Double memory = request.hasNonNull("replicaMemoryGb")
                ? Double.valueOf(request.get("replicaMemoryGb").asDouble())
                : current.replicaMemoryGb();
        return new StoredPipe.Scaling(replicas, concurrency, cpu, memory);
    }

    private static Integer integer(JsonNode node, String field, Integer current) {
        return node.hasNonNull(field) ? Integer.valueOf(node.get(field).asInt()) : current;
    }

    // ------------------------------------------------------------------ update

    /** A {@code ClickPipePatchRequest} applied to a stored pipe. */
    public static StoredPipe patch(StoredPipe spec, JsonNode body) {
        validate("ClickPipePatchRequest", body);
        JsonNode rawSource = body.path("source");
        rejectOtherSources(rawSource, "cannot be set on an object storage ClickPipe");
        JsonNode os = rawSource.path("objectStorage");
        if (os.isObject()) {
            os.fieldNames().forEachRemaining(n -> {
                if (!PATCHABLE_OBJECT_STORAGE.contains(n)) {
                    throw ApiException.badRequest("source.objectStorage." + n + " cannot be changed after creation;"
                            + " only the credentials, skipInitialLoad and startAfter can be updated");
                }
            });
        }
        JsonNode destination = body.path("destination");
        if (destination.isObject()) {
            destination.fieldNames().forEachRemaining(n -> {
                if (!n.equals("columns")) {
                    throw ApiException.badRequest("destination." + n + " cannot be changed after creation; only"
                            + " destination.columns can be updated");
                }
            });
        }
        JsonNode mappingsNode = body.get("fieldMappings");
        JsonNode columnsNode = destination.get("columns");
        if (mappingsNode != null && !mappingsNode.isNull() && (columnsNode == null || columnsNode.isNull())) {
            // the live answer to a PATCH with fieldMappings and no columns (ClickHouse/clickhousectl#763)
            throw ApiException.badRequest("Columns are required if field mappings are provided");
        }
        Instant now = now();
        StoredPipe result = spec;
        String name = text(body, "name");
        if (name != null) {
            if (name.isBlank() || name.length() > 255) {
                throw ApiException.badRequest("name must be 1 to 255 characters");
            }
            result = result.withName(name, now);
        }
        if (os.isObject()) {
            result = result.withSource(patchObjectStorage(result.source(), os), now);
        }
        if (columnsNode != null && !columnsNode.isNull()) {
            StoredPipe.Destination d = result.destination();
            List<StoredPipe.Column> columns = DestinationRequests.columns(columnsNode);
            List<StoredPipe.FieldMapping> mappings = mappingsNode == null || mappingsNode.isNull()
                    ? result.fieldMappings()
                    : DestinationRequests.fieldMappings(mappingsNode);
            DestinationRequests.requireEveryColumnMapped(columns, mappings);
            result = result.withDestination(
                    new StoredPipe.Destination(
                            d.database(), d.table(), d.managedTable(), d.tableDefinition(), columns, d.roles()),
                    now);
            result = result.withFieldMappings(mappings, now);
        }
        if (body.hasNonNull("settings")) {
            result = result.withSettings(settings(result.settings(), body.get("settings")), now);
        }
        return result;
    }

    private static StoredPipe.ObjectStorage patchObjectStorage(StoredPipe.ObjectStorage current, JsonNode raw) {
        Boolean skipInitialLoad = raw.has("skipInitialLoad") ? bool(raw, "skipInitialLoad") : current.skipInitialLoad();
        String startAfter = raw.has("startAfter") ? text(raw, "startAfter") : current.startAfter();
        checkInitialLoad(skipInitialLoad, startAfter, current.queueUrl());
        if (current.azure()) {
            return AzureSources.patch(current, raw, skipInitialLoad, startAfter);
        }
        Credentials credentials = new Credentials(
                current.authentication(), current.iamRole(), current.accessKeyId(), current.secretKey());
        if (raw.has("authentication") || raw.has("accessKey") || raw.has("iamRole")) {
            credentials = credentials(
                    raw.has("authentication") ? text(raw, "authentication") : current.authentication(),
                    raw.has("iamRole") ? text(raw, "iamRole") : current.iamRole(),
                    raw.get("accessKey"),
                    credentials);
        }
        return new StoredPipe.ObjectStorage(
                current.type(),
                current.format(),
                current.url(),
                current.delimiter(),
                current.compression(),
                current.isContinuous(),
                current.queueUrl(),
                skipInitialLoad,
                startAfter,
                credentials.authentication,
                credentials.iamRole,
                credentials.accessKeyId,
                credentials.secretKey);
    }

    // ------------------------------------------------------------------ commands

    /** The {@code command} of a state request, after validating the body against {@code schema}. */
    public static String command(String schema, JsonNode body) {
        validate(schema, body);
        String command = text(body, "command");
        if (command == null) {
            throw ApiException.badRequest("command is required");
        }
        return command;
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

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }
}
