package dev.cpcheck.core.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the upload of one fixture file ended. */
public enum UploadOutcome {
    /** The store acknowledged the file: it must be ingested. */
    OK,
    /** The store refused the file after retries: it was never written, so it cannot be lost. */
    FAILED,
    /** The request was sent but no answer came (timeout): the file may or may not exist. */
    INDETERMINATE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UploadOutcome fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
