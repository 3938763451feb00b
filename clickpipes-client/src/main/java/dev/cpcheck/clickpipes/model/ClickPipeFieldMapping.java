package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Maps a source field to a destination column (spec {@code ClickPipeFieldMapping}). All
 * destination columns must be mapped. Object-storage pipes may also map the virtual columns
 * {@code _file}, {@code _path}, {@code _size} and {@code _time}.
 *
 * <pre>{@code new ClickPipeFieldMapping("_file", "source_file")}</pre>
 *
 * @param sourceField field in the source data (or a virtual column)
 * @param destinationField column of the destination table
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeFieldMapping(
        @JsonProperty("sourceField") String sourceField,
        @JsonProperty("destinationField") String destinationField) {}
