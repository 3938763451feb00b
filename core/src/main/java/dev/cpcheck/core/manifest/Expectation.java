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
     * Skip it: it was there when the pipe started and its key is at or below the pipe's
     * {@code startAfter}, which "skips all files up to and including this object key during the
     * initial load" (ClickPipes API spec, {@code startAfter}).
     */
    SKIP_START_AFTER,
    /**
     * Skip it: it was there when the pipe started and the pipe skips its initial load
     * ({@code skipInitialLoad}: "skips the initial load and only ingests files delivered by queue
     * notifications", ClickPipes API spec; queue-based mode only).
     */
    SKIP_INITIAL_LOAD;

    /** Whether the pipe is expected to leave the file alone (any expectation but {@link #INGEST}). */
    public boolean ignored() {
        return this != INGEST;
    }

    /** Why the pipe leaves such a file alone, for reports. */
    public String reason() {
        return switch (this) {
            case INGEST -> "ingested";
            case IGNORE_BELOW_CHECKPOINT -> "below the checkpoint";
            case SKIP_START_AFTER -> "at or below startAfter, skipped by the initial load";
            case SKIP_INITIAL_LOAD -> "written before the pipe started, which skips its initial load";
        };
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Expectation fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
