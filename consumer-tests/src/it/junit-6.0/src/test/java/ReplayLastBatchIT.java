import static dev.cpcheck.junit5.CheckpointAssertions.assertFailsExactly;

import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.junit5.CheckpointTest;
import dev.cpcheck.junit5.RunScenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The checker catches a broken checkpoint: the emulator replays the last batch on resume, and the
 * run must fail as duplicates (and as a resume that did not continue), nothing else. The nested
 * class has no annotation of its own, so it runs on its enclosing class's faulty stack.
 */
@CheckpointTest(faultMode = EmulatorFault.REPLAY_LAST_BATCH)
class ReplayLastBatchIT {
    @Nested
    class OnResume {
        @Test
        @RunScenario("seed")
        void theReplayedBatchIsReportedAsDuplicates(RunReport report) {
            assertFailsExactly(report, "duplicates", "resume-continuity");
        }
    }
}
