package dev.cpcheck.emulator.internal.nemesis;

/** A stop reports Stopping and Stopped, but the pipe goes on ingesting (rows land while paused). */
final class IngestWhilePaused implements Nemesis {
    @Override
    public String id() {
        return "ingest-while-paused";
    }

    @Override
    public boolean ingestsWhileStopped() {
        return true;
    }
}
