package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.core.history.RunHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pauses and resumes of a run in the server's time base (the base of {@code ingested_at}),
 * as the time-based checks judge them.
 *
 * <ul>
 *   <li>A {@link Window} is a confirmed paused window (Stopped observed → resume sent). Rows that
 *       land inside it, shrunk at both ends by the tolerance plus the clock uncertainty, were
 *       ingested while paused.</li>
 *   <li>A {@link Resume} is a stop → start pair, confirmed or not. Rows that land after the start
 *       (and before the next stop) of files whose first row landed before the pause (Stopped
 *       observed; the stop command when that was never observed) were re-ingested.</li>
 * </ul>
 *
 * @param windows   confirmed paused windows, in order
 * @param resumes   stop → start pairs, in order
 * @param tolerance configured tolerance (clock uncertainty is added per window)
 */
public record PauseSchedule(List<Window> windows, List<Resume> resumes, Duration tolerance) {

    public PauseSchedule {
        windows = List.copyOf(windows);
        resumes = List.copyOf(resumes);
    }

    /** Reads the schedule of a history. */
    public static PauseSchedule of(RunHistory history, Duration tolerance) {
        List<Window> windows = new ArrayList<>();
        for (PausedWindow w : history.pausedWindows()) {
            Duration effective = tolerance.plus(w.uncertainty());
            Instant from = w.serverStart().plus(effective);
            Instant to = w.serverEnd().minus(effective);
            windows.add(new Window(
                    w.index(),
                    w.serverStart(),
                    w.serverEnd(),
                    w.uncertainty(),
                    effective,
                    from,
                    to,
                    w.resumedByCleanup(),
                    w.stoppedObservedAt(),
                    w.resumeSentAt()));
        }
        List<Resume> resumes = new ArrayList<>();
        List<PausedWindow> confirmed = history.pausedWindows();
        List<HistoryEvent> commands = history.eventsOfType(EventType.PIPE_COMMAND);
        HistoryEvent stop = null;
        for (int i = 0; i < commands.size(); i++) {
            HistoryEvent e = commands.get(i);
            if ("stop".equals(e.string("command"))) {
                stop = e;
            } else if ("start".equals(e.string("command")) && stop != null) {
                Instant nextStop = null;
                for (int j = i + 1; j < commands.size(); j++) {
                    if ("stop".equals(commands.get(j).string("command"))) {
                        nextStop = history.toServerTime(commands.get(j).time());
                        break;
                    }
                }
                Instant stopTime = stop.time();
                // Files that landed before the pipe was confirmed stopped were ingested before the pause.
                Instant pausedFrom = confirmed.stream()
                        .filter(w -> w.stopSentAt().equals(stopTime))
                        .findFirst()
                        .map(PausedWindow::serverStart)
                        .orElse(history.toServerTime(stopTime));
                resumes.add(new Resume(
                        resumes.size() + 1,
                        history.toServerTime(stopTime),
                        pausedFrom,
                        history.toServerTime(e.time()),
                        nextStop,
                        Boolean.parseBoolean(e.string("cleanup"))));
                stop = null;
            }
        }
        return new PauseSchedule(windows, resumes, tolerance);
    }

    /** Whether the run sent a stop that was never confirmed (so nothing could be judged). */
    public static boolean hasUnconfirmedStop(RunHistory history) {
        long stops = history.eventsOfType(EventType.PIPE_COMMAND).stream()
                .filter(e -> "stop".equals(e.string("command")))
                .count();
        return stops > history.pausedWindows().size();
    }

    /**
     * A confirmed paused window.
     *
     * @param index        1 for the first pause
     * @param serverStart  Stopped first observed, server time
     * @param serverEnd    resume sent, server time
     * @param uncertainty  clock offset uncertainty
     * @param tolerance    configured tolerance plus the uncertainty
     * @param judgedFrom   start of the judged part (serverStart + tolerance)
     * @param judgedTo     end of the judged part (serverEnd - tolerance)
     * @param resumedByCleanup the pipe was only resumed by the cleanup
     * @param stoppedObservedJvm Stopped first observed, JVM time (the clock of the manifest's upload times)
     * @param resumeSentJvm resume sent, JVM time
     */
    public record Window(
            int index,
            Instant serverStart,
            Instant serverEnd,
            Duration uncertainty,
            Duration tolerance,
            Instant judgedFrom,
            Instant judgedTo,
            boolean resumedByCleanup,
            Instant stoppedObservedJvm,
            Instant resumeSentJvm) {

        /** A window shorter than twice the tolerance leaves nothing to judge. */
        public boolean judgeable() {
            return judgedFrom.isBefore(judgedTo);
        }

        public Duration duration() {
            return Duration.between(serverStart, serverEnd);
        }
    }

    /**
     * A stop → start pair.
     *
     * @param index      1 for the first resume
     * @param stopSent   stop sent, server time
     * @param pausedFrom Stopped first observed (stop sent when never confirmed), server time: files whose
     *                   first row landed before it had been ingested before the pause
     * @param resumeSent start sent, server time
     * @param nextStop   the next stop sent, server time, or null
     * @param byCleanup  the start was sent by the run's cleanup
     */
    public record Resume(
            int index, Instant stopSent, Instant pausedFrom, Instant resumeSent, Instant nextStop, boolean byCleanup) {}
}
