package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Source part of a create request (spec {@code ClickPipePostSource}). This client creates
 * object-storage pipes only.
 *
 * @param objectStorage the object-storage source
 * @param validateSamples also validate sample data, not only the connection (experimental)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeCreateSource(
        @JsonProperty("objectStorage") ClickPipeCreateObjectStorageSource objectStorage,
        @JsonProperty("validateSamples") Boolean validateSamples) {

    /** An object-storage source without sample validation flag. */
    public static ClickPipeCreateSource objectStorage(ClickPipeCreateObjectStorageSource objectStorage) {
        return new ClickPipeCreateSource(objectStorage, null);
    }
}
