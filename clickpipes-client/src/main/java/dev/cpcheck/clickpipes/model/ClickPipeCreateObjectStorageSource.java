package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Redaction;

/**
 * Object-storage source in a create request (spec {@code ClickPipePostObjectStorageSource}).
 * Only credentials, {@code skipInitialLoad} and {@code startAfter} can be changed later.
 *
 * <p>Secrets ({@code accessKey.secretKey}, {@code connectionString}, {@code serviceAccountKey})
 * are serialized, because the server needs them, but {@link #toString()} masks them.
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
 * @param type kind of storage
 * @param format file format
 * @param url URL glob of the files
 * @param delimiter field delimiter
 * @param compression file compression
 * @param isContinuous keep polling for new files (lexicographic order unless {@code queueUrl})
 * @param queueUrl SQS queue (or Pub/Sub subscription) for event-based ingestion
 * @param skipInitialLoad skip the initial load (queue-based pipes only)
 * @param startAfter skip keys up to and including this one during the initial load
 * @param authentication authentication method; {@code null} for a public bucket
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
        @JsonProperty("type") ObjectStorageType type,
        @JsonProperty("format") ObjectStorageFormat format,
        @JsonProperty("url") String url,
        @JsonProperty("delimiter") String delimiter,
        @JsonProperty("compression") ObjectStorageCompression compression,
        @JsonProperty("isContinuous") Boolean isContinuous,
        @JsonProperty("queueUrl") String queueUrl,
        @JsonProperty("skipInitialLoad") Boolean skipInitialLoad,
        @JsonProperty("startAfter") String startAfter,
        @JsonProperty("authentication") ObjectStorageAuthentication authentication,
        @JsonProperty("iamRole") String iamRole,
        @JsonProperty("connectionString") String connectionString,
        @JsonProperty("path") String path,
        @JsonProperty("azureContainerName") String azureContainerName,
        @JsonProperty("accessKey") ClickPipeAccessKey accessKey,
        @JsonProperty("serviceAccountKey") String serviceAccountKey) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .type(type)
                .format(format)
                .url(url)
                .delimiter(delimiter)
                .compression(compression)
                .isContinuous(isContinuous)
                .queueUrl(queueUrl)
                .skipInitialLoad(skipInitialLoad)
                .startAfter(startAfter)
                .authentication(authentication)
                .iamRole(iamRole)
                .connectionString(connectionString)
                .path(path)
                .azureContainerName(azureContainerName)
                .accessKey(accessKey)
                .serviceAccountKey(serviceAccountKey);
    }

    /**
     * The source as the API reports it after creation: the same settings without any secret. A
     * server implementation can answer a create request with it.
     */
    public ClickPipeObjectStorageSource withoutSecrets() {
        return ClickPipeObjectStorageSource.builder()
                .type(type)
                .format(format)
                .url(url)
                .delimiter(delimiter)
                .compression(compression)
                .isContinuous(isContinuous)
                .queueUrl(queueUrl)
                .skipInitialLoad(skipInitialLoad)
                .startAfter(startAfter)
                .authentication(authentication)
                .iamRole(iamRole)
                .path(path)
                .azureContainerName(azureContainerName)
                .build();
    }

    @Override
    public String toString() {
        return "ClickPipeCreateObjectStorageSource[type="
                + type
                + ", format="
                + format
                + ", url="
                + url
                + ", delimiter="
                + delimiter
                + ", compression="
                + compression
                + ", isContinuous="
                + isContinuous
                + ", queueUrl="
                + queueUrl
                + ", skipInitialLoad="
                + skipInitialLoad
                + ", startAfter="
                + startAfter
                + ", authentication="
                + authentication
                + ", iamRole="
                + iamRole
                + ", connectionString="
                + Redaction.mask(connectionString)
                + ", path="
                + path
                + ", azureContainerName="
                + azureContainerName
                + ", accessKey="
                + accessKey
                + ", serviceAccountKey="
                + Redaction.mask(serviceAccountKey)
                + "]";
    }

    /** Builder for {@link ClickPipeCreateObjectStorageSource}; every field is optional. */
    public static final class Builder {
        private ObjectStorageType type;
        private ObjectStorageFormat format;
        private String url;
        private String delimiter;
        private ObjectStorageCompression compression;
        private Boolean isContinuous;
        private String queueUrl;
        private Boolean skipInitialLoad;
        private String startAfter;
        private ObjectStorageAuthentication authentication;
        private String iamRole;
        private String connectionString;
        private String path;
        private String azureContainerName;
        private ClickPipeAccessKey accessKey;
        private String serviceAccountKey;

        private Builder() {}

        public Builder type(ObjectStorageType type) {
            this.type = type;
            return this;
        }

        public Builder format(ObjectStorageFormat format) {
            this.format = format;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder delimiter(String delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder compression(ObjectStorageCompression compression) {
            this.compression = compression;
            return this;
        }

        public Builder isContinuous(Boolean isContinuous) {
            this.isContinuous = isContinuous;
            return this;
        }

        public Builder queueUrl(String queueUrl) {
            this.queueUrl = queueUrl;
            return this;
        }

        public Builder skipInitialLoad(Boolean skipInitialLoad) {
            this.skipInitialLoad = skipInitialLoad;
            return this;
        }

        public Builder startAfter(String startAfter) {
            this.startAfter = startAfter;
            return this;
        }

        public Builder authentication(ObjectStorageAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder iamRole(String iamRole) {
            this.iamRole = iamRole;
            return this;
        }

        public Builder connectionString(String connectionString) {
            this.connectionString = connectionString;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder azureContainerName(String azureContainerName) {
            this.azureContainerName = azureContainerName;
            return this;
        }

        public Builder accessKey(ClickPipeAccessKey accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        /**
         * Sets IAM user credentials and {@code authentication = IAM_USER}.
         *
         * @param accessKeyId access key ID
         * @param secretKey secret access key
         */
        public Builder accessKey(String accessKeyId, String secretKey) {
            this.accessKey = new ClickPipeAccessKey(accessKeyId, secretKey);
            this.authentication = ObjectStorageAuthentication.IAM_USER;
            return this;
        }

        public Builder serviceAccountKey(String serviceAccountKey) {
            this.serviceAccountKey = serviceAccountKey;
            return this;
        }

        public ClickPipeCreateObjectStorageSource build() {
            return new ClickPipeCreateObjectStorageSource(
                    type,
                    format,
                    url,
                    delimiter,
                    compression,
                    isContinuous,
                    queueUrl,
                    skipInitialLoad,
                    startAfter,
                    authentication,
                    iamRole,
                    connectionString,
                    path,
                    azureContainerName,
                    accessKey,
                    serviceAccountKey);
        }
    }
}
