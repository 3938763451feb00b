package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Lists;
import java.util.List;

/**
 * Body of {@code PATCH .../clickpipes/{id}} (spec {@code ClickPipePatchRequest}). Fields left
 * {@code null} are not sent and stay as they are.
 *
 * <pre>{@code
 * client.update(pipeId, ClickPipeUpdateRequest.builder()
 *     .source(ClickPipeUpdateObjectStorageSource.builder().accessKey(keyId, secret).build())
 *     .build());
 * }</pre>
 *
 * @param name new name
 * @param source source changes (credentials, {@code skipInitialLoad}, {@code startAfter})
 * @param destination new column list (configuration only, not the table schema)
 * @param fieldMappings new field mappings
 * @param settings new advanced settings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeUpdateRequest(
        @JsonProperty("name") String name,
        @JsonProperty("source") ClickPipeUpdateSource source,
        @JsonProperty("destination") ClickPipeUpdateDestination destination,
        @JsonProperty("fieldMappings") List<ClickPipeFieldMapping> fieldMappings,
        @JsonProperty("settings") ClickPipeSettings settings) {

    public ClickPipeUpdateRequest {
        fieldMappings = Lists.copyOrNull(fieldMappings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ClickPipeUpdateRequest}; every field is optional. */
    public static final class Builder {
        private String name;
        private ClickPipeUpdateSource source;
        private ClickPipeUpdateDestination destination;
        private List<ClickPipeFieldMapping> fieldMappings;
        private ClickPipeSettings settings;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder source(ClickPipeUpdateSource source) {
            this.source = source;
            return this;
        }

        /** Sets object-storage changes. */
        public Builder source(ClickPipeUpdateObjectStorageSource objectStorage) {
            this.source = ClickPipeUpdateSource.objectStorage(objectStorage);
            return this;
        }

        public Builder destination(ClickPipeUpdateDestination destination) {
            this.destination = destination;
            return this;
        }

        public Builder fieldMappings(List<ClickPipeFieldMapping> fieldMappings) {
            this.fieldMappings = fieldMappings;
            return this;
        }

        public Builder settings(ClickPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public ClickPipeUpdateRequest build() {
            return new ClickPipeUpdateRequest(name, source, destination, fieldMappings, settings);
        }
    }
}
