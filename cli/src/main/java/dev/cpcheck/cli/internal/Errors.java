package dev.cpcheck.cli.internal;

import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.engine.FailureOutcome;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and the exit code of the design, as the engine's
 * {@link FailureOutcome} decides them; {@code --debug} adds the stack trace. Messages pass through
 * {@link Secrets#redact} first.
 */
public final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final boolean debug;

    public Errors(boolean debug) {
        this.debug = debug;
    }

    /** Whether {@code --debug} is among the arguments (known before parsing, for parse errors). */
    public static boolean debugRequested(String[] args) {
        return Arrays.asList(args).contains("--debug");
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        Progress.endLiveLine();
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        err.println(Secrets.redact("cpcheck: " + firstLine(ex.getMessage()) + " (see '" + command + " --help')"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        Progress.endLiveLine();
        PrintWriter err = cl.getErr();
        err.println(Secrets.redact("cpcheck: " + message(ex)));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex).code();
    }

    /** One line for a {@link Throwable} that escaped picocli (an {@link Error}); exit code 4. */
    public static int fatal(Throwable t, boolean debug) {
        Progress.endLiveLine();
        System.err.println(Secrets.redact("cpcheck: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()))
                + " (run with --debug for the stack trace)"));
        if (debug) {
            t.printStackTrace();
        }
        System.err.flush();
        return ExitCode.INFRASTRUCTURE.code();
    }

    /** The exit code for an exception that ended a command: a bad flag is 2, the rest as the engine says. */
    public static ExitCode exitCode(Throwable ex) {
        return ex instanceof ParameterException ? ExitCode.USAGE : FailureOutcome.exitCode(ex);
    }

    /** One line: the message, with the type when the message says too little. */
    public static String message(Throwable ex) {
        return FailureOutcome.message(ex);
    }

    static String firstLine(String s) {
        return FailureOutcome.firstLine(s);
    }
}
