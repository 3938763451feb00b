/**
 * A run driven one step at a time, each step possibly from a separate process: the library
 * behind the CLI's step commands ({@code fixtures upload}, {@code table create},
 * {@code pipe create}, {@code pipe pause}, {@code pipe resume}, {@code query}, {@code validate},
 * {@code cleanup}).
 *
 * <pre>{@code
 * try (CheckpointEngine engine = Cpcheck.local().build();
 *      StepRun run = StepRun.currentOrStart(engine, FixtureSettings.defaults())) {
 *     run.uploadFiles(6, 3, "initial");
 *     run.createTable();
 *     run.createPipe();
 *     run.awaitFiles(6, Duration.ofMinutes(1));
 * }
 * }</pre>
 */
package dev.cpcheck.engine.steps;
