package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaultModeTest {

    @Test
    void idsAreKebabCase() {
        assertThat(Arrays.stream(FaultMode.values()).map(FaultMode::id))
                .containsExactly(
                        "none",
                        "restart-from-scratch",
                        "skip-paused-files",
                        "replay-last-batch",
                        "ingest-while-paused",
                        "lose-event-while-paused",
                        "replay-event-after-resume");
    }

    @Test
    void fromIdAcceptsIdsAndConstantNames() {
        for (FaultMode mode : FaultMode.values()) {
            assertThat(FaultMode.fromId(mode.id())).isEqualTo(mode);
            assertThat(FaultMode.fromId(mode.name())).isEqualTo(mode);
        }
        assertThat(FaultMode.fromId(" Skip-Paused-Files ")).isEqualTo(FaultMode.SKIP_PAUSED_FILES);
    }

    @Test
    void unknownIdListsTheValidOnes() {
        assertThatThrownBy(() -> FaultMode.fromId("chaos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown fault mode 'chaos'; valid fault modes: none, restart-from-scratch,"
                        + " skip-paused-files, replay-last-batch, ingest-while-paused, lose-event-while-paused,"
                        + " replay-event-after-resume");
        assertThatThrownBy(() -> FaultMode.fromId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonUsesTheId() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(FaultMode.REPLAY_LAST_BATCH)).isEqualTo("\"replay-last-batch\"");
        assertThat(json.readValue("\"ingest-while-paused\"", FaultMode.class)).isEqualTo(FaultMode.INGEST_WHILE_PAUSED);
    }
}
