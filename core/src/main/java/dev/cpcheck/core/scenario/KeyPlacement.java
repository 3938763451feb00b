package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where new object keys sort relative to the keys written before. */
public enum KeyPlacement {
    /** After every key written so far: the normal, lexicographically ordered upload. */
    APPEND,
    /**
     * Before every key written so far, so below the pipe's checkpoint. ClickPipes' continuous
     * mode documents that such files are ignored; the manifest marks them expected-ignored.
     */
    BELOW_CHECKPOINT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static KeyPlacement fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown key placement '" + id + "'; use append or below-checkpoint", e);
        }
    }
}
