package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Redaction;

/**
 * IAM user credentials for object storage ({@code source.objectStorage.accessKey}, spec schema
 * {@code MskIamUser}). Write-only: it is sent in create and update requests, never returned by
 * the API, and {@link #toString()} never shows the secret.
 *
 * @param accessKeyId access key ID
 * @param secretKey secret access key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeAccessKey(
        @JsonProperty("accessKeyId") String accessKeyId,
        @JsonProperty("secretKey") String secretKey) {

    @Override
    public String toString() {
        return Redaction.toString(this);
    }
}
