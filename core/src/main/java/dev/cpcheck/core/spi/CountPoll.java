package dev.cpcheck.core.spi;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One count the run polled from the destination and recorded in its history
 * ({@code count-poll} events): evidence that holds on any service, because it observes visibility
 * itself. A count that grows between two polls inside a paused window is ingestion while paused; a
 * file seen at a poll and gone later was lost.
 *
 * @param at       when the answer arrived (JVM clock)
 * @param files    distinct source files of the run seen
 * @param rows     rows of the run seen
 * @param lastFile highest source file name seen, or {@code null}
 * @param purpose  why the run polled ({@code await}, {@code settle}, {@code hold}, ...)
 */
public record CountPoll(Instant at, long files, long rows, String lastFile, String purpose) {

    /** The polls of a history, in order. */
    public static List<CountPoll> of(RunHistory history) {
        List<CountPoll> polls = new ArrayList<>();
        for (HistoryEvent e : history.eventsOfType(EventType.COUNT_POLL)) {
            polls.add(new CountPoll(
                    e.time(),
                    e.longValue("files", 0),
                    e.longValue("rows", 0),
                    e.string("lastFile"),
                    e.string("purpose")));
        }
        return List.copyOf(polls);
    }
}
