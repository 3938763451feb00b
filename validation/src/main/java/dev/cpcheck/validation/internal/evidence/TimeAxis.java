package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.history.RunHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The buckets of the timeline: {@code n} buckets of {@code step} ms from {@code origin} (server
 * time), plus bucket -1 for anything earlier and bucket {@code n} for anything later. The width is
 * chosen from a readable list so that the run spans about {@value #TARGET_BUCKETS} buckets.
 *
 * @param originMs start of bucket 0, epoch ms, a multiple of the step
 * @param stepMs   bucket width in ms
 * @param buckets  number of regular buckets
 */
public record TimeAxis(long originMs, long stepMs, long buckets) {
    static final int TARGET_BUCKETS = 60;
    private static final long[] STEPS_MS = {
        100,
        200,
        500,
        1_000,
        2_000,
        5_000,
        10_000,
        15_000,
        30_000,
        60_000,
        120_000,
        300_000,
        600_000,
        900_000,
        1_800_000,
        3_600_000,
        7_200_000,
        21_600_000,
        43_200_000,
        86_400_000
    };

    /** An axis over [from, to]. */
    public static TimeAxis over(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long step = STEPS_MS[STEPS_MS.length - 1];
        for (long s : STEPS_MS) {
            if (span / s <= TARGET_BUCKETS) {
                step = s;
                break;
            }
        }
        long origin = Math.floorDiv(from.toEpochMilli(), step) * step;
        long n = Math.floorDiv(to.toEpochMilli() - origin, step) + 1;
        return new TimeAxis(origin, step, n);
    }

    /** The axis over a run's history (server time), or null for an empty history. */
    public static TimeAxis of(RunHistory history) {
        if (history.startedAt().isEmpty() || history.endedAt().isEmpty()) {
            return null;
        }
        return over(
                history.toServerTime(history.startedAt().get()),
                history.toServerTime(history.endedAt().get()));
    }

    /** SQL for the bucket of an epoch-ms expression, using the parameters of {@link #params}. */
    static String bucketSql(String epochMs) {
        return "greatest(-1, least({ax_n:Int64}, toInt64(floor((" + epochMs
                + " - {ax_origin:Int64}) / {ax_step:Int64}))))";
    }

    /** {@link #bucketSql} in Java: the bucket of an epoch-ms time, -1 before the axis, {@code buckets} after it. */
    long bucket(long epochMs) {
        return Math.max(-1, Math.min(buckets, Math.floorDiv(epochMs - originMs, stepMs)));
    }

    void params(Map<String, Object> params) {
        params.put("ax_origin", originMs);
        params.put("ax_step", stepMs);
        params.put("ax_n", buckets);
    }

    public Instant start(long bucket) {
        return Instant.ofEpochMilli(originMs + bucket * stepMs);
    }

    public Instant end(long bucket) {
        return start(bucket + 1);
    }

    public Duration step() {
        return Duration.ofMillis(stepMs);
    }
}
