package dev.cpcheck.cli.internal;

import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.validation.ConsoleStyle;
import dev.cpcheck.validation.Reports;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Writes results to stdout: the console report, or JSON with {@code --json}. */
public final class Console {
    private Console() {}

    /** UNICODE marks when the locale says UTF-8, else ASCII (no '?' boxes in plain terminals and CI logs). */
    public static ConsoleStyle style() {
        String forced = System.getenv("CPCHECK_ASCII");
        if (forced != null && !forced.isBlank()) {
            return ConsoleStyle.ASCII;
        }
        for (String var : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.toUpperCase(Locale.ROOT).contains("UTF") ? ConsoleStyle.UNICODE : ConsoleStyle.ASCII;
            }
        }
        return ConsoleStyle.ASCII;
    }

    /** The report (which names the run folder), as text or JSON. */
    public static void report(RunReport report, boolean json, PrintStream out) {
        if (json) {
            out.println(json(report));
        } else {
            // the console report ends with the run folder
            out.print(Secrets.redact(Reports.console(report, style())));
        }
        out.flush();
    }

    /** A command's result: {@code json} as one line of JSON with --json, else {@code text}. */
    public static void print(boolean asJson, Object json, String text) {
        System.out.println(asJson ? json(json) : Secrets.redact(text));
        System.out.flush();
    }

    /** Any value as one line of JSON. */
    public static String json(Object value) {
        try {
            return Secrets.redact(Json.mapper().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
