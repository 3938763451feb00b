/**
 * The ports the {@link dev.cpcheck.core.runner.ScenarioRunner} drives: the source fixture
 * (write/list/delete files), the pipe control (create/adopt/state/pause/resume/delete), the
 * destination (table, ingestion counts, server clock) and the validator. Other modules implement
 * them; tests use in-memory fakes.
 */
package dev.cpcheck.core.port;
