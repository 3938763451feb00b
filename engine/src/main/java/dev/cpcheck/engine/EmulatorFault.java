package dev.cpcheck.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the ClickPipes emulator of the embedded stack treats the ingestion checkpoint across a pause
 * and a resume: {@link #NONE} is the faithful behaviour, each other value breaks it in one known way
 * so that a run shows cpcheck catching exactly that anomaly. The ids are those of the emulator's
 * fault modes and of {@code --emulator-fault}.
 *
 * <pre>{@code
 * try (CheckpointEngine engine = Cpcheck.local().faultMode(EmulatorFault.SKIP_PAUSED_FILES).build()) {
 *     RunReport report = engine.run(Scenarios.seed());   // FAIL: completeness
 * }
 * }</pre>
 */
public enum EmulatorFault {
    /** Faithful: resume continues after the last ingested key; nothing is ingested while stopped. */
    NONE("none", "faithful: resume continues from the checkpoint"),
    /** Resume forgets the checkpoint and ingests every file again: duplicates. */
    RESTART_FROM_SCRATCH("restart-from-scratch", "resume re-ingests every file from the start"),
    /** Resume jumps past the files written while stopped: they are lost. */
    SKIP_PAUSED_FILES("skip-paused-files", "resume skips the files written while paused"),
    /** Resume ingests the last batch before the pause once more: duplicates of that batch. */
    REPLAY_LAST_BATCH("replay-last-batch", "resume re-ingests the last batch"),
    /** Stop reports Stopped but ingestion goes on: rows land while paused. */
    INGEST_WHILE_PAUSED("ingest-while-paused", "keeps ingesting after stop while reporting Stopped"),
    /**
     * Unordered mode (source {@code s3-unordered}): resume drops the first event that reached the
     * queue while paused, so that file is never ingested: loss.
     */
    LOSE_EVENT_WHILE_PAUSED("lose-event-while-paused", "unordered mode: resume drops an event delivered while paused"),
    /**
     * Resume ingests one file of the last batch again, as an event that came again and was not
     * checked against the files already seen: duplicates of that file.
     */
    REPLAY_EVENT_AFTER_RESUME(
            "replay-event-after-resume", "unordered mode: resume ingests an already processed file again");

    private final String id;
    private final String description;

    EmulatorFault(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Kebab-case name, as on the command line, e.g. {@code skip-paused-files}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** One line saying what the fault does. */
    public String description() {
        return description;
    }

    /**
     * The fault with this id (case-insensitive; the constant's name is accepted too).
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    @JsonCreator
    public static EmulatorFault fromId(String id) {
        if (id != null) {
            String normalized = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (EmulatorFault f : values()) {
                if (f.id.equals(normalized)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("Unknown fault mode '" + id + "'; valid fault modes: "
                + Arrays.stream(values()).map(EmulatorFault::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
