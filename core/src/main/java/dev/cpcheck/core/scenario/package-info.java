/**
 * Checkpoint scenarios: an ordered list of {@link dev.cpcheck.core.scenario.Step steps} (write
 * files, create the pipe, await ingestion, pause, hold, resume, validate), built with
 * {@link dev.cpcheck.core.scenario.Scenario#builder(String)} or taken from
 * {@link dev.cpcheck.core.scenario.Scenarios}.
 */
package dev.cpcheck.core.scenario;
