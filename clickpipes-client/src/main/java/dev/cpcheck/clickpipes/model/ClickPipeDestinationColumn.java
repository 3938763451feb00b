package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A column of the destination table (spec {@code ClickPipeDestinationColumn}).
 *
 * <pre>{@code new ClickPipeDestinationColumn("file_id", "UInt32")}</pre>
 *
 * @param name column name
 * @param type ClickHouse type, e.g. {@code "DateTime64(3)"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestinationColumn(
        @JsonProperty("name") String name,
        @JsonProperty("type") String type) {}
