package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.core.spi.PipeState.COMPLETED;
import static dev.cpcheck.core.spi.PipeState.DEGRADED;
import static dev.cpcheck.core.spi.PipeState.FAILED;
import static dev.cpcheck.core.spi.PipeState.INTERNAL_ERROR;
import static dev.cpcheck.core.spi.PipeState.PROVISIONING;
import static dev.cpcheck.core.spi.PipeState.RUNNING;
import static dev.cpcheck.core.spi.PipeState.STOPPED;
import static dev.cpcheck.core.spi.PipeState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.spi.PipeState;
import org.junit.jupiter.api.Test;

/** The lifecycle of an object-storage pipe, as the API shows it. */
class PipeLifecycleTest {
    private static PipeState next(PipeState from, PipeEvent event) {
        return PipeLifecycle.next(from, event, "abcd1234");
    }

    @Test
    void createProvisionStopDrainStartAgain() {
        assertThat(next(PROVISIONING, PipeEvent.PROVISIONED)).isEqualTo(RUNNING);
        assertThat(next(RUNNING, PipeEvent.STOP)).isEqualTo(STOPPING);
        assertThat(next(STOPPING, PipeEvent.DRAINED)).isEqualTo(STOPPED);
        assertThat(next(STOPPED, PipeEvent.START)).isEqualTo(PROVISIONING);
        assertThat(next(FAILED, PipeEvent.START))
                .as("a failed pipe can be started")
                .isEqualTo(PROVISIONING);
    }

    @Test
    void stopIsAcceptedInEveryStateAndIdempotent() {
        for (PipeState s : new PipeState[] {PROVISIONING, RUNNING, DEGRADED, FAILED, COMPLETED, INTERNAL_ERROR}) {
            assertThat(next(s, PipeEvent.STOP)).as("stop from %s", s).isEqualTo(STOPPING);
        }
        assertThat(next(STOPPING, PipeEvent.STOP)).isEqualTo(STOPPING);
        assertThat(next(STOPPED, PipeEvent.STOP)).isEqualTo(STOPPED);
    }

    @Test
    void startOnlyFromStoppedOrFailedWithTheLiveMessage() {
        for (PipeState s : new PipeState[] {RUNNING, PROVISIONING, DEGRADED}) {
            assertThatThrownBy(() -> next(s, PipeEvent.START))
                    .isInstanceOf(PipeRejectedException.class)
                    .hasMessage("abcd1234 ClickPipe is already running");
        }
        assertThatThrownBy(() -> next(STOPPING, PipeEvent.START)).hasMessageContaining("stopping");
        assertThatThrownBy(() -> next(COMPLETED, PipeEvent.START)).hasMessageContaining("completed");
        assertThatThrownBy(() -> next(INTERNAL_ERROR, PipeEvent.START)).hasMessageContaining("InternalError");
    }

    @Test
    void retriesDegradeThenRecoverOrFailAndAOneShotPipeCompletes() {
        assertThat(next(RUNNING, PipeEvent.ATTEMPT_FAILED)).isEqualTo(DEGRADED);
        assertThat(next(DEGRADED, PipeEvent.ATTEMPT_SUCCEEDED)).isEqualTo(RUNNING);
        assertThat(next(DEGRADED, PipeEvent.FAILED)).isEqualTo(FAILED);
        assertThat(next(RUNNING, PipeEvent.INTERNAL_ERROR)).isEqualTo(INTERNAL_ERROR);
        assertThat(next(RUNNING, PipeEvent.SOURCE_EXHAUSTED)).isEqualTo(COMPLETED);
        assertThat(next(STOPPING, PipeEvent.SOURCE_EXHAUSTED)).as("a stop wins").isEqualTo(STOPPING);
    }

    @Test
    void onlyARunningPipeOrAFaultyStoppedOneIngests() {
        assertThat(PipeLifecycle.mayIngest(RUNNING, false)).isTrue();
        assertThat(PipeLifecycle.mayIngest(DEGRADED, false)).isTrue();
        assertThat(PipeLifecycle.mayIngest(STOPPED, false)).isFalse();
        assertThat(PipeLifecycle.mayIngest(STOPPED, true)).isTrue();
        assertThat(PipeLifecycle.mayIngest(PROVISIONING, true)).isFalse();
        assertThat(PipeLifecycle.mayIngest(COMPLETED, false)).isFalse();
    }
}
