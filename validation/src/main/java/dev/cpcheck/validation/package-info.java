/**
 * cpcheck validation: the oracle that says whether a ClickPipe delivered every file exactly once
 * across pause and resume, and which files and rows prove otherwise.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cpcheck.validation.ClickHouseTarget} and {@link dev.cpcheck.validation.ClickHouseSql}:
 *       where ClickHouse is and a {@link dev.cpcheck.core.spi.SqlClient} for it (client-v2, server-side
 *       {@code {name:Type}} parameters, password never logged).</li>
 *   <li>{@link dev.cpcheck.validation.ClickHouseDestination} (the runner's
 *       {@link dev.cpcheck.core.spi.Destination}) and {@link dev.cpcheck.validation.ClickHouseTable}
 *       (create, drop, totals, per-file counts, latest rows).</li>
 *   <li>{@link dev.cpcheck.validation.ValidationEngine}: the {@link dev.cpcheck.core.spi.Validator}
 *       running the {@link dev.cpcheck.validation.BuiltInChecks built-in checks} and any
 *       {@link dev.cpcheck.core.spi.Check}; {@code rejudge} re-reads a stored run under another
 *       delivery guarantee.</li>
 *   <li>{@link dev.cpcheck.validation.Reports}: console text, {@code junit.xml}, {@code report.html}.</li>
 * </ul>
 *
 * <pre>{@code
 * ClickHouseTarget target = ClickHouseTarget.of(url, user, password, "default");
 * try (ClickHouseSql sql = ClickHouseSql.connect(target);
 *      ValidationEngine engine = ValidationEngine.builder().sql(sql).build()) {
 *     ClickHouseDestination destination = new ClickHouseDestination(sql, new DestinationSpec("default", table), runId);
 *     RunReport report = ScenarioRunner.builder().runId(runId).destination(destination).validator(engine)
 *             .source(source).pipes(pipes).runDirectory(dir).build().run(Scenarios.seed());
 *     System.out.print(Reports.console(report));
 *     Reports.writeAll(report, RunHistory.read(dir.resolve("history.jsonl")), dir);
 * }
 * }</pre>
 *
 * <p>Everything heavy runs inside ClickHouse: the per-file checks share one aggregation of the
 * run's rows joined with the manifest (sent as external data with the query), and only counts and
 * at most 32 witnesses per anomaly come back. Implementation classes live in {@code .internal}
 * packages and are not API.
 */
package dev.cpcheck.validation;
