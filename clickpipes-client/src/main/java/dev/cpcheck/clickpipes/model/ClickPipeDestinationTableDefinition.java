package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Lists;
import java.util.List;

/**
 * Definition of a table the pipe creates itself, used with {@code managedTable = true} (spec
 * {@code ClickPipeDestinationTableDefinition}).
 *
 * <pre>{@code
 * new ClickPipeDestinationTableDefinition(
 *     ClickPipeDestinationTableEngine.mergeTree(), List.of("file_id", "row_id"), null, null)
 * }</pre>
 *
 * @param engine table engine
 * @param sortingKey columns of the sorting key
 * @param partitionBy partition key SQL expression
 * @param primaryKey primary key SQL expression
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestinationTableDefinition(
        @JsonProperty("engine") ClickPipeDestinationTableEngine engine,
        @JsonProperty("sortingKey") List<String> sortingKey,
        @JsonProperty("partitionBy") String partitionBy,
        @JsonProperty("primaryKey") String primaryKey) {

    public ClickPipeDestinationTableDefinition {
        sortingKey = Lists.copyOrNull(sortingKey);
    }
}
