package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PATCH .../clickpipes/{id}/state} (spec {@code ClickPipeStatePatchRequest}):
 * {@code {"command":"start"}}, {@code "stop"} or {@code "resync"}.
 *
 * @param command the command
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeStateRequest(@JsonProperty("command") ClickPipeCommand command) {}
