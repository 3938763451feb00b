package dev.cpcheck.core.spi;

import dev.cpcheck.core.result.CheckResult;

/**
 * One verification of the destination table against the manifest and the history. Checks do
 * their heavy work as SQL inside ClickHouse ({@link CheckContext#sql()}); they never pull table
 * rows into the JVM. Found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.cpcheck.core.spi.Check}.
 *
 * <pre>{@code
 * public final class NoEmptyPayloadCheck implements Check {
 *     public String id() { return "no-empty-payload"; }
 *     public CheckResult run(CheckContext ctx) {
 *         long empty = ctx.sql().queryLong("SELECT count() FROM " + ctx.qualifiedTable()
 *                 + " WHERE run_id = {run:String} AND payload = ''", Map.of("run", ctx.runId()));
 *         return CheckResult.builder(id())
 *                 .status(empty == 0 ? CheckStatus.PASS : CheckStatus.FAIL)
 *                 .summary(empty + " rows with an empty payload")
 *                 .metric("empty_rows", empty).build();
 *     }
 * }
 * }</pre>
 *
 * <p>A check that throws is reported UNKNOWN with the error, never PASS.
 */
public interface Check {

    /** Unique id, kebab-case; part of reports and of the public contract. */
    String id();

    /** Runs the check. */
    CheckResult run(CheckContext context) throws Exception;

    /** One line for humans. */
    default String description() {
        return id();
    }

    /** Informational checks never fail a run (e.g. the timeline). */
    default boolean informational() {
        return false;
    }
}
