package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Lists;
import java.util.List;

/**
 * Body of {@code POST .../clickpipes} (spec {@code ClickPipePostRequest}).
 *
 * <pre>{@code
 * ClickPipeCreateRequest request = ClickPipeCreateRequest.builder()
 *     .name("cpcheck-run-42")
 *     .source(ClickPipeCreateObjectStorageSource.builder()
 *         .type(ObjectStorageType.S3).format(ObjectStorageFormat.JSON_EACH_ROW)
 *         .url("https://bucket.s3.amazonaws.com/run-42/**.ndjson").isContinuous(true)
 *         .accessKey(keyId, secret).build())
 *     .destination(ClickPipeDestination.builder()
 *         .database("default").table("events").managedTable(false).columns(columns).build())
 *     .fieldMappings(List.of(new ClickPipeFieldMapping("_file", "source_file")))
 *     .build();
 * }</pre>
 *
 * <p>The client adopts an existing pipe with the same {@code name} when a create whose outcome
 * is unknown is retried, so names should be unique within a service.
 *
 * @param name pipe name, 1..255 characters
 * @param source the source
 * @param destination the destination
 * @param fieldMappings source field → destination column mappings
 * @param scaling initial scaling
 * @param settings advanced settings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeCreateRequest(
        @JsonProperty("name") String name,
        @JsonProperty("source") ClickPipeCreateSource source,
        @JsonProperty("destination") ClickPipeDestination destination,
        @JsonProperty("fieldMappings") List<ClickPipeFieldMapping> fieldMappings,
        @JsonProperty("scaling") ClickPipeScaling scaling,
        @JsonProperty("settings") ClickPipeSettings settings) {

    public ClickPipeCreateRequest {
        fieldMappings = Lists.copyOrNull(fieldMappings);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .source(source)
                .destination(destination)
                .fieldMappings(fieldMappings)
                .scaling(scaling)
                .settings(settings);
    }

    /** Builder for {@link ClickPipeCreateRequest}. */
    public static final class Builder {
        private String name;
        private ClickPipeCreateSource source;
        private ClickPipeDestination destination;
        private List<ClickPipeFieldMapping> fieldMappings;
        private ClickPipeScaling scaling;
        private ClickPipeSettings settings;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder source(ClickPipeCreateSource source) {
            this.source = source;
            return this;
        }

        /** Sets an object-storage source. */
        public Builder source(ClickPipeCreateObjectStorageSource objectStorage) {
            this.source = ClickPipeCreateSource.objectStorage(objectStorage);
            return this;
        }

        public Builder destination(ClickPipeDestination destination) {
            this.destination = destination;
            return this;
        }

        public Builder fieldMappings(List<ClickPipeFieldMapping> fieldMappings) {
            this.fieldMappings = fieldMappings;
            return this;
        }

        public Builder scaling(ClickPipeScaling scaling) {
            this.scaling = scaling;
            return this;
        }

        public Builder settings(ClickPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public ClickPipeCreateRequest build() {
            return new ClickPipeCreateRequest(name, source, destination, fieldMappings, scaling, settings);
        }
    }
}
