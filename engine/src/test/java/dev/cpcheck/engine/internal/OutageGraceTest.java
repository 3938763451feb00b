package dev.cpcheck.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.engine.RetryNotice;
import dev.cpcheck.validation.ClickHouseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads ride out a part that refuses connections for a moment, and fail clearly when it stays down. */
class OutageGraceTest {
    private final List<RetryNotice> notices = new CopyOnWriteArrayList<>();

    private static ClickHouseException refused() {
        return new ClickHouseException(
                "cannot connect to ClickHouse at http://127.0.0.1:1: connection refused", 0, false, null);
    }

    @Test
    void aRestartShorterThanTheGraceIsRiddenOutAndAnnounced() {
        OutageGrace grace = new OutageGrace(notices::add, Duration.ofSeconds(10));
        AtomicInteger calls = new AtomicInteger();
        long counted = grace.read(() -> {
            if (calls.incrementAndGet() < 3) {
                throw refused();
            }
            return 42L;
        });
        assertThat(counted).isEqualTo(42L);
        assertThat(notices).isNotEmpty().allSatisfy(n -> {
            assertThat(n.part()).isEqualTo("clickhouse");
            assertThat(n.description()).contains("connection refused").contains("retrying for up to");
        });
    }

    @Test
    void aPartThatStaysDownFailsAfterTheGraceWithItsOwnMessageAndThenAtOnce() {
        OutageGrace grace = new OutageGrace(notices::add, Duration.ofMillis(800));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> grace.read(() -> {
                    throw refused();
                }))
                .hasMessage("cannot connect to ClickHouse at http://127.0.0.1:1: connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(800));

        // the outage is established: the next read does not wait out another grace
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> grace.read(() -> {
                    calls.incrementAndGet();
                    throw refused();
                }))
                .isInstanceOf(ClickHouseException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void otherFailuresAreNotRetried() {
        OutageGrace grace = new OutageGrace(notices::add, Duration.ofSeconds(10));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> grace.read(() -> {
                    calls.incrementAndGet();
                    throw new ClickHouseException("ClickHouse refused the query: UNKNOWN_TABLE", 60, true, null);
                }))
                .hasMessageContaining("UNKNOWN_TABLE");
        assertThat(calls).hasValue(1);
        assertThat(notices).isEmpty();
    }
}
