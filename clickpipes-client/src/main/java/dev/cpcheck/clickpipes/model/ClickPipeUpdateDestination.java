package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Lists;
import java.util.List;

/**
 * Destination part of an update (spec {@code ClickPipePatchDestination}): only the column list can
 * change, and that changes the pipe's configuration, not the table schema.
 *
 * @param columns the new column list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeUpdateDestination(
        @JsonProperty("columns") List<ClickPipeDestinationColumn> columns) {

    public ClickPipeUpdateDestination {
        columns = Lists.copyOrNull(columns);
    }
}
