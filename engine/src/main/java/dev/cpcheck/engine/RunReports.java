package dev.cpcheck.engine;

import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.validation.BuiltInChecks;
import dev.cpcheck.validation.ConsoleStyle;
import dev.cpcheck.validation.Reports;
import dev.cpcheck.validation.ValidationEngine;
import java.util.List;

/**
 * What can be done with a {@link RunReport} without any server: render it for a console, judge it
 * again under another guarantee, and the ids of the built-in checks.
 *
 * <pre>{@code
 * System.out.print(RunReports.consoleText(report, true));
 * RunReport lenient = RunReports.rejudge(report, DeliveryGuarantee.AT_LEAST_ONCE);
 * }</pre>
 */
public final class RunReports {
    /** Id of the check that fails when a file or row landed more than once. */
    public static final String DUPLICATES = BuiltInChecks.DUPLICATES;

    /** Id of the check that fails when a file the pipe owes is missing or short. */
    public static final String COMPLETENESS = BuiltInChecks.COMPLETENESS;

    /** Ids of the checks every run runs, in report order. */
    public static final List<String> BUILT_IN_CHECKS = BuiltInChecks.IDS;

    /**
     * The checks that decide delivery (duplicates, completeness, unexpected-rows, paused-window,
     * resume-continuity): each must pass for exactly-once.
     */
    public static final List<String> DELIVERY_CHECKS = List.of(
            BuiltInChecks.DUPLICATES,
            BuiltInChecks.COMPLETENESS,
            BuiltInChecks.UNEXPECTED_ROWS,
            BuiltInChecks.PAUSED_WINDOW,
            BuiltInChecks.RESUME_CONTINUITY);

    private RunReports() {}

    /**
     * The console summary: verdict, numbers, a line per check, witnesses of failures, guidance,
     * the run folder.
     *
     * @param unicode emoji status marks; plain ASCII ({@code [PASS]}) otherwise
     */
    public static String consoleText(RunReport report, boolean unicode) {
        return Reports.console(report, unicode ? ConsoleStyle.UNICODE : ConsoleStyle.ASCII);
    }

    /** The report judged under another guarantee (duplicates become warnings under at-least-once). */
    public static RunReport rejudge(RunReport report, DeliveryGuarantee guarantee) {
        return ValidationEngine.rejudge(report, guarantee);
    }
}
