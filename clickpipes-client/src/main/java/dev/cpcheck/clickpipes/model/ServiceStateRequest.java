package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PATCH .../services/{id}/state} (spec {@code ServiceStatePatchRequest}):
 * {@code {"command":"start"}}, {@code "stop"} or {@code "awake"}.
 *
 * @param command the command
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceStateRequest(@JsonProperty("command") ServiceCommand command) {}
