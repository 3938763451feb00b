package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Lists;
import java.util.List;

/**
 * Where a ClickPipe writes (spec {@code ClickPipeDestination} in responses and
 * {@code ClickPipeMutateDestination} in create requests; {@code roles} exists only in the latter).
 *
 * <pre>{@code
 * ClickPipeDestination.builder()
 *     .database("default").table("events").managedTable(false)
 *     .columns(List.of(new ClickPipeDestinationColumn("file_id", "UInt32")))
 *     .build();
 * }</pre>
 *
 * @param database destination database
 * @param table destination table
 * @param managedTable whether the pipe creates and owns the table
 * @param tableDefinition table definition when {@code managedTable} is true
 * @param columns columns of the destination table
 * @param roles roles granted to the ClickHouse user the pipe creates (create requests only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestination(
        @JsonProperty("database") String database,
        @JsonProperty("table") String table,
        @JsonProperty("managedTable") Boolean managedTable,
        @JsonProperty("tableDefinition") ClickPipeDestinationTableDefinition tableDefinition,
        @JsonProperty("columns") List<ClickPipeDestinationColumn> columns,
        @JsonProperty("roles") List<String> roles) {

    public ClickPipeDestination {
        columns = Lists.copyOrNull(columns);
        roles = Lists.copyOrNull(roles);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .database(database)
                .table(table)
                .managedTable(managedTable)
                .tableDefinition(tableDefinition)
                .columns(columns)
                .roles(roles);
    }

    /** Builder for {@link ClickPipeDestination}; every field is optional. */
    public static final class Builder {
        private String database;
        private String table;
        private Boolean managedTable;
        private ClickPipeDestinationTableDefinition tableDefinition;
        private List<ClickPipeDestinationColumn> columns;
        private List<String> roles;

        private Builder() {}

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder managedTable(Boolean managedTable) {
            this.managedTable = managedTable;
            return this;
        }

        public Builder tableDefinition(ClickPipeDestinationTableDefinition tableDefinition) {
            this.tableDefinition = tableDefinition;
            return this;
        }

        public Builder columns(List<ClickPipeDestinationColumn> columns) {
            this.columns = columns;
            return this;
        }

        public Builder roles(List<String> roles) {
            this.roles = roles;
            return this;
        }

        public ClickPipeDestination build() {
            return new ClickPipeDestination(database, table, managedTable, tableDefinition, columns, roles);
        }
    }
}
