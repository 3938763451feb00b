package dev.cpcheck.clickpipes.model;

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

/**
 * A ClickHouse Cloud service: the part of spec {@code Service} that ClickPipes users need
 * (identity, state, endpoints, idling). Other fields of the response are ignored.
 *
 * <pre>{@code
 * Service service = client.getService();
 * if (service.state() == ServiceState.IDLE) { client.awakeService(); }
 * }</pre>
 *
 * @param id service ID
 * @param name service name
 * @param provider cloud provider ({@code aws}, {@code gcp}, {@code azure})
 * @param region region
 * @param rawState state as sent by the server, e.g. {@code "idle"} (JSON {@code "state"});
 *     {@link #state()} parses it
 * @param clickhouseVersion ClickHouse version
 * @param endpoints endpoints
 * @param tier tier (deprecated in the spec)
 * @param idleScaling whether the service idles when unused
 * @param idleTimeoutMinutes idle timeout
 * @param numReplicas number of replicas
 * @param minReplicaMemoryGb minimum memory per replica
 * @param maxReplicaMemoryGb maximum memory per replica
 * @param dataWarehouseId warehouse ID
 * @param isPrimary whether this is the primary service of its warehouse
 * @param isReadonly whether the service is read-only
 * @param releaseChannel release channel
 * @param createdAt creation time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Service(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("provider") String provider,
        @JsonProperty("region") String region,
        @JsonProperty("state") String rawState,
        @JsonProperty("clickhouseVersion") String clickhouseVersion,
        @JsonProperty("endpoints") List<ServiceEndpoint> endpoints,
        @JsonProperty("tier") String tier,
        @JsonProperty("idleScaling") Boolean idleScaling,
        @JsonProperty("idleTimeoutMinutes") Integer idleTimeoutMinutes,
        @JsonProperty("numReplicas") Integer numReplicas,
        @JsonProperty("minReplicaMemoryGb") Double minReplicaMemoryGb,
        @JsonProperty("maxReplicaMemoryGb") Double maxReplicaMemoryGb,
        @JsonProperty("dataWarehouseId") String dataWarehouseId,
        @JsonProperty("isPrimary") Boolean isPrimary,
        @JsonProperty("isReadonly") Boolean isReadonly,
        @JsonProperty("releaseChannel") String releaseChannel,

        @JsonProperty("createdAt")
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        @JsonSerialize(using = ToStringSerializer.class)
        Instant createdAt) {

    public Service {
        endpoints = Lists.copyOrNull(endpoints);
    }

    /** The parsed state; {@link ServiceState#UNKNOWN} for unknown values, null when absent. */
    public ServiceState state() {
        return ServiceState.fromValue(rawState);
    }

    /** A minimal service record: ID, name and state. */
    public static Service of(String id, String name, ServiceState state) {
        return new Service(
                id,
                name,
                null,
                null,
                state == null ? null : state.value(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A copy in another state. */
    public Service withState(ServiceState newState) {
        return new Service(
                id,
                name,
                provider,
                region,
                newState == null ? null : newState.value(),
                clickhouseVersion,
                endpoints,
                tier,
                idleScaling,
                idleTimeoutMinutes,
                numReplicas,
                minReplicaMemoryGb,
                maxReplicaMemoryGb,
                dataWarehouseId,
                isPrimary,
                isReadonly,
                releaseChannel,
                createdAt);
    }
}
