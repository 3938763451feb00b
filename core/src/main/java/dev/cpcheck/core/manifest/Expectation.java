package dev.cpcheck.core.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the pipe is expected to do with a file. */
public enum Expectation {
    /** Ingest it exactly once. */
    INGEST,
    /**
     * Ignore it: its key sorts lower than keys already ingested, and ClickPipes' continuous
     * (lexicographic) mode documents that such files are not ingested.
     */
    IGNORE_BELOW_CHECKPOINT,
    /**
     * Ignore it: it was in the bucket before the queue announced files to a pipe in unordered mode
     * that skips the initial load ({@code skipInitialLoad}: "only ingests files delivered by queue
     * notifications", ClickPipes API spec).
     */
    IGNORE_SKIPPED_INITIAL_LOAD;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Expectation fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
