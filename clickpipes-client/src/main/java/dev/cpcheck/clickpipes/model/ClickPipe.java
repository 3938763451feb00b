package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.cpcheck.clickpipes.internal.LenientInstantDeserializer;
import dev.cpcheck.clickpipes.internal.Lists;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ClickPipe as the API returns it (spec {@code ClickPipe}). Holds no secrets.
 *
 * <p>{@link #rawState()} is the exact string the server sent in {@code "state"};
 * {@link #state()} parses it, giving {@link ClickPipeState#UNKNOWN} for a value this client does
 * not know, while the raw string stays available.
 *
 * <pre>{@code
 * ClickPipe pipe = client.get(pipeId);
 * if (pipe.state() == ClickPipeState.RUNNING) { ... }
 *
 * // server side: a response record
 * ClickPipe created = ClickPipe.builder().id(id).name(name).state(ClickPipeState.PROVISIONING)
 *     .source(ClickPipeSource.objectStorage(request.source().objectStorage().withoutSecrets()))
 *     .build();
 * }</pre>
 *
 * @param id pipe ID (UUID)
 * @param serviceId ID of the service the pipe belongs to
 * @param name pipe name
 * @param rawState state as sent by the server, e.g. {@code "Running"} (JSON {@code "state"})
 * @param scaling scaling
 * @param source source (object storage modelled, other kinds raw)
 * @param destination destination
 * @param fieldMappings field mappings
 * @param settings advanced settings
 * @param createdAt creation time
 * @param updatedAt last update time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipe(
        @JsonProperty("id") String id,
        @JsonProperty("serviceId") String serviceId,
        @JsonProperty("name") String name,
        @JsonProperty("state") String rawState,
        @JsonProperty("scaling") ClickPipeScaling scaling,
        @JsonProperty("source") ClickPipeSource source,
        @JsonProperty("destination") ClickPipeDestination destination,
        @JsonProperty("fieldMappings") List<ClickPipeFieldMapping> fieldMappings,
        @JsonProperty("settings") ClickPipeSettings settings,

        @JsonProperty("createdAt")
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        @JsonSerialize(using = ToStringSerializer.class)
        Instant createdAt,

        @JsonProperty("updatedAt")
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        @JsonSerialize(using = ToStringSerializer.class)
        Instant updatedAt) {

    public ClickPipe {
        fieldMappings = Lists.copyOrNull(fieldMappings);
    }

    /** The parsed state; {@link ClickPipeState#UNKNOWN} for unknown values, null when absent. */
    public ClickPipeState state() {
        return ClickPipeState.fromValue(rawState);
    }

    /** A copy in another state. */
    public ClickPipe withState(ClickPipeState newState) {
        return toBuilder().state(newState).build();
    }

    /** The object-storage source, or {@code null} when the pipe reads something else. */
    @JsonIgnore
    public ClickPipeObjectStorageSource objectStorage() {
        return source == null ? null : source.objectStorage();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .serviceId(serviceId)
                .name(name)
                .rawState(rawState)
                .scaling(scaling)
                .source(source)
                .destination(destination)
                .fieldMappings(fieldMappings)
                .settings(settings)
                .createdAt(createdAt)
                .updatedAt(updatedAt);
    }

    /** Builder for {@link ClickPipe}; every field is optional. */
    public static final class Builder {
        private String id;
        private String serviceId;
        private String name;
        private String rawState;
        private ClickPipeScaling scaling;
        private ClickPipeSource source;
        private ClickPipeDestination destination;
        private List<ClickPipeFieldMapping> fieldMappings;
        private ClickPipeSettings settings;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {}

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder serviceId(String serviceId) {
            this.serviceId = serviceId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets the state. */
        public Builder state(ClickPipeState state) {
            this.rawState = Objects.requireNonNull(state, "state").value();
            return this;
        }

        /** Sets the state as a raw string, e.g. one this client does not know. */
        public Builder rawState(String rawState) {
            this.rawState = rawState;
            return this;
        }

        public Builder scaling(ClickPipeScaling scaling) {
            this.scaling = scaling;
            return this;
        }

        public Builder source(ClickPipeSource source) {
            this.source = source;
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

        public Builder settings(ClickPipeSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public ClickPipe build() {
            return new ClickPipe(
                    id,
                    serviceId,
                    name,
                    rawState,
                    scaling,
                    source,
                    destination,
                    fieldMappings,
                    settings,
                    createdAt,
                    updatedAt);
        }
    }
}
