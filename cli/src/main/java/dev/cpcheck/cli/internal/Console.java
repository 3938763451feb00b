package dev.cpcheck.cli.internal;

import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.engine.RunReports;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Writes results to stdout: the console report, or JSON with {@code --json}. */
public final class Console {
    private Console() {}

    /** Unicode marks when the locale says UTF-8, else ASCII (no '?' boxes in plain terminals and CI logs). */
    public static boolean unicode() {
        String forced = System.getenv("CPCHECK_ASCII");
        if (forced != null && !forced.isBlank()) {
            return false;
        }
        for (String var : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.toUpperCase(Locale.ROOT).contains("UTF");
            }
        }
        return false;
    }

    /** The report (which names the run folder), as text or JSON. */
    public static void report(RunReport report, boolean json, PrintStream out) {
        if (json) {
            out.println(json(report));
        } else {
            // the console report ends with the run folder
            out.print(Secrets.redact(RunReports.consoleText(report, unicode())));
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
