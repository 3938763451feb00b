package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Redaction;

/**
 * Object-storage part of an update (spec {@code ClickPipePatchObjectStorageSource}): credentials,
 * {@code skipInitialLoad} and {@code startAfter}. Fields left {@code null} are not sent. Secrets
 * are serialized but masked in {@link #toString()}.
 *
 * <pre>{@code
 * ClickPipeUpdateObjectStorageSource.builder().accessKey(newKeyId, newSecret).build();
 * }</pre>
 *
 * @param skipInitialLoad skip the initial load (queue-based pipes only)
 * @param startAfter skip keys up to and including this one during the initial load
 * @param authentication authentication method
 * @param iamRole IAM role ARN
 * @param connectionString Azure connection string (secret)
 * @param path path inside the Azure container
 * @param azureContainerName Azure container name
 * @param accessKey IAM user key (secret)
 * @param serviceAccountKey base64 GCP service account key (secret)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeUpdateObjectStorageSource(
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

    @Override
    public String toString() {
        return "ClickPipeUpdateObjectStorageSource[skipInitialLoad="
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

    /** Builder for {@link ClickPipeUpdateObjectStorageSource}; every field is optional. */
    public static final class Builder {
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

        /** Sets new IAM user credentials and {@code authentication = IAM_USER}. */
        public Builder accessKey(String accessKeyId, String secretKey) {
            this.accessKey = new ClickPipeAccessKey(accessKeyId, secretKey);
            this.authentication = ObjectStorageAuthentication.IAM_USER;
            return this;
        }

        public Builder serviceAccountKey(String serviceAccountKey) {
            this.serviceAccountKey = serviceAccountKey;
            return this;
        }

        public ClickPipeUpdateObjectStorageSource build() {
            return new ClickPipeUpdateObjectStorageSource(
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
