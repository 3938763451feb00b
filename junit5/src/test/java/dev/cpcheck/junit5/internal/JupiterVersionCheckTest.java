package dev.cpcheck.junit5.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JupiterVersionCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"5.10.0", "5.10.0-M1", "5.10.5", "5.11.4", "5.14.4", "6.0.0", "6.0.3", "6.1.0-RC1", "7.0"})
    void theFloorAndEverythingNewerIsAccepted(String version) {
        assertThatCode(() -> JupiterVersionCheck.requireSupported(Optional.of(version)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.9.3", "5.9.0-RC1", "5.0.0", "4.13"})
    void anOlderVersionIsRefusedWithTheVersionFoundAndTheOneNeeded(String version) {
        assertThatThrownBy(() -> JupiterVersionCheck.requireSupported(Optional.of(version)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("needs JUnit Jupiter 5.10 or newer")
                .hasMessageContaining("found junit-jupiter-api " + version)
                .hasMessageContaining("junit-bom");
    }

    @Test
    void anUnknownOrUnreadableVersionDoesNotStopTheTests() {
        assertThatCode(() -> JupiterVersionCheck.requireSupported(Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> JupiterVersionCheck.requireSupported(Optional.of("snapshot")))
                .doesNotThrowAnyException();
    }

    @Test
    void theVersionOnTheClassPathIsReadFromJUnitsJarAndPasses() {
        Optional<String> found = JupiterVersionCheck.foundVersion();

        assertThat(found).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+.*"));
        assertThat(JupiterVersionCheck.atLeastFloor(found.orElseThrow())).isTrue();
    }
}
