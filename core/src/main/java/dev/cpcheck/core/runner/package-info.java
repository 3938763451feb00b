/**
 * The {@link dev.cpcheck.core.runner.ScenarioRunner}: executes a scenario's steps against the
 * ports with waiters (timeouts, poll intervals, every poll recorded), always heals the pipe
 * (resume) and cleans up in {@code finally}, and returns a
 * {@link dev.cpcheck.core.result.RunReport}.
 */
package dev.cpcheck.core.runner;
