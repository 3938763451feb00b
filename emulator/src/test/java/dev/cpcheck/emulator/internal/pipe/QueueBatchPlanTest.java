package dev.cpcheck.emulator.internal.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.emulator.internal.sqs.EventQueueReader.Received;
import dev.cpcheck.emulator.internal.sqs.S3EventMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What one poll of an unordered pipe does with the messages it received. */
class QueueBatchPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Pattern PATH = Pattern.compile("run/[^/]*\\.json");
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private static Received put(String handle, String key, long size, Instant sent) {
        String body = S3EventMessages.objectCreated(
                "us-east-1", "ObjectCreated:Put", "bucket", key, size, "e", "01", "c", sent);
        return new Received(handle, handle, sent, S3EventMessages.parse(body));
    }

    private static QueueBatchPlan plan(
            List<Received> received, Set<String> seen, long maxFiles, long maxBytes, Instant dropSince) {
        return QueueBatchPlan.of(received, "bucket", PATH, RETENTION, NOW, dropSince, maxFiles, maxBytes, keys -> {
            Set<String> hit = new java.util.HashSet<>(keys);
            hit.retainAll(seen);
            return hit;
        });
    }

    @Test
    void newFilesInTheOrderTheirEventsCameOtherMessagesDeletedAtOnce() {
        List<Received> received = new ArrayList<>();
        received.add(new Received("t", "t", NOW, S3EventMessages.parse(S3EventMessages.testEvent("bucket", NOW))));
        received.add(put("a", "run/f9.json", 10, NOW));
        received.add(put("b", "run/f1.json", 10, NOW));
        received.add(put("c", "other/f2.json", 10, NOW)); // another path
        received.add(put("d", "run/f9.json", 10, NOW)); // announced twice
        received.add(put("e", "run/seen.json", 10, NOW)); // ingested before
        received.add(new Received(
                "f", "f", NOW, List.of(new S3EventMessages.Event("ObjectRemoved:Delete", "bucket", "run/f3.json", 0))));
        received.add(put("g", "run/old.json", 10, NOW.minus(RETENTION).minusSeconds(1))); // past retention

        QueueBatchPlan p = plan(received, Set.of("run/seen.json"), 100, 1_000_000, null);

        assertThat(p.keys()).containsExactly("run/f9.json", "run/f1.json");
        assertThat(p.deleteAfterCommit()).containsExactlyInAnyOrder("a", "d", "b");
        assertThat(p.deleteNow()).containsExactlyInAnyOrder("t", "c", "e", "f", "g");
        assertThat(p.release()).isEmpty();
        assertThat(p.expired()).isEqualTo(1);
        assertThat(p.seen()).isEqualTo(1);
        assertThat(p.ignored()).isEqualTo(3);
    }

    @Test
    void filesBeyondTheMaxFileCountOrInsertBytesGoBackToTheQueue() {
        List<Received> received = List.of(
                put("a", "run/a.json", 60, NOW), put("b", "run/b.json", 60, NOW), put("c", "run/c.json", 1, NOW));

        QueueBatchPlan byBytes = plan(received, Set.of(), 100, 100, null);
        assertThat(byBytes.keys()).containsExactly("run/a.json", "run/c.json");
        assertThat(byBytes.release()).containsExactly("b");

        QueueBatchPlan byCount = plan(received, Set.of(), 1, 1_000_000, null);
        assertThat(byCount.keys()).containsExactly("run/a.json");
        assertThat(byCount.release()).containsExactly("b", "c");
    }

    @Test
    void theFaultDropsTheFirstNewFileEventSentSinceTheStop() {
        Instant stop = NOW.minusSeconds(30);
        List<Received> received = List.of(
                put("before", "run/a.json", 1, stop.minusSeconds(1)),
                put("first", "run/b.json", 1, stop.plusSeconds(1)),
                put("second", "run/c.json", 1, stop.plusSeconds(2)));

        QueueBatchPlan p = plan(received, Set.of(), 100, 1_000_000, stop);

        assertThat(p.droppedByFault()).isEqualTo("run/b.json");
        assertThat(p.keys()).containsExactly("run/a.json", "run/c.json");
        assertThat(p.deleteNow()).containsExactly("first");
    }

    @Test
    void eventBridgeEnvelopesAreReadLikeDirectEvents() {
        String envelope = "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"detail\":{\"bucket\":{\"name\":\"bucket\"},\"object\":{\"key\":\"run/eb.json\",\"size\":5,"
                + "\"etag\":\"x\"},\"reason\":\"PutObject\"}}";
        assertThat(S3EventMessages.parse(envelope))
                .containsExactly(new S3EventMessages.Event("ObjectCreated:Put", "bucket", "run/eb.json", 5));
        assertThat(S3EventMessages.parse("{\"Type\":\"Notification\",\"Message\":\"{}\"}"))
                .as("an SNS envelope without raw delivery")
                .isEmpty();
        assertThat(S3EventMessages.parse("not json")).isEmpty();
    }
}
