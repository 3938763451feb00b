package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.cpcheck.clickpipes.internal.MemoryGbDeserializer;
import dev.cpcheck.clickpipes.internal.MillicoresDeserializer;

/**
 * Body of {@code PATCH .../clickpipes/{id}/scaling} (spec {@code ClickPipeScalingPatchRequest}).
 * Fields left {@code null} are not sent.
 *
 * <pre>{@code client.updateScaling(pipeId, ClickPipeScalingRequest.replicas(2));}</pre>
 *
 * @param replicas number of replicas, 1..40
 * @param concurrency S3 concurrency, 0..34 (deprecated in the spec)
 * @param replicaCpuMillicores CPU per replica, 125..2000
 * @param replicaMemoryGb memory per replica in GB, 0.5..8
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeScalingRequest(
        @JsonProperty("replicas") Integer replicas,
        @JsonProperty("concurrency") Integer concurrency,

        @JsonProperty("replicaCpuMillicores") @JsonDeserialize(using = MillicoresDeserializer.class)
        Integer replicaCpuMillicores,

        @JsonProperty("replicaMemoryGb") @JsonDeserialize(using = MemoryGbDeserializer.class)
        Double replicaMemoryGb) {

    /** A request that only sets the replica count. */
    public static ClickPipeScalingRequest replicas(int replicas) {
        return new ClickPipeScalingRequest(replicas, null, null, null);
    }
}
