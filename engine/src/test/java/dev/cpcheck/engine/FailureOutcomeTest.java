package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.validation.ClickHouseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a failure comes to for a user: the exit code of the design and one line. */
class FailureOutcomeTest {
    @Test
    void waitsThatRanOutAndFailedPipesAreInconclusive() {
        assertThat(FailureOutcome.exitCode(new WaitTimeoutException("6 files ingested", Duration.ofSeconds(90), null)))
                .isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(FailureOutcome.exitCode(new PipeFailedException("p1", PipeState.FAILED, "state Running")))
                .isEqualTo(ExitCode.INCONCLUSIVE);
    }

    @Test
    void wrongSettingsAndArgumentsAreUsageErrors() {
        assertThat(FailureOutcome.exitCode(new ConfigException("S3_BUCKET is missing")))
                .isEqualTo(ExitCode.USAGE);
        assertThat(FailureOutcome.exitCode(new IllegalArgumentException("count must be >= 1")))
                .isEqualTo(ExitCode.USAGE);
        assertThat(FailureOutcome.exitCode(new CpcheckException("runs/x is not a run folder")))
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void failedPartsAreInfrastructureErrors() {
        assertThat(FailureOutcome.exitCode(new InfrastructureException("s3", "bucket unreachable")))
                .isEqualTo(ExitCode.INFRASTRUCTURE);
        assertThat(FailureOutcome.exitCode(new UncheckedIOException(new IOException("disk full"))))
                .isEqualTo(ExitCode.INFRASTRUCTURE);
        assertThat(FailureOutcome.exitCode(new CpcheckException("cannot read history", new IOException("gone"))))
                .isEqualTo(ExitCode.INFRASTRUCTURE);
        assertThat(FailureOutcome.exitCode(new IllegalStateException("bug"))).isEqualTo(ExitCode.INFRASTRUCTURE);
    }

    @Test
    void interruptsAreInconclusiveWhereverTheyHide() {
        assertThat(FailureOutcome.exitCode(new InterruptedException())).isEqualTo(ExitCode.INCONCLUSIVE);
        // a step command wraps the interrupt; a client reports it as an I/O failure
        assertThat(FailureOutcome.exitCode(
                        new CpcheckException("interrupted during write 6 files", new InterruptedException())))
                .isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(FailureOutcome.exitCode(new InfrastructureException(
                        "s3", "upload failed", new java.io.InterruptedIOException("interrupted"))))
                .isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(FailureOutcome.message(new InterruptedException())).isEqualTo("interrupted");
        // a read timeout is not an interrupt
        assertThat(FailureOutcome.exitCode(new InfrastructureException(
                        "s3", "slow", new java.net.SocketTimeoutException("Read timed out"))))
                .isEqualTo(ExitCode.INFRASTRUCTURE);
    }

    @Test
    void aRejectedCredentialIsAUsageErrorHoweverDeepItIsWrapped() {
        ClickPipesAuthenticationException unauthorized =
                new ClickPipesAuthenticationException(new ClickPipesServiceException.Details(
                        "401 UNAUTHORIZED: Invalid API key", 401, null, "UNAUTHORIZED", "Invalid API key", 1));
        assertThat(FailureOutcome.exitCode(unauthorized)).isEqualTo(ExitCode.USAGE);
        assertThat(FailureOutcome.exitCode(new InfrastructureException("clickpipes-api", "create pipe", unauthorized)))
                .isEqualTo(ExitCode.USAGE);
        assertThat(FailureOutcome.exitCode(new ClickHouseException("Authentication failed", 516, true, null)))
                .isEqualTo(ExitCode.USAGE);
        assertThat(FailureOutcome.exitCode(new ClickHouseException("cannot connect", 0, false, null)))
                .isEqualTo(ExitCode.INFRASTRUCTURE);
    }

    @Test
    void theMessageIsOneLineAndNamesTheTypeOnlyWhenItSaysTooLittle() {
        FailureOutcome known = FailureOutcome.of(new ConfigException("S3_BUCKET is missing\n  at line 3"));
        assertThat(known.message()).isEqualTo("S3_BUCKET is missing");
        assertThat(known.exitCode()).isEqualTo(ExitCode.USAGE);

        FailureOutcome unexpected = FailureOutcome.of(new NullPointerException("x is null"));
        assertThat(unexpected.message())
                .isEqualTo("unexpected error: NullPointerException: x is null (run with --debug for the stack trace)");
        assertThat(unexpected.exitCode()).isEqualTo(ExitCode.INFRASTRUCTURE);
        assertThat(FailureOutcome.message(new CpcheckException(null))).isEqualTo("CpcheckException");
    }
}
