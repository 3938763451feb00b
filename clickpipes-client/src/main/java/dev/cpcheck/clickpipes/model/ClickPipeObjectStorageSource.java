package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Object-storage source of a ClickPipe as the API returns it (spec
 * {@code ClickPipeObjectStorageSource}). It holds no secrets: the API never returns credentials,
 * and the spec's {@code connectionString} (an Azure account key) is deliberately not read.
 *
 * <p>The enum-valued fields keep the exact string the server sent ({@link #rawType()},
 * {@link #rawFormat()}, {@link #rawCompression()}, {@link #rawAuthentication()}), and that string
 * is what is written back to JSON. The typed accessors ({@link #type()}, {@link #format()},
 * {@link #compression()}, {@link #authentication()}) parse it, giving {@code UNKNOWN} for a value
 * this client does not know; so a value such as {@code "minio"} survives a read/write round trip.
 *
 * <p>Built with the shared {@link ObjectStorageSourceBuilder} (a server implementation answers
 * with it; {@link ClickPipeCreateObjectStorageSource#withoutSecrets()} derives it from a create
 * request).
 *
 * <pre>{@code
 * ClickPipeObjectStorageSource os = pipe.objectStorage();
 * if (os.type() == ObjectStorageType.UNKNOWN) {
 *   log.info("pipe reads from storage type {}", os.rawType());
 * }
 * }</pre>
 *
 * @param rawType kind of storage as sent by the server, e.g. {@code "s3"} (JSON {@code "type"})
 * @param rawFormat file format as sent by the server, e.g. {@code "JSONEachRow"} (JSON
 *     {@code "format"})
 * @param url URL glob of the files ({@code ?}, {@code *}, {@code **}; no {@code {a,b}})
 * @param delimiter field delimiter
 * @param rawCompression file compression as sent by the server, e.g. {@code "gzip"} (JSON
 *     {@code "compression"})
 * @param isContinuous whether the pipe keeps polling for new files
 * @param queueUrl SQS queue (or Pub/Sub subscription) for event-based, unordered ingestion
 * @param skipInitialLoad skip the initial load (queue-based pipes only)
 * @param startAfter skip keys up to and including this one during the initial load
 * @param rawAuthentication authentication method as sent by the server, e.g. {@code "IAM_ROLE"}
 *     (JSON {@code "authentication"}); {@code null} for a public bucket
 * @param iamRole IAM role ARN, with {@link ObjectStorageAuthentication#IAM_ROLE}
 * @param path path inside the Azure container
 * @param azureContainerName Azure container name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeObjectStorageSource(
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
        @JsonProperty("path") String path,
        @JsonProperty("azureContainerName") String azureContainerName) {

    /**
     * The kind of storage, e.g. {@link ObjectStorageType#S3}; {@link ObjectStorageType#UNKNOWN}
     * for a value this client does not know (see {@link #rawType()}), {@code null} when absent.
     */
    public ObjectStorageType type() {
        return ObjectStorageType.fromValue(rawType);
    }

    /**
     * The file format; {@link ObjectStorageFormat#UNKNOWN} for a value this client does not know
     * (see {@link #rawFormat()}), {@code null} when absent.
     */
    public ObjectStorageFormat format() {
        return ObjectStorageFormat.fromValue(rawFormat);
    }

    /**
     * The file compression; {@link ObjectStorageCompression#UNKNOWN} for a value this client does
     * not know (see {@link #rawCompression()}), {@code null} when absent.
     */
    public ObjectStorageCompression compression() {
        return ObjectStorageCompression.fromValue(rawCompression);
    }

    /**
     * The authentication method; {@link ObjectStorageAuthentication#UNKNOWN} for a value this
     * client does not know (see {@link #rawAuthentication()}), {@code null} when absent (a public
     * bucket).
     */
    public ObjectStorageAuthentication authentication() {
        return ObjectStorageAuthentication.fromValue(rawAuthentication);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this source's values, raw strings included. */
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
        b.path = path;
        b.azureContainerName = azureContainerName;
        return b;
    }

    /**
     * Builder for {@link ClickPipeObjectStorageSource}; every field is optional, and setting a
     * secret is rejected by {@link #build()}.
     */
    public static final class Builder extends ObjectStorageSourceBuilder<Builder, ClickPipeObjectStorageSource> {

        private Builder() {}

        @Override
        public ClickPipeObjectStorageSource build() {
            requireNoSecrets("ClickPipeObjectStorageSource (the source as the API returns it)");
            return new ClickPipeObjectStorageSource(
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
                    path,
                    azureContainerName);
        }
    }
}
