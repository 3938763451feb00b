package dev.cpcheck.engine;

import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesException;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.localstack.LocalStackException;
import java.io.UncheckedIOException;

/**
 * The one place that decides what a failure means to a user: the exit code of the design and one
 * line to print. It knows the exception types of every module the engine wires (the API client,
 * the emulator, core's waits), so front ends need not.
 *
 * <pre>{@code
 * } catch (RuntimeException e) {
 *     FailureOutcome o = FailureOutcome.of(e);
 *     System.err.println("cpcheck: " + o.message());
 *     System.exit(o.exitCode().code());
 * }
 * }</pre>
 *
 * @param exitCode the exit code of the design (2 usage, 3 inconclusive, 4 infrastructure)
 * @param message  one line, with the exception's type when its message says too little
 */
public record FailureOutcome(ExitCode exitCode, String message) {

    /** The outcome of a failure that ended a command. */
    public static FailureOutcome of(Throwable failure) {
        return new FailureOutcome(exitCode(failure), message(failure));
    }

    /**
     * The exit code: 3 for a wait that timed out or a pipe that failed, 2 for a wrong setting,
     * argument or pipe id (also an API key the service rejects), 4 for a part that failed.
     */
    public static ExitCode exitCode(Throwable failure) {
        if (failure instanceof WaitTimeoutException || failure instanceof PipeFailedException) {
            return ExitCode.INCONCLUSIVE;
        }
        Throwable api = failure instanceof InfrastructureException && failure.getCause() instanceof ClickPipesException
                ? failure.getCause()
                : failure;
        if (api instanceof ClickPipeNotFoundException || api instanceof ClickPipesAuthenticationException) {
            return ExitCode.USAGE;
        }
        if (failure instanceof ClickPipesException || failure instanceof LocalStackException) {
            return ExitCode.INFRASTRUCTURE;
        }
        if (failure instanceof ConfigException || failure instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (failure instanceof InfrastructureException || failure instanceof UncheckedIOException) {
            return ExitCode.INFRASTRUCTURE;
        }
        if (failure instanceof CpcheckException) {
            // e.g. "not a run folder": a wrong argument, unless the cause is a failed system
            return failure.getCause() == null ? ExitCode.USAGE : ExitCode.INFRASTRUCTURE;
        }
        return ExitCode.INFRASTRUCTURE;
    }

    /** One line: the message, with the type when the message says too little. */
    public static String message(Throwable failure) {
        String m = failure.getMessage();
        if (failure instanceof CpcheckException
                || failure instanceof IllegalArgumentException
                || failure instanceof ClickPipesException
                || failure instanceof LocalStackException) {
            return firstLine(m == null ? failure.getClass().getSimpleName() : m);
        }
        if (failure instanceof UncheckedIOException && failure.getCause() != null) {
            return firstLine(m);
        }
        return "unexpected error: " + failure.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m))
                + " (run with --debug for the stack trace)";
    }

    /** The first line of a text, stripped; empty for {@code null}. */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
