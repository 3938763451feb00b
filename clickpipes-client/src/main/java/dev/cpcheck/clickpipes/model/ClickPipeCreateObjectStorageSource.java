package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Redaction;

/**
 * Object-storage source in a create request (spec {@code ClickPipePostObjectStorageSource}).
 * Only credentials, {@code skipInitialLoad} and {@code startAfter} can be changed later. Built
 * with the shared {@link ObjectStorageSourceBuilder}.
 *
 * <p>Secrets ({@code accessKey.secretKey}, {@code connectionString}, {@code serviceAccountKey})
 * are serialized, because the server needs them, but {@link #toString()} masks them. The
 * enum-valued fields keep the raw string ({@link #rawType()} …) and are parsed by the typed
 * accessors ({@link #type()} …), so a value this client does not know is sent as given.
 *
 * <pre>{@code
 * ClickPipeCreateObjectStorageSource.builder()
 *     .type(ObjectStorageType.S3)
 *     .format(ObjectStorageFormat.JSON_EACH_ROW)
 *     .url("https://my-bucket.s3.eu-west-1.amazonaws.com/run-1/**.ndjson")
 *     .isContinuous(true)
 *     .accessKey(accessKeyId, secretAccessKey)
 *     .build();
 * }</pre>
 *
 * @param rawType kind of storage, e.g. {@code "s3"} (JSON {@code "type"})
 * @param rawFormat file format, e.g. {@code "JSONEachRow"} (JSON {@code "format"})
 * @param url URL glob of the files
 * @param delimiter field delimiter
 * @param rawCompression file compression, e.g. {@code "gzip"} (JSON {@code "compression"})
 * @param isContinuous keep polling for new files (lexicographic order unless {@code queueUrl})
 * @param queueUrl SQS queue (or Pub/Sub subscription) for event-based ingestion
 * @param skipInitialLoad skip the initial load (queue-based pipes only)
 * @param startAfter skip keys up to and including this one during the initial load
 * @param rawAuthentication authentication method, e.g. {@code "IAM_USER"} (JSON
 *     {@code "authentication"}); {@code null} for a public bucket
 * @param iamRole IAM role ARN, with {@link ObjectStorageAuthentication#IAM_ROLE}
 * @param connectionString Azure connection string (secret)
 * @param path path inside the Azure container
 * @param azureContainerName Azure container name
 * @param accessKey IAM user key, with {@link ObjectStorageAuthentication#IAM_USER} (secret)
 * @param serviceAccountKey base64 GCP service account key (secret)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeCreateObjectStorageSource(
        @JsonProperty("type") String rawType,
        @JsonProperty("format") String rawFormat,
        @JsonProperty("url") String url,
        @JsonProperty("delimiter") String delimiter,
        @JsonProperty("compression") String rawCompression,
        @JsonProperty("isContinuous") Boolean isContinuous,
        @JsonProperty("queueUrl") String queueUrl,
        @JsonProperty("skipInitialLoad") Boolean skipInitialLoad,
        @JsonProperty("startAfter") String startAfter,
        @JsonProperty("authentication") String rawAuthentication,
        @JsonProperty("iamRole") String iamRole,
        @JsonProperty("connectionString") String connectionString,
        @JsonProperty("path") String path,
        @JsonProperty("azureContainerName") String azureContainerName,
        @JsonProperty("accessKey") ClickPipeAccessKey accessKey,
        @JsonProperty("serviceAccountKey") String serviceAccountKey) {

    /** Kind of storage; {@link ObjectStorageType#UNKNOWN} for a value this client does not know. */
    public ObjectStorageType type() {
        return ObjectStorageType.fromValue(rawType);
    }

    /** File format; {@link ObjectStorageFormat#UNKNOWN} for a value this client does not know. */
    public ObjectStorageFormat format() {
        return ObjectStorageFormat.fromValue(rawFormat);
    }

    /** File compression; {@link ObjectStorageCompression#UNKNOWN} for an unknown value. */
    public ObjectStorageCompression compression() {
        return ObjectStorageCompression.fromValue(rawCompression);
    }

    /** Authentication method; {@link ObjectStorageAuthentication#UNKNOWN} for an unknown value. */
    public ObjectStorageAuthentication authentication() {
        return ObjectStorageAuthentication.fromValue(rawAuthentication);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this source's values, raw strings and secrets included. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rawType = rawType;
        b.rawFormat = rawFormat;
        b.url = url;
        b.delimiter = delimiter;
        b.rawCompression = rawCompression;
        b.isContinuous = isContinuous;
        b.queueUrl = queueUrl;
        b.skipInitialLoad = skipInitialLoad;
        b.startAfter = startAfter;
        b.rawAuthentication = rawAuthentication;
        b.iamRole = iamRole;
        b.connectionString = connectionString;
        b.path = path;
        b.azureContainerName = azureContainerName;
        b.accessKey = accessKey;
        b.serviceAccountKey = serviceAccountKey;
        return b;
    }

    /**
     * The source as the API reports it after creation: the same settings without any secret. A
     * server implementation can answer a create request with it.
     */
    public ClickPipeObjectStorageSource withoutSecrets() {
        return ClickPipeObjectStorageSource.builder()
                .copyOf(toBuilder())
                .withoutSecrets()
                .build();
    }

    @Override
    public String toString() {
        return Redaction.toString(this);
    }

    /** Builder for {@link ClickPipeCreateObjectStorageSource}; every field is optional. */
    public static final class Builder extends ObjectStorageSourceBuilder<Builder, ClickPipeCreateObjectStorageSource> {

        private Builder() {}

        @Override
        public ClickPipeCreateObjectStorageSource build() {
            return new ClickPipeCreateObjectStorageSource(
                    rawType,
                    rawFormat,
                    url,
                    delimiter,
                    rawCompression,
                    isContinuous,
                    queueUrl,
                    skipInitialLoad,
                    startAfter,
                    rawAuthentication,
                    iamRole,
                    connectionString,
                    path,
                    azureContainerName,
                    accessKey,
                    serviceAccountKey);
        }
    }
}
