package dev.cpcheck.engine;

import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesException;
import dev.cpcheck.clickpipes.ClickPipesUnexpectedResponseException;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.Interrupts;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.history.CorruptRunFolderException;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.localstack.LocalStackException;
import dev.cpcheck.validation.ClickHouseException;
import java.io.UncheckedIOException;

/**
 * The one place that decides what a failure means to a user: the exit code of the design and one
 * line to print. It knows the exception types of every module the engine wires (the API client,
 * the emulator, ClickHouse, core's waits), so front ends need not. The rule, the same in every
 * command:
 * <ul>
 *   <li>3 (INCONCLUSIVE): a wait ran out, the pipe failed, or the command was interrupted;</li>
 *   <li>2 (usage): the fix is in what the user gave: a flag, a setting, a file or folder (a run
 *       folder whose files do not parse), a pipe id
 *       the service does not know, credentials a part rejects (API 401/403, ClickHouse
 *       authentication), an API URL that answers like another kind of server;</li>
 *   <li>4 (infrastructure): a part did not answer or failed (connection refused, timeouts, 5xx,
 *       S3, ClickHouse, the disk), or cpcheck itself failed.</li>
 * </ul>
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

    /** The exit code of a failure, by the rule of the class documentation. */
    public static ExitCode exitCode(Throwable failure) {
        if (failure instanceof WaitTimeoutException
                || failure instanceof PipeFailedException
                || Interrupts.causedBy(failure)) {
            return ExitCode.INCONCLUSIVE;
        }
        if (rejectedByUser(failure) || failure instanceof CorruptRunFolderException) {
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

    /**
     * Whether a part answered that what the user gave is wrong: the API rejected the key (401/403)
     * or does not know the pipe (404), the API URL answers like another server, ClickHouse refused
     * the credentials. Looked for in the failure and its causes (ports wrap client exceptions).
     */
    private static boolean rejectedByUser(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClickPipeNotFoundException
                    || t instanceof ClickPipesAuthenticationException
                    || t instanceof ClickPipesUnexpectedResponseException) {
                return true;
            }
            if (t instanceof ClickHouseException ch
                    && (ch.errorCode() == ClickHouseException.AUTHENTICATION_FAILED
                            || ch.errorCode() == UNKNOWN_USER
                            || ch.errorCode() == ClickHouseException.UNKNOWN_DATABASE)) {
                return true;
            }
        }
        return false;
    }

    /** ClickHouse's error code for a user that does not exist. */
    private static final int UNKNOWN_USER = 192;

    /** One line: the message, with the type when the message says too little. */
    public static String message(Throwable failure) {
        if (Interrupts.causedBy(failure) && !(failure instanceof CpcheckException)) {
            return "interrupted";
        }
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
