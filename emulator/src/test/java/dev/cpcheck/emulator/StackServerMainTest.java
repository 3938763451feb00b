package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.localstack.LocalStackProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackServerMainTest {
    @Test
    void theLauncherStartsThisEntryPoint() {
        assertThat(LocalStackProcess.SERVER_MAIN_CLASS).isEqualTo(StackServerMain.class.getName());
    }

    @Test
    void optionsAreParsedAndCheckedBeforeAnythingStarts() {
        StackServerMain.Options o = StackServerMain.Options.parse(new String[] {
            "--state-dir",
            "/tmp/x",
            "--bucket",
            "cpcheck-local",
            "--bucket",
            "other-bucket",
            "--fault-mode",
            "REPLAY_LAST_BATCH",
            "--rate-limit",
            "100"
        });
        assertThat(o.stateDirectory()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.buckets()).containsExactly("cpcheck-local", "other-bucket");
        assertThat(o.faultMode()).isEqualTo("replay-last-batch");
        assertThat(o.rateLimit()).isEqualTo(100);

        assertThatThrownBy(() -> StackServerMain.Options.parse(new String[] {"--bucket", "x"}))
                .hasMessageContaining("Invalid bucket name");
        assertThatThrownBy(() -> StackServerMain.Options.parse(new String[] {"--fault-mode", "sometimes"}))
                .hasMessageContaining("valid fault modes");
        assertThatThrownBy(() -> StackServerMain.Options.parse(new String[] {"--port"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> StackServerMain.Options.parse(new String[] {"--port", "1"}))
                .hasMessageContaining("Unknown option --port");
    }
}
