package dev.cpcheck.validation;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.validation.internal.report.ConsoleRenderer;
import dev.cpcheck.validation.internal.report.HtmlRenderer;
import dev.cpcheck.validation.internal.report.JUnitXmlRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renders a {@link RunReport}: console text, {@code junit.xml}, a self-contained
 * {@code report.html}; {@code results.json} is {@link RunReport#write}.
 *
 * <pre>{@code
 * System.out.print(Reports.console(report, ConsoleStyle.forCharset(System.out.charset())));
 * Reports.writeAll(report, history, runDirectory);   // results.json, junit.xml, report.html
 * }</pre>
 *
 * <p>Renderers read only the report (and, for the chart's markers, the history when given), so a
 * stored run can be rendered again offline.
 */
public final class Reports {
    public static final String RESULTS_JSON = "results.json";
    public static final String JUNIT_XML = "junit.xml";
    public static final String REPORT_HTML = "report.html";

    private Reports() {}

    /** The console summary with emoji status marks. */
    public static String console(RunReport report) {
        return console(report, ConsoleStyle.UNICODE);
    }

    /** The console summary: verdict, numbers, a line per check, witnesses of failures, guidance. */
    public static String console(RunReport report, ConsoleStyle style) {
        return ConsoleRenderer.render(report, style);
    }

    /** JUnit XML: one test case per check; FAIL is a failure with its witnesses, UNKNOWN an error. */
    public static String junitXml(RunReport report) {
        return JUnitXmlRenderer.render(report);
    }

    /**
     * A self-contained HTML page: verdict, guidance, a chart of rows landed over time with paused
     * windows shaded, and each check with its metrics and witnesses.
     *
     * @param history the run's history, for pause/resume markers on the chart; may be null
     */
    public static String html(RunReport report, RunHistory history) {
        return HtmlRenderer.render(report, history);
    }

    /**
     * Writes {@value #RESULTS_JSON}, {@value #JUNIT_XML} and {@value #REPORT_HTML} into a folder
     * (created if missing), each atomically.
     *
     * @param history may be null
     */
    public static void writeAll(RunReport report, RunHistory history, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CpcheckException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        report.write(directory.resolve(RESULTS_JSON));
        write(directory.resolve(JUNIT_XML), junitXml(report));
        write(directory.resolve(REPORT_HTML), html(report, history));
    }

    private static void write(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CpcheckException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
