package dev.cpcheck.validation.internal.report;

import static dev.cpcheck.validation.internal.report.Markup.esc;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.validation.internal.Fmt;
import dev.cpcheck.validation.internal.evidence.Timeline;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, no external assets)
 * with the verdict, guidance, the timeline chart, the checks and their evidence.
 */
public final class HtmlRenderer {
    /** Rows shown of a list-valued metric before it is cut. */
    static final int MAX_TABLE_ROWS = 200;

    private HtmlRenderer() {}

    public static String render(RunReport r, RunHistory history) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>cpcheck ")
                .append(esc(r.verdict()))
                .append(" · ")
                .append(esc(r.runId()))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");

        h.append("<header class=\"verdict ")
                .append(verdictClass(r.verdict()))
                .append("\">\n")
                .append("<div class=\"big\">")
                .append(esc(r.verdict()))
                .append("</div>\n")
                .append("<div><div class=\"line\">")
                .append(esc(ReportFacts.verdictLine(r)))
                .append("</div>\n")
                .append("<div class=\"sub\">")
                .append(esc(ReportFacts.numbersLine(r)))
                .append("</div></div>\n")
                .append("</header>\n");

        h.append("<section class=\"meta\"><table>\n");
        row(h, "Run", r.runId());
        row(
                h,
                "Scenario",
                r.scenario() + (r.description() == null || r.description().isBlank() ? "" : " — " + r.description()));
        row(h, "Guarantee", r.guarantee() == null ? "" : r.guarantee().id());
        row(h, "Started", Fmt.dateTime(r.startedAt()));
        row(h, "Finished", Fmt.dateTime(r.finishedAt()) + " (" + Fmt.duration(r.duration()) + ")");
        if (r.phases() != null) {
            row(h, "Time", ReportFacts.phasesLine(r));
        }
        row(h, "Run status", r.status() + (r.statusReason() == null ? "" : ": " + r.statusReason()));
        row(h, "Exit code", String.valueOf(r.exitCode().code()));
        if (r.pipeId() != null) {
            row(h, "Pipe", r.pipeId());
        }
        if (r.runDirectory() != null) {
            row(h, "Run folder", r.runDirectory());
        }
        h.append("</table></section>\n");

        if (!r.guidance().isEmpty()) {
            h.append("<section><h2>Guidance</h2><ul class=\"guidance\">\n");
            for (String g : r.guidance()) {
                h.append("<li>").append(esc(g)).append("</li>\n");
            }
            h.append("</ul></section>\n");
        }

        h.append("<section><h2>Rows ingested over time</h2>\n");
        Instant from =
                r.check("timeline").map(c -> instant(c.metrics().get("from"))).orElse(null);
        Instant to =
                r.check("timeline").map(c -> instant(c.metrics().get("to"))).orElse(null);
        h.append(TimelineSvg.render(bars(r), r.pausedWindows(), markers(history), from, to));
        boolean byWritten = bars(r).stream().anyMatch(b -> b.written() != null);
        h.append("<div class=\"legend\">");
        if (byWritten) {
            h.append(swatch(TimelineSvg.WRITTEN_COLOURS.get(0), "written before the pause"))
                    .append(swatch(TimelineSvg.WRITTEN_COLOURS.get(1), "written while paused"))
                    .append(swatch(TimelineSvg.WRITTEN_COLOURS.get(2), "written after the resume"))
                    .append(swatch(TimelineSvg.WRITTEN_COLOURS.get(3), "from no file of the run"))
                    .append(swatch(
                            "rgba(245,158,11,.35)",
                            "confirmed paused window: rows landing inside it landed while paused"));
        } else {
            // results of earlier versions: bars coloured by when they landed
            h.append(swatch("#2563eb", "landed before the pause"))
                    .append(swatch("#dc2626", "landed while paused"))
                    .append(swatch("#16a34a", "landed after the resume"))
                    .append(swatch("rgba(245,158,11,.35)", "confirmed paused window"));
        }
        h.append("</div>\n");
        String outside = outside(r);
        if (!outside.isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(outside)).append("</p>\n");
        }
        long coarse = r.check("timeline").map(c -> c.metricLong("coarse_rows")).orElse(0L);
        if (coarse > 0) {
            h.append("<p class=\"muted\">")
                    .append(esc(coarse + " rows are in merged parts whose landing is known only between their"
                            + " sources' times; they are drawn at the middle of that span, so the bars around a"
                            + " pause are approximate. The checks judge those rows by the polled counts."))
                    .append("</p>\n");
        }
        h.append("</section>\n");

        h.append("<section><h2>Checks</h2>\n<table class=\"checks\"><thead><tr><th>check</th><th>status</th>")
                .append("<th>finding</th><th>witnesses</th></tr></thead><tbody>\n");
        for (CheckResult c : r.checks()) {
            h.append("<tr><td><a href=\"#check-")
                    .append(esc(c.checkId()))
                    .append("\">")
                    .append(esc(c.checkId()))
                    .append("</a></td><td>")
                    .append(badge(c.status()))
                    .append("</td><td>")
                    .append(esc(c.summary()))
                    .append("</td><td class=\"num\">")
                    .append(c.witnessCount())
                    .append("</td></tr>\n");
        }
        if (r.checks().isEmpty()) {
            h.append("<tr><td colspan=\"4\">No check ran.</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");

        for (CheckResult c : r.checks()) {
            check(h, c);
        }

        if (!r.observed().isEmpty()) {
            h.append("<section><h2>Observed</h2><table class=\"kv\">\n");
            r.observed().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> row(h, e.getKey(), String.valueOf(e.getValue())));
            h.append("</table></section>\n");
        }
        if (!r.cleanup().isEmpty()) {
            h.append("<section><h2>Cleanup</h2><table class=\"kv\">\n");
            r.cleanup().forEach((k, v) -> row(h, k, v));
            h.append("</table></section>\n");
        }
        h.append("<footer>cpcheck · times are UTC; chart times are the ClickHouse server's clock</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void check(StringBuilder h, CheckResult c) {
        h.append("<section class=\"check\" id=\"check-")
                .append(esc(c.checkId()))
                .append("\">\n<h3>")
                .append(badge(c.status()))
                .append(' ')
                .append(esc(c.checkId()))
                .append("</h3>\n<p>")
                .append(esc(c.summary()))
                .append("</p>\n");
        if (c.hint() != null) {
            h.append("<p class=\"hint\">").append(esc(c.hint())).append("</p>\n");
        }
        if (c.error() != null) {
            h.append("<pre class=\"error\">").append(esc(c.error())).append("</pre>\n");
        }
        if (!c.witnesses().isEmpty()) {
            h.append("<table class=\"witnesses\"><caption>")
                    .append(c.witnesses().size())
                    .append(" of ")
                    .append(c.witnessCount())
                    .append(' ')
                    .append(Fmt.plural(c.witnessCount(), "witness"))
                    .append("</caption><thead><tr><th>anomaly</th><th>file</th><th>file id</th><th>row id</th>")
                    .append("<th>evidence</th>");
            boolean expectedFound = c.witnesses().stream().anyMatch(w -> w.expected() != null || w.found() != null);
            if (expectedFound) {
                h.append("<th>expected</th><th>found</th>");
            }
            h.append("</tr></thead><tbody>\n");
            for (Witness w : c.witnesses()) {
                h.append("<tr><td>")
                        .append(esc(w.anomaly()))
                        .append("</td><td>")
                        .append(esc(w.file()))
                        .append("</td><td class=\"num\">")
                        .append(esc(w.fileId()))
                        .append("</td><td class=\"num\">")
                        .append(esc(w.rowId()))
                        .append("</td><td>")
                        .append(esc(w.detail()));
                if (expectedFound) {
                    h.append("</td><td class=\"num\">")
                            .append(esc(w.expected()))
                            .append("</td><td class=\"num found\">")
                            .append(esc(w.found()));
                }
                h.append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        List<Map.Entry<String, Object>> scalars = new ArrayList<>();
        List<Map.Entry<String, Object>> tables = new ArrayList<>();
        for (Map.Entry<String, Object> e : c.metrics().entrySet()) {
            (e.getValue() instanceof List<?> || e.getValue() instanceof Map<?, ?> ? tables : scalars).add(e);
        }
        if (!scalars.isEmpty()) {
            boolean open = c.status() != CheckStatus.PASS;
            h.append("<details")
                    .append(open ? " open" : "")
                    .append("><summary>metrics</summary>\n")
                    .append("<table class=\"kv metrics\">\n");
            for (Map.Entry<String, Object> e : scalars) {
                row(h, e.getKey(), String.valueOf(e.getValue()));
            }
            h.append("</table></details>\n");
        }
        for (Map.Entry<String, Object> e : tables) {
            boolean open = c.status() != CheckStatus.PASS && !e.getKey().equals("buckets");
            h.append("<details")
                    .append(open ? " open" : "")
                    .append("><summary>")
                    .append(esc(e.getKey()))
                    .append("</summary>\n")
                    .append(table(e.getValue()))
                    .append("</details>\n");
        }
        h.append("</section>\n");
    }

    /** A list of maps as a table; a map as key/value rows; anything else as text. */
    private static String table(Object value) {
        StringBuilder t = new StringBuilder();
        if (value instanceof Map<?, ?> m) {
            t.append("<table class=\"kv\">");
            m.forEach((k, v) -> t.append("<tr><th>")
                    .append(esc(k))
                    .append("</th><td>")
                    .append(esc(v))
                    .append("</td></tr>"));
            return t.append("</table>").toString();
        }
        List<?> list = (List<?>) value;
        Set<String> columns = new LinkedHashSet<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> columns.add(String.valueOf(k)));
            }
        }
        if (columns.isEmpty()) {
            return "<p>" + esc(list) + "</p>";
        }
        t.append("<table class=\"sub\"><thead><tr>");
        columns.forEach(c -> t.append("<th>").append(esc(c)).append("</th>"));
        t.append("</tr></thead><tbody>");
        int n = 0;
        for (Object o : list) {
            if (n++ == MAX_TABLE_ROWS) {
                t.append("<tr><td colspan=\"")
                        .append(columns.size())
                        .append("\">… ")
                        .append(list.size() - MAX_TABLE_ROWS)
                        .append(" more in results.json</td></tr>");
                break;
            }
            t.append("<tr>");
            Map<?, ?> m = o instanceof Map<?, ?> mm ? mm : Map.of();
            for (String c : columns) {
                t.append("<td>").append(esc(m.get(c))).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /** Bars from the timeline check's {@code buckets} metric (earlier/later buckets are left out). */
    static List<TimelineSvg.Bar> bars(RunReport r) {
        List<TimelineSvg.Bar> bars = new ArrayList<>();
        r.check("timeline").map(c -> c.metrics().get("buckets")).ifPresent(v -> {
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("start") != null && m.get("end") != null) {
                        Instant s = instant(m.get("start"));
                        Instant e = instant(m.get("end"));
                        if (s != null && e != null) {
                            long[] written = null;
                            for (int k = 0; k < Timeline.WRITTEN.size(); k++) {
                                Object n = m.get(
                                        "written_" + Timeline.WRITTEN.get(k).replace('-', '_'));
                                if (n != null) {
                                    written = written == null ? new long[Timeline.WRITTEN.size()] : written;
                                    written[k] = ReportFacts.asLong(n);
                                }
                            }
                            bars.add(new TimelineSvg.Bar(
                                    s,
                                    e,
                                    ReportFacts.asLong(m.get("rows")),
                                    ReportFacts.asLong(m.get("files")),
                                    String.valueOf(m.get("label")),
                                    written));
                        }
                    }
                }
            }
        });
        return TimelineSvg.sorted(bars);
    }

    private static String outside(RunReport r) {
        List<String> parts = new ArrayList<>();
        r.check("timeline").map(c -> c.metrics().get("buckets")).ifPresent(v -> {
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m
                            && ("earlier".equals(m.get("label")) || "later".equals(m.get("label")))) {
                        parts.add(ReportFacts.asLong(m.get("rows")) + " rows landed "
                                + ("earlier".equals(m.get("label"))
                                        ? "before the run started"
                                        : "after the history ends")
                                + " (not drawn)");
                    }
                }
            }
        });
        return String.join("; ", parts);
    }

    /** Pause/resume commands and file batches from the history, in server time. */
    static List<TimelineSvg.Marker> markers(RunHistory history) {
        List<TimelineSvg.Marker> markers = new ArrayList<>();
        if (history == null) {
            return markers;
        }
        for (HistoryEvent e : history.events()) {
            Instant at = history.toServerTime(e.time());
            if (e.is(EventType.PIPE_COMMAND)) {
                boolean cleanup = Boolean.parseBoolean(e.string("cleanup"));
                markers.add(new TimelineSvg.Marker(
                        at,
                        ("stop".equals(e.string("command")) ? "pause sent" : "resume sent")
                                + (cleanup ? " (cleanup)" : ""),
                        "command"));
            } else if (e.is(EventType.PAUSE_CONFIRMED)) {
                markers.add(new TimelineSvg.Marker(at, "Stopped seen", "command"));
            } else if (e.is(EventType.FILES_WRITTEN)) {
                markers.add(new TimelineSvg.Marker(
                        at, e.longValue("count", 0) + " " + e.string("phase") + " files", "files"));
            }
        }
        return markers;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String swatch(String colour, String label) {
        return "<span><i style=\"background:" + colour + "\"></i>" + esc(label) + "</span>";
    }

    private static String badge(CheckStatus s) {
        return "<span class=\"badge " + s.name().toLowerCase(java.util.Locale.ROOT) + "\">" + s.name() + "</span>";
    }

    private static String verdictClass(Verdict v) {
        return v.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static final String CSS = """
            :root { --fg:#111827; --muted:#6b7280; --line:#e5e7eb; }
            * { box-sizing: border-box; }
            body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
                   color: var(--fg); background:#f3f4f6; }
            main { max-width: 1160px; margin: 0 auto; padding: 24px; }
            section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:16px 0; }
            h2 { font-size:17px; margin:0 0 12px; } h3 { font-size:15px; margin:0 0 8px; }
            .verdict { display:flex; gap:20px; align-items:center; border-radius:8px; padding:18px 22px; color:#fff; }
            .verdict .big { font-size:34px; font-weight:700; letter-spacing:1px; }
            .verdict .line { font-size:17px; font-weight:600; } .verdict .sub { opacity:.92; }
            .verdict.pass { background:#15803d; } .verdict.fail { background:#b91c1c; }
            .verdict.inconclusive { background:#6b7280; } .verdict.error { background:#7c2d12; }
            table { border-collapse:collapse; width:100%; }
            th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
            th { color:#374151; font-weight:600; }
            .meta th, .kv th { width:220px; }
            .checks td:first-child { white-space:nowrap; }
            .num { text-align:right; font-variant-numeric: tabular-nums; }
            .badge { display:inline-block; min-width:64px; text-align:center; padding:1px 8px; border-radius:10px;
                     font-size:12px; font-weight:700; color:#fff; }
            .badge.pass { background:#16a34a; } .badge.fail { background:#dc2626; }
            .badge.warn { background:#d97706; } .badge.unknown { background:#6b7280; }
            .guidance li { margin:4px 0; }
            .hint { background:#eff6ff; border-left:3px solid #2563eb; padding:6px 10px; }
            .error { background:#fef2f2; border-left:3px solid #dc2626; padding:6px 10px; white-space:pre-wrap; }
            .witnesses caption { text-align:left; color:var(--muted); padding:4px 0; }
            table.sub { font-size:12px; } details { margin-top:8px; } summary { cursor:pointer; color:#374151; }
            .metrics { margin-top:8px; font-size:13px; }
            .muted { color:var(--muted); }
            .chart .axis { font-size:11px; fill:#374151; } .chart .marker { font-size:10px; fill:#374151; }
            .chart .wlabel { font-size:11px; fill:#92400e; font-weight:600; }
            .legend { display:flex; gap:18px; color:#374151; margin-top:6px; font-size:12px; }
            .legend i { display:inline-block; width:12px; height:12px; border-radius:2px; margin-right:6px; vertical-align:-1px; }
            footer { color:var(--muted); font-size:12px; text-align:center; margin:20px 0; }
            """;
}
