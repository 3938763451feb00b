package dev.cpcheck.core.history;

import dev.cpcheck.core.scenario.StepKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a run's time went, worked out from its history's timestamps (monotonic nanoseconds): the
 * steps that wrote files ({@code upload}), waited for files to land ({@code ingestion}) and
 * validated ({@code validation}), each summed over its steps, and the {@code cleanup} between the
 * end of the last step and the end of the run (resuming a paused pipe, removing what the run
 * created). Pausing, holding and resuming are in none of them.
 *
 * <pre>{@code
 * PhaseTimes t = PhaseTimes.of(RunHistory.read(runFolder.resolve("history.jsonl")));
 * long uploadMs = t.uploadMs();
 * }</pre>
 *
 * @param uploadMs     write-files steps, in ms
 * @param ingestionMs  await-files steps, in ms
 * @param validationMs validate steps, in ms
 * @param cleanupMs    from the last step's end to the run's end, in ms (0 when the run has not ended)
 */
public record PhaseTimes(long uploadMs, long ingestionMs, long validationMs, long cleanupMs) {
    /** No time in any phase. */
    public static final PhaseTimes NONE = new PhaseTimes(0, 0, 0, 0);

    /** The phase times of a history; steps that started and never ended count up to the last event. */
    public static PhaseTimes of(RunHistory history) {
        long[] ms = new long[3];
        Map<Integer, HistoryEvent> open = new HashMap<>();
        Long lastStepEnd = null;
        Long runEnd = null;
        long lastEvent = 0;
        for (HistoryEvent e : history.events()) {
            lastEvent = e.monoNanos();
            switch (e.type()) {
                case EventType.STEP_STARTED -> {
                    if (e.step() != null) {
                        open.put(e.step(), e);
                    }
                }
                case EventType.STEP_FINISHED, EventType.STEP_FAILED -> {
                    HistoryEvent start = e.step() == null ? null : open.remove(e.step());
                    if (start != null) {
                        add(ms, start.string("kind"), e.monoNanos() - start.monoNanos());
                    }
                    lastStepEnd = e.monoNanos();
                }
                case EventType.RUN_FINISHED -> runEnd = e.monoNanos();
                default -> {}
            }
        }
        for (HistoryEvent start : open.values()) {
            add(ms, start.string("kind"), lastEvent - start.monoNanos());
        }
        long cleanup = runEnd != null && lastStepEnd != null ? Math.max(0, runEnd - lastStepEnd) : 0;
        return new PhaseTimes(ms[0] / 1_000_000, ms[1] / 1_000_000, ms[2] / 1_000_000, cleanup / 1_000_000);
    }

    private static void add(long[] ms, String kind, long nanos) {
        int phase = StepKind.WRITE_FILES.id().equals(kind)
                ? 0
                : StepKind.AWAIT_FILES.id().equals(kind)
                        ? 1
                        : StepKind.VALIDATE.id().equals(kind) ? 2 : -1;
        if (phase >= 0) {
            ms[phase] += Math.max(0, nanos);
        }
    }
}
