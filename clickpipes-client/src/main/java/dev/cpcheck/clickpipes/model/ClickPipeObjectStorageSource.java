package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Object-storage source of a ClickPipe as the API returns it (spec
 * {@code ClickPipeObjectStorageSource}). It holds no secrets: the API never returns credentials,
 * and the spec's {@code connectionString} (an Azure account key) is deliberately not read.
 *
 * @param type kind of storage, e.g. {@link ObjectStorageType#S3}
 * @param format file format
 * @param url URL glob of the files ({@code ?}, {@code *}, {@code **}; no {@code {a,b}})
 * @param delimiter field delimiter
 * @param compression file compression
 * @param isContinuous whether the pipe keeps polling for new files
 * @param queueUrl SQS queue (or Pub/Sub subscription) for event-based, unordered ingestion
 * @param skipInitialLoad skip the initial load (queue-based pipes only)
 * @param startAfter skip keys up to and including this one during the initial load
 * @param authentication authentication method; {@code null} for a public bucket
 * @param iamRole IAM role ARN, with {@link ObjectStorageAuthentication#IAM_ROLE}
 * @param path path inside the Azure container
 * @param azureContainerName Azure container name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeObjectStorageSource(
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
        @JsonProperty("path") String path,
        @JsonProperty("azureContainerName") String azureContainerName) {

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
                .path(path)
                .azureContainerName(azureContainerName);
    }

    /** Builder for {@link ClickPipeObjectStorageSource}; every field is optional. */
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
        private String path;
        private String azureContainerName;

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

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder azureContainerName(String azureContainerName) {
            this.azureContainerName = azureContainerName;
            return this;
        }

        public ClickPipeObjectStorageSource build() {
            return new ClickPipeObjectStorageSource(
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
                    path,
                    azureContainerName);
        }
    }
}
