package dev.cpcheck.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The guarantee the pipe is judged against. Under {@link #AT_LEAST_ONCE} duplicates are a
 * warning; loss is a failure under both.
 */
public enum DeliveryGuarantee {
    EXACTLY_ONCE("exactly-once"),
    AT_LEAST_ONCE("at-least-once");

    private final String id;

    DeliveryGuarantee(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses {@code exactly-once} / {@code at-least-once} (case-insensitive; underscores accepted).
     *
     * @throws IllegalArgumentException naming the valid values
     */
    @JsonCreator
    public static DeliveryGuarantee fromId(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (DeliveryGuarantee g : values()) {
                if (g.id.equals(v)) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException("unknown delivery guarantee '" + value + "'; use one of: "
                + Arrays.stream(values()).map(DeliveryGuarantee::id).collect(Collectors.joining(", ")));
    }
}
