package dev.cpcheck.validation.internal.report;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import dev.cpcheck.validation.ConsoleStyle;
import java.util.List;

/**
 * The console summary: verdict, numbers, one line per check, witnesses of what failed, guidance.
 *
 * <pre>
 * ✅ PASS  exactly once: no duplicates, no loss, quiet while paused
 *    12/12 files · 36/36 rows · 1 paused window (29.0 s) · clock offset +0.0 ms ± 2.0 ms
 *    time: upload 210 ms · ingestion 4.1 s · validation 380 ms · cleanup 150 ms
 *
 * ✅ duplicates         no file or row ingested more than once
 * ...
 * </pre>
 */
public final class ConsoleRenderer {
    /** Witnesses shown per check on the console; the rest are in results.json and report.html. */
    static final int WITNESSES_SHOWN = 5;

    private ConsoleRenderer() {}

    public static String render(RunReport r, ConsoleStyle style) {
        boolean u = style == ConsoleStyle.UNICODE;
        StringBuilder sb = new StringBuilder();
        sb.append("cpcheck run ")
                .append(r.runId())
                .append(" · scenario ")
                .append(r.scenario())
                .append(" · ")
                .append(r.guarantee() == null ? "" : r.guarantee().id())
                .append('\n');
        sb.append(verdictMark(r.verdict(), u))
                .append(' ')
                .append(r.verdict().name())
                .append("  ")
                .append(ReportFacts.verdictLine(r))
                .append('\n');
        sb.append("   ")
                .append(u ? ReportFacts.numbersLine(r) : ascii(ReportFacts.numbersLine(r)))
                .append('\n');
        String phases = ReportFacts.phasesLine(r);
        if (phases != null) {
            sb.append("   time: ").append(phases).append('\n');
        }
        sb.append('\n');

        int width =
                r.checks().stream().mapToInt(c -> c.checkId().length()).max().orElse(10);
        for (CheckResult c : r.checks()) {
            sb.append(statusMark(c.status(), u))
                    .append(' ')
                    .append(pad(c.checkId(), width))
                    .append("  ")
                    .append(text(c.summary(), u))
                    .append('\n');
            if (c.status() != CheckStatus.PASS) {
                List<Witness> ws = c.witnesses();
                for (int i = 0; i < Math.min(WITNESSES_SHOWN, ws.size()); i++) {
                    sb.append("     ").append(text(ws.get(i).toString(), u)).append('\n');
                }
                long more = c.witnessCount() - Math.min(WITNESSES_SHOWN, ws.size());
                if (more > 0) {
                    sb.append("     ")
                            .append(u ? "… " : "... ")
                            .append(more)
                            .append(" more (")
                            .append(c.witnessCount())
                            .append(" in all; see report.html)\n");
                }
                if (c.error() != null) {
                    sb.append("     error: ")
                            .append(text(firstLine(c.error()), u))
                            .append('\n');
                }
                if (c.hint() != null) {
                    sb.append("     ")
                            .append(u ? "→ " : "-> ")
                            .append(text(c.hint(), u))
                            .append('\n');
                }
            }
        }
        if (r.checks().isEmpty()) {
            sb.append("   no check ran")
                    .append(r.statusReason() == null ? "" : ": " + r.statusReason())
                    .append('\n');
        }
        if (!r.guidance().isEmpty()) {
            sb.append("\nGuidance\n");
            for (String g : r.guidance()) {
                sb.append(u ? "  • " : "  * ").append(text(g, u)).append('\n');
            }
        }
        if (r.runDirectory() != null) {
            sb.append("\nRun folder: ").append(r.runDirectory()).append('\n');
        }
        // whatever came from file names or check summaries, ASCII means ASCII
        return u ? sb.toString() : ascii(sb.toString());
    }

    static String verdictMark(Verdict v, boolean unicode) {
        if (unicode) {
            return switch (v) {
                case PASS -> "✅";
                case FAIL -> "❌";
                case INCONCLUSIVE -> "❔";
                case ERROR -> "⛔";
            };
        }
        return switch (v) {
            case PASS -> "[PASS]";
            case FAIL -> "[FAIL]";
            case INCONCLUSIVE -> "[????]";
            case ERROR -> "[ERR!]";
        };
    }

    static String statusMark(CheckStatus s, boolean unicode) {
        if (unicode) {
            return s.symbol();
        }
        return switch (s) {
            case PASS -> "[PASS]";
            case WARN -> "[WARN]";
            case UNKNOWN -> "[????]";
            case FAIL -> "[FAIL]";
        };
    }

    private static String text(String s, boolean unicode) {
        return unicode ? s : ascii(s);
    }

    /** Replaces the few non-ASCII characters cpcheck writes; anything else becomes '?'. */
    static String ascii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '–', '—' -> sb.append('-');
                case '…' -> sb.append("...");
                case '·' -> sb.append('|');
                case '±' -> sb.append("+/-");
                case '→' -> sb.append("->");
                case '•' -> sb.append('*');
                case '‘', '’' -> sb.append('\'');
                case '“', '”' -> sb.append('"');
                default -> sb.append(c < 128 ? c : '?');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
