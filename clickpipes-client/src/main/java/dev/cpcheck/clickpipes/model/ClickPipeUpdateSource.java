package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Source part of an update (spec {@code ClickPipePatchSource}).
 *
 * @param objectStorage the object-storage changes
 * @param validateSamples also validate sample data, not only the connection (experimental)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeUpdateSource(
        @JsonProperty("objectStorage") ClickPipeUpdateObjectStorageSource objectStorage,
        @JsonProperty("validateSamples") Boolean validateSamples) {

    /** An update of the object-storage source. */
    public static ClickPipeUpdateSource objectStorage(ClickPipeUpdateObjectStorageSource objectStorage) {
        return new ClickPipeUpdateSource(objectStorage, null);
    }
}
