package dev.cpcheck.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the ClickPipes emulator treats the ingestion checkpoint across a pause (stop) and resume
 * (start). {@link #NONE} is the faithful behaviour; every other mode breaks the checkpoint in
 * exactly one known way, so that a checker can be shown to detect it.
 *
 * <p>Select a mode emulator-wide ({@link ClickPipesEmulator.Builder#faultMode(FaultMode)},
 * {@link ClickPipesEmulator#faultMode(FaultMode)}) or for one pipe
 * ({@link ClickPipesEmulator#pipeFaultMode(String, FaultMode)}); a pipe's own mode wins. The mode in
 * force when the pipe is stopped (for {@link #INGEST_WHILE_PAUSED}) or started (for the others)
 * decides.
 */
public enum FaultMode {
    /** Faithful: resume continues after the last ingested key; nothing is ingested while stopped. */
    NONE("none", "faithful: resume continues from the checkpoint"),
    /** Resume forgets the checkpoint and ingests every matching file again: duplicates. */
    RESTART_FROM_SCRATCH("restart-from-scratch", "resume re-ingests every file from the start"),
    /** Resume jumps the checkpoint past the files written while stopped: they are lost. */
    SKIP_PAUSED_FILES("skip-paused-files", "resume skips the files written while paused"),
    /** Resume ingests the last batch before the pause once more: duplicates of that batch. */
    REPLAY_LAST_BATCH("replay-last-batch", "resume re-ingests the last batch"),
    /** Stop reports Stopping/Stopped but ingestion goes on: rows land while paused. */
    INGEST_WHILE_PAUSED("ingest-while-paused", "keeps ingesting after stop while reporting Stopped"),
    /** Unordered mode: resume drops the first event that reached the queue while paused: that file is lost. */
    LOSE_EVENT_WHILE_PAUSED("lose-event-while-paused", "unordered mode: resume drops an event delivered while paused"),
    /** Resume takes a file of the last batch again, as a redelivered event not checked against the seen files. */
    REPLAY_EVENT_AFTER_RESUME(
            "replay-event-after-resume", "unordered mode: resume ingests an already processed file again");

    private final String id;
    private final String description;

    FaultMode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Kebab-case name used in configuration and on the command line, e.g. {@code skip-paused-files}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** One line saying what the mode does. */
    public String description() {
        return description;
    }

    /**
     * The mode with this id (case-insensitive; the enum constant name is accepted too).
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    @JsonCreator
    public static FaultMode fromId(String id) {
        if (id != null) {
            String normalized = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (FaultMode mode : values()) {
                if (mode.id.equals(normalized)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("Unknown fault mode '" + id + "'; valid fault modes: "
                + Arrays.stream(values()).map(FaultMode::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
