/**
 * One entry point that runs a checkpoint scenario on the embedded local stack or on ClickHouse
 * Cloud and returns the report: the path the CLI and the JUnit extension take too.
 *
 * <pre>{@code
 * try (CheckpointEngine engine = Cpcheck.local().build()) {
 *     RunReport report = engine.run(Scenarios.seed());
 *     System.out.println(report.verdict());
 * }
 * }</pre>
 */
package dev.cpcheck.engine;
