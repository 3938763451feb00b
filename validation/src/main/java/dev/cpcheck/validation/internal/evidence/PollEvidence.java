package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.spi.CountPoll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the counts a run polled during the run (its {@code count-poll} history events) prove. They
 * observe visibility itself, so they hold on any service and need no server-side log:
 *
 * <ul>
 *   <li>rows or files that grew between two polls both inside a paused window (from the tolerance
 *       after Stopped was observed to resume sent, JVM clock, no clock offset involved) landed while
 *       paused;</li>
 *   <li>a file at or below the highest file name a poll saw had landed: if the table lacks it now,
 *       it was lost, not "not yet ingested".</li>
 * </ul>
 * Their resolution is the polling interval.
 *
 * @param polls        every poll, in order
 * @param lastFileSeen highest file name any poll saw, or null
 * @param lastFileAt   when a poll first saw it
 * @param maxRowsSeen  most rows of the run any poll saw
 * @param typicalGap   median time between consecutive polls, or null with fewer than two
 * @param windows      per confirmed paused window, what the polls inside it saw
 * @param resumes      per resume (stop → start), the rows polled before it and the most polled after
 */
public record PollEvidence(
        List<CountPoll> polls,
        String lastFileSeen,
        Instant lastFileAt,
        long maxRowsSeen,
        Duration typicalGap,
        List<WindowPolls> windows,
        List<ResumePolls> resumes) {

    /**
     * The counts around one resume.
     *
     * @param index      1 for the first resume
     * @param rowsBefore rows at the last poll before the start command, or -1 without one
     * @param rowsAfter  most rows polled after the start command (before the next stop), or -1
     */
    public record ResumePolls(int index, long rowsBefore, long rowsAfter) {

        /** Rows that polls saw land after the resume (0 when they cannot tell). */
        public long grownRows() {
            return rowsBefore < 0 || rowsAfter < 0 ? 0 : Math.max(0, rowsAfter - rowsBefore);
        }
    }

    /**
     * The polls of one paused window. Counts only grow (the pipe deletes nothing), so two polls with
     * the same count prove that nothing landed between them, however far apart they are; what
     * matters is whether such polls bracket the window.
     *
     * @param index      the window's index (1 for the first pause)
     * @param polls      polls strictly inside the window
     * @param first      first of them, or null
     * @param last       last of them, or null
     * @param growth     consecutive pairs inside the window between which the count grew
     * @param judgedFrom where the window starts for the polls: Stopped observed plus the tolerance
     * @param judgedTo   where it ends: the resume sent
     * @param quietFrom  earliest time from which the polls up to {@code quietTo} all saw the same
     *                   count: the last poll at or before {@code judgedFrom} when it saw what the
     *                   first poll inside saw, else the first poll inside; null without any
     * @param quietTo    the last poll inside, or null
     * @param tolerance  the tolerance at each end of the window
     */
    public record WindowPolls(
            int index,
            int polls,
            Instant first,
            Instant last,
            List<Growth> growth,
            Instant judgedFrom,
            Instant judgedTo,
            Instant quietFrom,
            Instant quietTo,
            Duration tolerance) {

        /**
         * Whether the polls speak for the whole window: no growth between polls, and polls with
         * the same count reach from its start (at or before Stopped plus the tolerance) to within
         * the tolerance of the resume.
         */
        public boolean covered() {
            return growth.isEmpty()
                    && quietFrom != null
                    && judgedFrom != null
                    && !quietFrom.isAfter(judgedFrom)
                    && !quietTo.isBefore(judgedTo.minus(tolerance));
        }

        public long grownRows() {
            return growth.stream()
                    .mapToLong(g -> g.rowsAfter() - g.rowsBefore())
                    .sum();
        }
    }

    /** The count grew between two polls. */
    public record Growth(
            Instant from,
            Instant to,
            long rowsBefore,
            long rowsAfter,
            long filesBefore,
            long filesAfter,
            String lastFile) {}

    /**
     * The evidence of a history. Polls within {@code tolerance} after Stopped was observed do not
     * count as inside the window: a batch committing as the pipe stops is what the tolerance is for.
     */
    public static PollEvidence of(RunHistory history, Duration tolerance) {
        List<CountPoll> polls = CountPoll.of(history);
        String last = null;
        Instant lastAt = null;
        long maxRows = 0;
        for (CountPoll p : polls) {
            if (p.lastFile() != null && (last == null || p.lastFile().compareTo(last) > 0)) {
                last = p.lastFile();
                lastAt = p.at();
            }
            maxRows = Math.max(maxRows, p.rows());
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < polls.size(); i++) {
            gaps.add(Duration.between(polls.get(i - 1).at(), polls.get(i).at()));
        }
        gaps.sort(null);
        Duration typical = gaps.isEmpty() ? null : gaps.get(gaps.size() / 2);
        List<WindowPolls> windows = new ArrayList<>();
        for (PausedWindow w : history.pausedWindows()) {
            Instant from = w.stoppedObservedAt().plus(tolerance);
            List<CountPoll> inside = polls.stream()
                    .filter(p -> p.at().isAfter(from) && p.at().isBefore(w.resumeSentAt()))
                    .toList();
            CountPoll before = null;
            for (CountPoll p : polls) {
                if (!p.at().isAfter(from)) {
                    before = p;
                }
            }
            List<Growth> growth = new ArrayList<>();
            for (int i = 1; i < inside.size(); i++) {
                CountPoll a = inside.get(i - 1);
                CountPoll b = inside.get(i);
                if (b.rows() > a.rows() || b.files() > a.files()) {
                    growth.add(new Growth(a.at(), b.at(), a.rows(), b.rows(), a.files(), b.files(), b.lastFile()));
                }
            }
            CountPoll first = inside.isEmpty() ? null : inside.get(0);
            CountPoll lastInside = inside.isEmpty() ? null : inside.get(inside.size() - 1);
            Instant quietFrom = first == null
                    ? null
                    : before != null && before.rows() == first.rows() && before.files() == first.files()
                            ? before.at()
                            : first.at();
            windows.add(new WindowPolls(
                    w.index(),
                    inside.size(),
                    first == null ? null : first.at(),
                    lastInside == null ? null : lastInside.at(),
                    growth,
                    from,
                    w.resumeSentAt(),
                    quietFrom,
                    lastInside == null ? null : lastInside.at(),
                    tolerance));
        }
        List<ResumePolls> resumes = new ArrayList<>();
        List<HistoryEvent> commands = history.eventsOfType(EventType.PIPE_COMMAND);
        boolean stopped = false;
        for (int i = 0; i < commands.size(); i++) {
            HistoryEvent c = commands.get(i);
            if ("stop".equals(c.string("command"))) {
                stopped = true;
            } else if ("start".equals(c.string("command")) && stopped) {
                stopped = false;
                Instant start = c.time();
                Instant next = null;
                for (int j = i + 1; j < commands.size() && next == null; j++) {
                    if ("stop".equals(commands.get(j).string("command"))) {
                        next = commands.get(j).time();
                    }
                }
                Instant end = next;
                long before = -1;
                long after = -1;
                for (CountPoll p : polls) {
                    if (p.at().isBefore(start)) {
                        before = p.rows();
                    } else if (end == null || p.at().isBefore(end)) {
                        after = Math.max(after, p.rows());
                    }
                }
                resumes.add(new ResumePolls(resumes.size() + 1, before, after));
            }
        }
        return new PollEvidence(polls, last, lastAt, maxRows, typical, windows, resumes);
    }

    /** The polls around resume {@code index}, or an empty record. */
    public ResumePolls resume(int index) {
        return resumes.stream().filter(r -> r.index() == index).findFirst().orElse(new ResumePolls(index, -1, -1));
    }

    /** The polls inside window {@code index}, or an empty record. */
    public WindowPolls window(int index) {
        return windows.stream()
                .filter(w -> w.index() == index)
                .findFirst()
                .orElse(new WindowPolls(index, 0, null, null, List.of(), null, null, null, null, Duration.ZERO));
    }
}
