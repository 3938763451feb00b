package dev.cpcheck.emulator.internal.nemesis;

import dev.cpcheck.emulator.FaultMode;

/** The nemesis of each checkpoint fault mode. */
public final class Nemeses {
    private static final Nemesis NONE = () -> "none";

    private Nemeses() {}

    /** The nemesis that breaks the checkpoint the way {@code mode} says; a no-op for {@link FaultMode#NONE}. */
    public static Nemesis of(FaultMode mode) {
        return switch (mode) {
            case NONE -> NONE;
            case RESTART_FROM_SCRATCH -> new RestartFromScratch();
            case SKIP_PAUSED_FILES -> new SkipPausedFiles();
            case REPLAY_LAST_BATCH -> new ReplayLastBatch();
            case INGEST_WHILE_PAUSED -> new IngestWhilePaused();
            case LOSE_EVENT_WHILE_PAUSED -> new LoseEventWhilePaused();
            case REPLAY_EVENT_AFTER_RESUME -> new ReplayEventAfterResume();
        };
    }
}
