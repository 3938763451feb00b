package dev.cpcheck.clickpipes.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The one builder of the object-storage source. The API spec describes that source in three
 * views: what a create request sends ({@link ClickPipeCreateObjectStorageSource}, spec
 * {@code ClickPipePostObjectStorageSource}), what an update may change
 * ({@link ClickPipeUpdateObjectStorageSource}, spec {@code ClickPipePatchObjectStorageSource}:
 * credentials, {@code skipInitialLoad}, {@code startAfter}), and what the API returns
 * ({@link ClickPipeObjectStorageSource}, spec {@code ClickPipeObjectStorageSource}: no secrets).
 * Every field is set here once; each view's {@code builder()} returns a subclass whose
 * {@link #build()} makes that view and rejects a field the view does not have, naming it.
 *
 * <p>The enum-valued fields ({@code type}, {@code format}, {@code compression},
 * {@code authentication}) are kept as the strings sent on the wire: set them from the enum (its
 * spec value is stored; {@code null} clears the field) or raw, e.g. a value the API accepts that
 * this client does not know yet. The views keep the raw string and parse it on demand, so an
 * unknown value survives a read/write round trip in requests and responses alike.
 *
 * <pre>{@code
 * ClickPipeCreateObjectStorageSource.builder()
 *     .type(ObjectStorageType.S3)
 *     .format(ObjectStorageFormat.JSON_EACH_ROW)
 *     .url("https://my-bucket.s3.eu-west-1.amazonaws.com/run-1/**.ndjson")
 *     .isContinuous(true)
 *     .accessKey(accessKeyId, secretAccessKey)
 *     .build();
 * ClickPipeUpdateObjectStorageSource.builder().accessKey(newKeyId, newSecret).build();
 * }</pre>
 *
 * @param <B> the view's builder
 * @param <T> the view
 */
public abstract class ObjectStorageSourceBuilder<B extends ObjectStorageSourceBuilder<B, T>, T> {

    // fixed at creation: create and read views
    String rawType;
    String rawFormat;
    String url;
    String delimiter;
    String rawCompression;
    Boolean isContinuous;
    String queueUrl;
    // every view
    Boolean skipInitialLoad;
    String startAfter;
    String rawAuthentication;
    String iamRole;
    String path;
    String azureContainerName;
    // secrets: create and update views, never returned by the API
    String connectionString;
    ClickPipeAccessKey accessKey;
    String serviceAccountKey;

    /** Only the three views extend it. */
    ObjectStorageSourceBuilder() {}

    /** Builds the view. @throws IllegalStateException naming a field the view does not have */
    public abstract T build();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Kind of storage, e.g. {@link ObjectStorageType#S3}; {@code null} clears it. */
    public B type(ObjectStorageType type) {
        return rawType(type == null ? null : type.value());
    }

    /** Kind of storage as sent on the wire, e.g. {@code "s3"} or one this client does not know. */
    public B rawType(String rawType) {
        this.rawType = rawType;
        return self();
    }

    /** File format; {@code null} clears it. */
    public B format(ObjectStorageFormat format) {
        return rawFormat(format == null ? null : format.value());
    }

    /** File format as sent on the wire, e.g. {@code "JSONEachRow"}. */
    public B rawFormat(String rawFormat) {
        this.rawFormat = rawFormat;
        return self();
    }

    /** URL glob of the files ({@code ?}, {@code *}, {@code **}; no {@code {a,b}}). */
    public B url(String url) {
        this.url = url;
        return self();
    }

    /** Field delimiter. */
    public B delimiter(String delimiter) {
        this.delimiter = delimiter;
        return self();
    }

    /** File compression; {@code null} clears it. */
    public B compression(ObjectStorageCompression compression) {
        return rawCompression(compression == null ? null : compression.value());
    }

    /** File compression as sent on the wire, e.g. {@code "gzip"}. */
    public B rawCompression(String rawCompression) {
        this.rawCompression = rawCompression;
        return self();
    }

    /** Keep polling for new files (lexicographic order unless {@code queueUrl}). */
    public B isContinuous(Boolean isContinuous) {
        this.isContinuous = isContinuous;
        return self();
    }

    /** SQS queue (or Pub/Sub subscription) for event-based, unordered ingestion. */
    public B queueUrl(String queueUrl) {
        this.queueUrl = queueUrl;
        return self();
    }

    /** Skip the initial load (queue-based pipes only). */
    public B skipInitialLoad(Boolean skipInitialLoad) {
        this.skipInitialLoad = skipInitialLoad;
        return self();
    }

    /** Skip keys up to and including this one during the initial load. */
    public B startAfter(String startAfter) {
        this.startAfter = startAfter;
        return self();
    }

    /** Authentication method; {@code null} clears it (a public bucket). */
    public B authentication(ObjectStorageAuthentication authentication) {
        return rawAuthentication(authentication == null ? null : authentication.value());
    }

    /** Authentication method as sent on the wire, e.g. {@code "IAM_ROLE"}. */
    public B rawAuthentication(String rawAuthentication) {
        this.rawAuthentication = rawAuthentication;
        return self();
    }

    /** IAM role ARN, with {@link ObjectStorageAuthentication#IAM_ROLE}. */
    public B iamRole(String iamRole) {
        this.iamRole = iamRole;
        return self();
    }

    /** Path inside the Azure container. */
    public B path(String path) {
        this.path = path;
        return self();
    }

    /** Azure container name. */
    public B azureContainerName(String azureContainerName) {
        this.azureContainerName = azureContainerName;
        return self();
    }

    /** Azure connection string (secret; create and update only). */
    public B connectionString(String connectionString) {
        this.connectionString = connectionString;
        return self();
    }

    /** IAM user key (secret; create and update only). */
    public B accessKey(ClickPipeAccessKey accessKey) {
        this.accessKey = accessKey;
        return self();
    }

    /**
     * IAM user credentials (secret; create and update only), and
     * {@code authentication = IAM_USER}.
     */
    public B accessKey(String accessKeyId, String secretKey) {
        this.accessKey = new ClickPipeAccessKey(accessKeyId, secretKey);
        return authentication(ObjectStorageAuthentication.IAM_USER);
    }

    /** Base64 GCP service account key (secret; create and update only). */
    public B serviceAccountKey(String serviceAccountKey) {
        this.serviceAccountKey = serviceAccountKey;
        return self();
    }

    /** Copies every field of {@code other} into this builder. */
    B copyOf(ObjectStorageSourceBuilder<?, ?> other) {
        rawType = other.rawType;
        rawFormat = other.rawFormat;
        url = other.url;
        delimiter = other.delimiter;
        rawCompression = other.rawCompression;
        isContinuous = other.isContinuous;
        queueUrl = other.queueUrl;
        skipInitialLoad = other.skipInitialLoad;
        startAfter = other.startAfter;
        rawAuthentication = other.rawAuthentication;
        iamRole = other.iamRole;
        path = other.path;
        azureContainerName = other.azureContainerName;
        connectionString = other.connectionString;
        accessKey = other.accessKey;
        serviceAccountKey = other.serviceAccountKey;
        return self();
    }

    /** Forgets the secrets. */
    B withoutSecrets() {
        connectionString = null;
        accessKey = null;
        serviceAccountKey = null;
        return self();
    }

    /** @throws IllegalStateException if a secret is set: {@code view} never holds one */
    void requireNoSecrets(String view) {
        List<String> set = new ArrayList<>();
        addIfSet(set, "connectionString", connectionString);
        addIfSet(set, "accessKey", accessKey);
        addIfSet(set, "serviceAccountKey", serviceAccountKey);
        if (!set.isEmpty()) {
            throw new IllegalStateException(view + " holds no secrets (the API never returns them), but "
                    + String.join(", ", set) + " " + (set.size() == 1 ? "is" : "are")
                    + " set; send credentials with ClickPipeCreateObjectStorageSource or"
                    + " ClickPipeUpdateObjectStorageSource");
        }
    }

    /** @throws IllegalStateException if a field fixed at creation is set: an update cannot change it */
    void requireOnlyChangeableFields(String view) {
        List<String> set = new ArrayList<>();
        addIfSet(set, "type", rawType);
        addIfSet(set, "format", rawFormat);
        addIfSet(set, "url", url);
        addIfSet(set, "delimiter", delimiter);
        addIfSet(set, "compression", rawCompression);
        addIfSet(set, "isContinuous", isContinuous);
        addIfSet(set, "queueUrl", queueUrl);
        if (!set.isEmpty()) {
            throw new IllegalStateException(String.join(", ", set) + " cannot be changed after creation: " + view
                    + " may change only credentials, skipInitialLoad and startAfter (spec"
                    + " ClickPipePatchObjectStorageSource); create a new pipe instead");
        }
    }

    private static void addIfSet(List<String> set, String name, Object value) {
        if (value != null) {
            set.add(name);
        }
    }
}
