package dev.cpcheck.validation.internal.report;

import static dev.cpcheck.validation.internal.report.Markup.esc;

import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.validation.internal.Fmt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's chart as inline SVG: rows landed per time bucket, each bar stacked by when its rows'
 * files were written (before the pause, while paused, after the resume), confirmed paused windows
 * shaded (a bar inside one landed while paused), and the run's pause/resume commands and file
 * batches as markers whose labels are laid out in as many lines as it takes for none to overlap.
 * Times are the server's (UTC).
 */
final class TimelineSvg {
    static final int WIDTH = 1100;
    private static final int PLOT_HEIGHT = 250;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int BOTTOM = 46;
    /** Height of one line of marker labels, and the width of one character at their 10 px size. */
    private static final int LABEL_LINE = 13;

    private static final double LABEL_CHAR = 5.6;
    /** Colours of the parts of a bar, in the order of the timeline's written classes. */
    static final List<String> WRITTEN_COLOURS = List.of("#2563eb", "#dc2626", "#16a34a", "#9ca3af");

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long[] TICK_STEPS_MS = {
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

    /**
     * A bar: [start, end) with rows and files landed, when they landed ({@code label}) and, when
     * known, its rows by when their files were written (the timeline's written classes; null for
     * reports of earlier versions, whose bars are coloured by {@code label}).
     */
    record Bar(Instant start, Instant end, long rows, long files, String label, long[] written) {}

    /** A vertical marker: a command or a batch of files, at server time. */
    record Marker(Instant at, String label, String kind) {}

    private TimelineSvg() {}

    static String render(List<Bar> bars, List<PausedWindow> windows, List<Marker> markers, Instant from, Instant to) {
        if (bars.isEmpty()) {
            return "<p class=\"muted\">No timeline: no rows landed, or the timeline check did not run.</p>";
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long maxRows = 1;
        for (Bar b : bars) {
            lo = Math.min(lo, b.start().toEpochMilli());
            hi = Math.max(hi, b.end().toEpochMilli());
            maxRows = Math.max(maxRows, b.rows());
        }
        if (from != null && to != null && from.isBefore(to)) {
            lo = Math.min(lo, from.toEpochMilli());
            hi = Math.max(hi, to.toEpochMilli());
        }
        for (PausedWindow w : windows) {
            lo = Math.min(lo, w.serverStart().toEpochMilli());
            hi = Math.max(hi, w.serverEnd().toEpochMilli());
        }
        for (Marker m : markers) {
            lo = Math.min(lo, m.at().toEpochMilli());
            hi = Math.max(hi, m.at().toEpochMilli());
        }
        if (hi <= lo) {
            hi = lo + 1000;
        }
        final long x0 = lo;
        final double span = hi - lo;
        final double plotW = WIDTH - LEFT - RIGHT;
        final double plotH = PLOT_HEIGHT;
        long yMax = niceCeiling(maxRows);
        List<Integer> lines = labelLines(markers, x0, span, plotW);
        int labelLines = lines.stream().mapToInt(i -> i + 1).max().orElse(1);
        final int top = 8 + LABEL_LINE * labelLines + 8;
        final int height = top + PLOT_HEIGHT + BOTTOM;

        StringBuilder s = new StringBuilder(8192);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"rows ingested over time\" class=\"chart\">\n");
        s.append("<rect x=\"0\" y=\"0\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        // paused windows
        for (PausedWindow w : windows) {
            double a = x(w.serverStart().toEpochMilli(), x0, span, plotW);
            double b = x(w.serverEnd().toEpochMilli(), x0, span, plotW);
            s.append("<rect class=\"paused\" x=\"")
                    .append(f(a))
                    .append("\" y=\"")
                    .append(top)
                    .append("\" width=\"")
                    .append(f(Math.max(1, b - a)))
                    .append("\" height=\"")
                    .append(f(plotH))
                    .append("\" fill=\"#f59e0b\" fill-opacity=\"0.16\" stroke=\"#d97706\" stroke-dasharray=\"4 3\">")
                    .append("<title>")
                    .append(esc("paused window " + w.index() + ": " + Fmt.time(w.serverStart()) + " – "
                            + Fmt.time(w.serverEnd()) + " (" + Fmt.duration(w.duration()) + ")"))
                    .append("</title></rect>\n");
            s.append("<text x=\"")
                    .append(f(a + 4))
                    .append("\" y=\"")
                    .append(top + 14)
                    .append("\" class=\"wlabel\">paused ")
                    .append(w.index())
                    .append(" · ")
                    .append(esc(Fmt.duration(w.duration())))
                    .append("</text>\n");
        }
        // y grid and labels
        int divisions = yMax % 4 == 0 ? 4 : 5; // whole numbers on the axis
        for (int i = 0; i <= divisions; i++) {
            long v = yMax * i / divisions;
            double y = top + plotH - plotH * v / yMax;
            s.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y1=\"")
                    .append(f(y))
                    .append("\" y2=\"")
                    .append(f(y))
                    .append("\" stroke=\"#e5e7eb\"/>\n");
            s.append("<text x=\"")
                    .append(LEFT - 8)
                    .append("\" y=\"")
                    .append(f(y + 4))
                    .append("\" text-anchor=\"end\" class=\"axis\">")
                    .append(v)
                    .append("</text>\n");
        }
        s.append("<text x=\"14\" y=\"")
                .append(f(top + plotH / 2))
                .append("\" class=\"axis\" transform=\"rotate(-90 14 ")
                .append(f(top + plotH / 2))
                .append(")\" text-anchor=\"middle\">rows landed</text>\n");
        // bars, stacked by when their rows' files were written
        for (Bar b : bars) {
            double a = x(b.start().toEpochMilli(), x0, span, plotW);
            double e = x(b.end().toEpochMilli(), x0, span, plotW);
            double w = Math.max(1, e - a - (e - a > 4 ? 1.5 : 0));
            long[] parts = b.written() == null ? new long[] {b.rows()} : b.written();
            double base = top + plotH;
            for (int k = 0; k < parts.length; k++) {
                if (parts[k] <= 0) {
                    continue;
                }
                double h = plotH * parts[k] / yMax;
                String fill = b.written() == null ? colour(b.label()) : WRITTEN_COLOURS.get(k);
                String what = b.written() == null ? b.label() : written(k) + ", landed " + landed(b.label());
                s.append("<rect class=\"bar ")
                        .append(esc(b.label()))
                        .append("\" x=\"")
                        .append(f(a))
                        .append("\" y=\"")
                        .append(f(base - h))
                        .append("\" width=\"")
                        .append(f(w))
                        .append("\" height=\"")
                        .append(f(h))
                        .append("\" fill=\"")
                        .append(fill)
                        .append("\"><title>")
                        .append(esc(Fmt.time(b.start()) + " – " + Fmt.time(b.end()) + ": " + parts[k] + " of "
                                + b.rows() + " rows, " + b.files() + " files (" + what + ")"))
                        .append("</title></rect>\n");
                base -= h;
            }
        }
        // markers
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            double a = x(m.at().toEpochMilli(), x0, span, plotW);
            String c = m.kind().equals("files") ? "#6b7280" : "#111827";
            s.append("<line x1=\"")
                    .append(f(a))
                    .append("\" x2=\"")
                    .append(f(a))
                    .append("\" y1=\"")
                    .append(top - 4)
                    .append("\" y2=\"")
                    .append(f(top + plotH))
                    .append("\" stroke=\"")
                    .append(c)
                    .append("\" stroke-width=\"1\" stroke-dasharray=\"")
                    .append(m.kind().equals("files") ? "1 3" : "3 2")
                    .append("\"><title>")
                    .append(esc(Fmt.time(m.at()) + " " + m.label()))
                    .append("</title></line>\n");
            s.append("<text x=\"")
                    .append(f(a + 2))
                    .append("\" y=\"")
                    .append(8 + LABEL_LINE * (lines.get(i) + 1) - 3)
                    .append("\" class=\"marker\">")
                    .append(esc(m.label()))
                    .append("</text>\n");
        }
        // x axis
        s.append("<line x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y1=\"")
                .append(f(top + plotH))
                .append("\" y2=\"")
                .append(f(top + plotH))
                .append("\" stroke=\"#374151\"/>\n");
        long step = TICK_STEPS_MS[TICK_STEPS_MS.length - 1];
        for (long t : TICK_STEPS_MS) {
            if (span / t <= 10) {
                step = t;
                break;
            }
        }
        for (long t = Math.floorDiv(lo, step) * step + step; t < hi; t += step) {
            double a = x(t, x0, span, plotW);
            s.append("<line x1=\"")
                    .append(f(a))
                    .append("\" x2=\"")
                    .append(f(a))
                    .append("\" y1=\"")
                    .append(f(top + plotH))
                    .append("\" y2=\"")
                    .append(f(top + plotH + 5))
                    .append("\" stroke=\"#374151\"/>\n");
            s.append("<text x=\"")
                    .append(f(a))
                    .append("\" y=\"")
                    .append(f(top + plotH + 18))
                    .append("\" text-anchor=\"middle\" class=\"axis\">")
                    .append(CLOCK.format(Instant.ofEpochMilli(t)))
                    .append("</text>\n");
        }
        s.append("<text x=\"")
                .append(WIDTH - RIGHT)
                .append("\" y=\"")
                .append(height - 6)
                .append("\" text-anchor=\"end\" class=\"axis\">server time (UTC)</text>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    /**
     * The line of each marker's label: markers in time order, each label on the first line where it
     * clears every label already placed there (labels start at their marker and run right).
     */
    static List<Integer> labelLines(List<Marker> markers, long x0, double span, double plotW) {
        List<Double> lineEnds = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Marker m : markers) {
            double start = x(m.at().toEpochMilli(), x0, span, plotW) + 2;
            double end = start + LABEL_CHAR * m.label().length() + 6;
            int line = 0;
            while (line < lineEnds.size() && lineEnds.get(line) > start) {
                line++;
            }
            if (line == lineEnds.size()) {
                lineEnds.add(end);
            } else {
                lineEnds.set(line, end);
            }
            lines.add(line);
        }
        return lines;
    }

    private static String written(int k) {
        return switch (k) {
            case 0 -> "written before the pause";
            case 1 -> "written while paused";
            case 2 -> "written after the resume";
            default -> "from no file of the run";
        };
    }

    private static String landed(String label) {
        return switch (label) {
            case "paused" -> "while paused";
            case "pre-pause" -> "before the pause";
            case "post-resume" -> "after the resume";
            default -> label;
        };
    }

    static String colour(String label) {
        return switch (label) {
            case "paused" -> "#dc2626";
            case "post-resume" -> "#16a34a";
            case "pre-pause" -> "#2563eb";
            default -> "#9ca3af";
        };
    }

    private static double x(long t, long x0, double span, double plotW) {
        return LEFT + plotW * (t - x0) / span;
    }

    private static long niceCeiling(long v) {
        long p = 1;
        while (p * 10 <= v) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 4, 5, 10}) {
            if (m * p >= v) {
                return Math.max(4, m * p);
            }
        }
        return Math.max(4, 10 * p);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static List<Bar> sorted(List<Bar> bars) {
        List<Bar> out = new ArrayList<>(bars);
        out.sort((a, b) -> a.start().compareTo(b.start()));
        return out;
    }
}
