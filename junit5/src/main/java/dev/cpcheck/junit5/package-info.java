/**
 * JUnit 5 support: {@link dev.cpcheck.junit5.CheckpointTest} starts the embedded stack once per
 * test class (or targets ClickHouse Cloud) and injects a {@link dev.cpcheck.junit5.CheckpointRunner};
 * {@link dev.cpcheck.junit5.CheckpointAssertions} turns a report into a pass or a failure whose
 * message carries the evidence.
 *
 * <pre>{@code
 * @CheckpointTest
 * class PipeCheckpointTest {
 *     @Test
 *     void keepsItsCheckpoint(CheckpointRunner cpcheck) {
 *         CheckpointAssertions.assertExactlyOnce(cpcheck.run(Scenarios.seed()));
 *     }
 * }
 * }</pre>
 */
package dev.cpcheck.junit5;
