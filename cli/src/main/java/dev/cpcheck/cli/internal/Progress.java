package dev.cpcheck.cli.internal;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.engine.RetryNotice;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress on stderr: a line per phase, and on a terminal a live line on every wait saying what is
 * awaited and the current count or state. Silent with {@code --quiet}. Off a terminal the live
 * line becomes a plain line every few seconds, so CI logs show a wait is alive without flooding.
 */
public final class Progress implements Consumer<HistoryEvent> {
    private static final char[] SPIN = {'|', '/', '-', '\\'};
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean live;
    private final long t0 = System.nanoTime();
    private int totalSteps;
    private String awaiting = "";
    private boolean liveLineShown;
    private int spin;
    private long lastPlain;

    private static volatile Progress last;

    public Progress(PrintStream err, boolean quiet, boolean live) {
        this.err = err;
        this.quiet = quiet;
        this.live = live;
        last = this;
    }

    /** Ends the live line of the latest progress display, so an error message starts on its own line. */
    public static void endLiveLine() {
        Progress p = last;
        if (p != null) {
            p.done();
        }
    }

    /** Progress on {@code System.err}; live when there is a terminal and {@code TERM} is not dumb. */
    public static Progress stderr(boolean quiet) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new Progress(System.err, quiet, terminal);
    }

    public void totalSteps(int n) {
        this.totalSteps = n;
    }

    /** A one-line note (mode choice, stack start, ...). */
    public synchronized void note(String message) {
        if (!quiet) {
            clearLive();
            err.println("cpcheck: " + Secrets.redact(message));
            err.flush();
        }
    }

    /** A phase line with the elapsed time. */
    public synchronized void phase(String message) {
        if (!quiet) {
            clearLive();
            err.printf(Locale.ROOT, "[%6.1fs] %s%n", elapsed(), Secrets.redact(message));
            err.flush();
        }
    }

    /** A retry as it happens (an API call answered 429 or 5xx, a part refusing connections for a moment). */
    public synchronized void retry(RetryNotice notice) {
        phase("  ... retrying " + notice.part() + ": " + notice.description());
    }

    /** A live line for a wait outside a run (e.g. {@code pipe status --watch}). */
    public synchronized void waiting(String what, String current) {
        if (!quiet) {
            awaiting = what;
            showWait(current);
        }
    }

    /** Ends any live line. */
    public synchronized void done() {
        clearLive();
        err.flush();
    }

    @Override
    public synchronized void accept(HistoryEvent e) {
        if (quiet) {
            return;
        }
        switch (e.type()) {
            case EventType.STEP_STARTED -> {
                String step = e.step() == null ? "" : (e.step() + 1) + (totalSteps > 0 ? "/" + totalSteps : "") + " ";
                awaiting = e.string("description");
                phase(step + awaiting);
            }
            case EventType.FILES_WRITTEN ->
                phase("  wrote " + e.string("count") + " files (" + e.string("rows")
                        + " rows) of phase " + e.string("phase")
                        + (e.longValue("failed", 0) > 0 ? ", " + e.string("failed") + " failed" : ""));
            case EventType.RESOURCE_CREATED ->
                phase("  " + (Boolean.TRUE.equals(e.data().get("adopted")) ? "using " : "created ") + e.string("kind")
                        + " " + e.string("id"));
            case EventType.PAUSE_CONFIRMED -> phase("  pipe is " + e.string("state"));
            case EventType.STATE_POLL -> showWait("state " + e.string("state"));
            case EventType.COUNT_POLL -> showWait(e.string("files") + " files, " + e.string("rows") + " rows");
            case EventType.WAIT_TIMED_OUT -> phase("  timed out: " + e.data());
            case EventType.STEP_FAILED -> phase("  failed: " + e.string("error"));
            case EventType.VALIDATION_FINISHED -> phase("  checks: " + e.data().get("checks"));
            case EventType.RESOURCE_CLEANUP ->
                phase("  cleanup " + e.string("kind") + " " + e.string("id") + ": "
                        + (Boolean.TRUE.equals(e.data().get("ok")) ? "done" : "FAILED " + e.string("error")));
            default -> {}
        }
    }

    private void showWait(String current) {
        if (live) {
            err.printf(
                    Locale.ROOT,
                    "\r\033[2K  %c waiting for %s: %s (%.1fs)",
                    SPIN[spin++ % SPIN.length],
                    Secrets.redact(awaiting),
                    Secrets.redact(current),
                    elapsed());
            err.flush();
            liveLineShown = true;
        } else {
            long now = System.nanoTime();
            if (now - lastPlain >= PLAIN_EVERY_NANOS) {
                lastPlain = now;
                err.printf(
                        Locale.ROOT,
                        "[%6.1fs]   ... %s: %s%n",
                        elapsed(),
                        Secrets.redact(awaiting),
                        Secrets.redact(current));
                err.flush();
            }
        }
    }

    private void clearLive() {
        if (liveLineShown) {
            err.print("\r\033[2K");
            liveLineShown = false;
        }
    }

    private double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
