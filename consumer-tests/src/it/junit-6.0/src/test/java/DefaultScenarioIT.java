import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;

import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import org.junit.jupiter.api.Test;

@CheckpointTest
class DefaultScenarioIT {
    @Test
    void pipeKeepsItsCheckpointAcrossPauseAndResume(CheckpointRunner cpcheck) {
        assertExactlyOnce(cpcheck.run(Scenarios.seed()));
    }
}
