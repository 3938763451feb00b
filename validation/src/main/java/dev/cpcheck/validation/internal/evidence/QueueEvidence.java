package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run in unordered mode knows beyond the table: the pipe's queue (its retention), when the
 * run saw the queue drained (every event taken, every taken file landed), when each file was
 * written, and when the pipe resumed. A file owed, written before the drain and not in the table
 * was lost: its event was taken or dropped and will not come again. Key order proves nothing in
 * this mode, so nothing else makes a missing file lost.
 */
public final class QueueEvidence {
    private final RunHistory.QueueFacts queue;
    private final Instant drainedAt;
    private final Map<Long, Instant> uploadedById = new HashMap<>();
    private final List<Instant> resumes;

    private QueueEvidence(RunHistory.QueueFacts queue, Instant drainedAt, Manifest manifest, List<Instant> resumes) {
        this.queue = queue;
        this.drainedAt = drainedAt;
        this.resumes = resumes;
        for (ManifestFile f : manifest.files()) {
            Instant at = f.uploadFinishedAt() != null ? f.uploadFinishedAt() : f.uploadStartedAt();
            if (at != null) {
                uploadedById.putIfAbsent(f.fileId(), at);
            }
        }
    }

    /** The evidence of a run whose pipe read a queue; empty for a pipe in key order. */
    public static Optional<QueueEvidence> of(RunHistory history, Manifest manifest) {
        return history.eventQueue()
                .map(q ->
                        new QueueEvidence(q, history.eventsDrainedAt().orElse(null), manifest, history.resumeTimes()));
    }

    /** The queue's retention, when the run recorded it. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(queue.retention());
    }

    /** When the run saw the queue drained (JVM clock), if it did. */
    public Optional<Instant> drainedAt() {
        return Optional.ofNullable(drainedAt);
    }

    /** Whether the file was written before the queue was seen drained: its event was taken by then. */
    public boolean eventTaken(long fileId) {
        Instant at = uploadedById.get(fileId);
        return drainedAt != null && at != null && !at.isAfter(drainedAt);
    }

    /**
     * How long the file's event waited in the queue for a paused pipe when that was longer than the
     * queue's retention (SQS had deleted it by the resume), else empty.
     */
    public Optional<Duration> waitedPastRetention(long fileId) {
        Instant at = uploadedById.get(fileId);
        if (at == null || queue.retention() == null) {
            return Optional.empty();
        }
        for (Instant resume : resumes) {
            if (resume.isAfter(at)) {
                Duration waited = Duration.between(at, resume);
                return waited.compareTo(queue.retention()) > 0 ? Optional.of(waited) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
