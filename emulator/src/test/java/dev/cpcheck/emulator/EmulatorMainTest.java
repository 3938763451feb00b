package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void parsesOptionsFlagsAndEqualsForm() {
        assertThat(EmulatorMain.parse(
                        new String[] {"--state-dir", "/tmp/x", "--no-rate-limit", "--port=8080", "--local-stack"}))
                .containsEntry("state-dir", "/tmp/x")
                .containsEntry("no-rate-limit", "true")
                .containsEntry("port", "8080")
                .containsEntry("local-stack", "true");
    }

    @Test
    void rejectsStrayArgumentsAndMissingValues() {
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"run"})).hasMessageContaining("Unexpected");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
    }
}
