package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.internal.sqs.EventQueueReader.Received;
import dev.cpcheck.emulator.internal.sqs.S3EventMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What one poll of an unordered pipe does with the messages it received (docs: S3 ClickPipes,
 * "Unordered mode": the pipe listens for {@code ObjectCreated:*} events that match the path, and
 * ignores a message when the file was seen before, does not match the path, or the event is of
 * another type; a batch is ingested when the max file count or max insert bytes is reached, or at
 * the polling interval):
 * <ul>
 *   <li>a message older than the queue's retention is dropped unread, as SQS deletes it by then
 *       (the local SQS server keeps no retention);</li>
 *   <li>a test event, an event of another type, bucket or path: deleted, nothing ingested;</li>
 *   <li>an event of a file in the seen set (the archive table) or announced twice: deleted once
 *       the batch is committed, the file ingested at most once;</li>
 *   <li>new files, in the order their events came, up to the max file count and the max insert
 *       bytes; the rest is handed back to the queue for the next poll;</li>
 *   <li>a file over 10 GB is not ingested (an error goes to the error table).</li>
 * </ul>
 * Messages of the batch are deleted only after its commit: until then they are invisible for the
 * queue's visibility timeout, and come back if the commit never happens.
 */
record QueueBatchPlan(
        List<String> keys,
        Map<String, Long> sizes,
        List<String> deleteNow,
        List<String> deleteAfterCommit,
        List<String> release,
        List<String> tooLarge,
        int expired,
        String droppedByFault,
        int ignored,
        int seen) {

    /**
     * @param dropOneSince fault: drop the first new-file event sent at or after this time, or {@code null}
     * @param seenFiles    which of the given keys the pipe ingested before
     */
    static QueueBatchPlan of(
            List<Received> received,
            String bucket,
            Pattern keyPattern,
            Duration retention,
            Instant now,
            Instant dropOneSince,
            long maxFiles,
            long maxBytes,
            Function<Collection<String>, Set<String>> seenFiles) {
        List<String> deleteNow = new ArrayList<>();
        Map<String, Long> candidates = new LinkedHashMap<>();
        Map<String, List<String>> handles = new LinkedHashMap<>();
        int expired = 0;
        int ignored = 0;
        String dropped = null;
        for (Received r : received) {
            if (r.sentAt().plus(retention).isBefore(now)) {
                expired++;
                deleteNow.add(r.receiptHandle());
                continue;
            }
            List<S3EventMessages.Event> matching = r.events().stream()
                    .filter(S3EventMessages.Event::objectCreated)
                    .filter(e -> e.bucket().equals(bucket))
                    .filter(e -> keyPattern.matcher(e.key()).matches())
                    .toList();
            if (matching.isEmpty()) {
                ignored++;
                deleteNow.add(r.receiptHandle());
                continue;
            }
            if (dropped == null && dropOneSince != null && !r.sentAt().isBefore(dropOneSince)) {
                dropped = matching.get(0).key();
                deleteNow.add(r.receiptHandle());
                continue;
            }
            for (S3EventMessages.Event e : matching) {
                candidates.putIfAbsent(e.key(), e.size());
                handles.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(r.receiptHandle());
            }
        }
        Set<String> seenBefore = candidates.isEmpty() ? Set.of() : seenFiles.apply(candidates.keySet());
        List<String> deleteAfterCommit = new ArrayList<>();
        List<String> release = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> tooLarge = new ArrayList<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        long bytes = 0;
        int seen = 0;
        for (Map.Entry<String, Long> c : candidates.entrySet()) {
            List<String> h = handles.get(c.getKey());
            if (seenBefore.contains(c.getKey())) {
                seen++;
                deleteNow.addAll(h);
            } else if (c.getValue() > IngestionWorker.MAX_FILE_BYTES) {
                tooLarge.add(c.getKey());
                deleteNow.addAll(h);
            } else if (keys.size() >= maxFiles || (!keys.isEmpty() && bytes + c.getValue() > maxBytes)) {
                release.addAll(h);
            } else {
                keys.add(c.getKey());
                sizes.put(c.getKey(), c.getValue());
                bytes += c.getValue();
                deleteAfterCommit.addAll(h);
            }
        }
        // a message holding a deferred key and a taken one stays until both are in: release wins
        deleteAfterCommit.removeAll(release);
        deleteNow.removeAll(release);
        return new QueueBatchPlan(
                keys, sizes, deleteNow, deleteAfterCommit, release, tooLarge, expired, dropped, ignored, seen);
    }
}
