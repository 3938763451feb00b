package dev.cpcheck.core.spi;

import java.util.Objects;

/**
 * A pipe as the pipe control sees it.
 *
 * @param id          pipe id
 * @param name        pipe name
 * @param state       state when read
 * @param sourceUrl   the source URL glob, when known
 * @param destination destination table, when known
 */
public record PipeInfo(String id, String name, PipeState state, String sourceUrl, DestinationSpec destination) {
    public PipeInfo {
        Objects.requireNonNull(id, "id");
        state = state == null ? PipeState.UNKNOWN : state;
    }
}
