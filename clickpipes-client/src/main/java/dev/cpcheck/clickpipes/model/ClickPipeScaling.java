package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.cpcheck.clickpipes.internal.MemoryGbDeserializer;
import dev.cpcheck.clickpipes.internal.MillicoresDeserializer;

/**
 * Scaling of a ClickPipe (spec {@code ClickPipeScaling}), in responses and create requests.
 *
 * <p>Parsing is lenient where real responses differ from the spec: {@code replicaCpuMillicores}
 * accepts {@code "250m"}, {@code replicaMemoryGb} accepts {@code "1Gi"}; both are always written
 * as numbers.
 *
 * @param replicas number of replicas (scalable pipes)
 * @param concurrency S3 concurrency (deprecated in the spec)
 * @param replicaCpuMillicores CPU per replica in millicores (streaming pipes)
 * @param replicaMemoryGb memory per replica in GB (streaming pipes)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeScaling(
        @JsonProperty("replicas") Integer replicas,
        @JsonProperty("concurrency") Integer concurrency,

        @JsonProperty("replicaCpuMillicores") @JsonDeserialize(using = MillicoresDeserializer.class)
        Integer replicaCpuMillicores,

        @JsonProperty("replicaMemoryGb") @JsonDeserialize(using = MemoryGbDeserializer.class)
        Double replicaMemoryGb) {}
