package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A change of the destination an {@code alterTable} step makes while the pipe is paused: the
 * workflow the ClickPipes docs give for schema changes ("stop the pipe, make the modifications,
 * then restart it"; object storage reference, Limitations).
 */
public enum TableChange {
    /** {@code ALTER TABLE ... ADD COLUMN} of a column with a default, which the pipe does not map. */
    ADD_COLUMN("addColumn", "add a column with a default"),
    /**
     * A materialized view on the destination writing to a target table of its own
     * ({@code <table>_mv} to {@code <table>_mv_target}); the checks then also judge the target.
     */
    MATERIALIZED_VIEW("materializedView", "add a materialized view");

    private final String id;
    private final String description;

    TableChange(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name in YAML and history, e.g. {@code addColumn}. */
    @JsonValue
    public String id() {
        return id;
    }

    public String describe() {
        return description;
    }

    /** @throws IllegalArgumentException naming the known changes */
    @JsonCreator
    public static TableChange fromId(String id) {
        return Arrays.stream(values())
                .filter(c -> c.id.equalsIgnoreCase(id == null ? "" : id.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown table change '" + id + "'; known: "
                        + String.join(
                                ", ",
                                Arrays.stream(values()).map(TableChange::id).toList())));
    }
}
