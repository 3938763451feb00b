package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An endpoint of a ClickHouse Cloud service (spec {@code ServiceEndpoint}).
 *
 * @param protocol {@code https}, {@code nativesecure} or {@code mysql}
 * @param host host name
 * @param port port
 * @param username optional user name for the endpoint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceEndpoint(
        @JsonProperty("protocol") String protocol,
        @JsonProperty("host") String host,
        @JsonProperty("port") Integer port,
        @JsonProperty("username") String username) {}
