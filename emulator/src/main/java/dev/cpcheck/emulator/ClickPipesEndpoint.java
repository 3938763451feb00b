package dev.cpcheck.emulator;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach a ClickHouse Cloud API for one service: base URL, organization, service and the API
 * key. {@link ClickPipesEmulator#endpoint()} gives one for the emulator; the same record describes
 * the real cloud ({@code https://api.clickhouse.cloud}).
 *
 * @param apiBaseUrl     base URL without {@code /v1}, e.g. {@code http://127.0.0.1:PORT}
 * @param organizationId organization id (UUID)
 * @param serviceId      service id (UUID)
 * @param apiKeyId       API key id (Basic auth user)
 * @param apiKeySecret   API key secret (Basic auth password)
 */
public record ClickPipesEndpoint(
        URI apiBaseUrl, String organizationId, String serviceId, String apiKeyId, String apiKeySecret) {

    public ClickPipesEndpoint {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(apiKeySecret, "apiKeySecret");
        String u = apiBaseUrl.toString();
        if (u.endsWith("/")) {
            apiBaseUrl = URI.create(u.substring(0, u.length() - 1));
        }
    }

    /** {@code <base>/v1/organizations/<org>/services/<service>}. */
    public URI serviceUrl() {
        return URI.create(apiBaseUrl + "/v1/organizations/" + organizationId + "/services/" + serviceId);
    }

    /** {@code <service url>/clickpipes}. */
    public URI clickPipesUrl() {
        return URI.create(serviceUrl() + "/clickpipes");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ClickPipesEndpoint[apiBaseUrl=" + apiBaseUrl + ", organizationId=" + organizationId + ", serviceId="
                + serviceId + ", apiKeyId=" + apiKeyId + ", apiKeySecret=****]";
    }
}
