package dev.cpcheck.engine.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.CpcheckException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentRunPointerTest {
    @TempDir
    Path runs;

    @Test
    void pointsAtARunFolderAndIsClearedOnlyForThatFolder() {
        assertThat(CurrentRunPointer.read(runs)).isEmpty();
        Path a = runs.resolve("20260101-000000-aaaaaa-steps");
        CurrentRunPointer.write(runs, a);
        assertThat(CurrentRunPointer.read(runs)).contains(a);
        assertThat(CurrentRunPointer.clearIfCurrent(runs, runs.resolve("20260101-000000-bbbbbb-steps")))
                .isFalse();
        assertThat(CurrentRunPointer.read(runs)).contains(a);
        assertThat(CurrentRunPointer.clearIfCurrent(runs, a)).isTrue();
        assertThat(CurrentRunPointer.read(runs)).isEmpty();
    }

    @Test
    void aPointerOutsideTheRunsFolderIsRefused() throws Exception {
        Files.writeString(runs.resolve(CurrentRunPointer.FILE), "../../etc\n");
        assertThatThrownBy(() -> CurrentRunPointer.read(runs))
                .isInstanceOf(CpcheckException.class)
                .hasMessageContaining("does not name a run folder");
    }
}
