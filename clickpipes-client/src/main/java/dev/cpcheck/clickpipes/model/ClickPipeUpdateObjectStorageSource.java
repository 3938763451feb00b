package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Redaction;

/**
 * Object-storage part of an update (spec {@code ClickPipePatchObjectStorageSource}): credentials,
 * {@code skipInitialLoad} and {@code startAfter}. Fields left {@code null} are not sent. Built
 * with the shared {@link ObjectStorageSourceBuilder}, whose {@code build()} here rejects the
 * fields fixed at creation. Secrets are serialized but masked in {@link #toString()}.
 *
 * <pre>{@code
 * ClickPipeUpdateObjectStorageSource.builder().accessKey(newKeyId, newSecret).build();
 * }</pre>
 *
 * @param skipInitialLoad skip the initial load (queue-based pipes only)
 * @param startAfter skip keys up to and including this one during the initial load
 * @param rawAuthentication authentication method as sent, e.g. {@code "IAM_USER"} (JSON
 *     {@code "authentication"})
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
        @JsonProperty("authentication") String rawAuthentication,
        @JsonProperty("iamRole") String iamRole,
        @JsonProperty("connectionString") String connectionString,
        @JsonProperty("path") String path,
        @JsonProperty("azureContainerName") String azureContainerName,
        @JsonProperty("accessKey") ClickPipeAccessKey accessKey,
        @JsonProperty("serviceAccountKey") String serviceAccountKey) {

    /** Authentication method; {@link ObjectStorageAuthentication#UNKNOWN} for an unknown value. */
    public ObjectStorageAuthentication authentication() {
        return ObjectStorageAuthentication.fromValue(rawAuthentication);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return Redaction.toString(this);
    }

    /**
     * Builder for {@link ClickPipeUpdateObjectStorageSource}; every field is optional, and a field
     * fixed at creation ({@code type}, {@code format}, {@code url}, …) is rejected by
     * {@link #build()}.
     */
    public static final class Builder extends ObjectStorageSourceBuilder<Builder, ClickPipeUpdateObjectStorageSource> {

        private Builder() {}

        @Override
        public ClickPipeUpdateObjectStorageSource build() {
            requireOnlyChangeableFields("ClickPipeUpdateObjectStorageSource");
            return new ClickPipeUpdateObjectStorageSource(
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
