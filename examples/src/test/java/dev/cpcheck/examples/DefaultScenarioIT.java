package dev.cpcheck.examples;

// tag::default[]
import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;

import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import org.junit.jupiter.api.Test;
// end::default[]

/**
 * Example 1: the default scenario, in the fewest lines. The tagged region is the snippet under
 * "Use as a library" in the README ({@code ReadmeSnippetTest} keeps the two equal).
 *
 * <p><b>How it works:</b> {@code @CheckpointTest} starts the embedded stack (ClickHouse, S3 and the
 * ClickPipes emulator on 127.0.0.1) before the class and stops it after; the injected
 * {@code CheckpointRunner} runs {@link dev.cpcheck.core.scenario.Scenarios#seed()}: 12 files of 3
 * rows, 6 before the pipe exists, pause once they landed, 3 written while paused, resume, 3 more.
 *
 * <p><b>Passing means:</b> every file landed exactly once (36 rows), nothing landed while the pipe
 * was paused, and after the resume only files not yet ingested were ingested.
 *
 * <p><b>Needs:</b> Java 17 and npm (the embedded ClickHouse library is fetched once into
 * {@code ~/.cache/cpcheck}); about 10 s.
 */
// tag::default[]
@CheckpointTest
class DefaultScenarioIT {
    @Test
    void pipeKeepsItsCheckpointAcrossPauseAndResume(CheckpointRunner cpcheck) {
        assertExactlyOnce(cpcheck.run(Scenarios.seed()));
    }
}
// end::default[]
