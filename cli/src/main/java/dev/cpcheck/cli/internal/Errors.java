package dev.cpcheck.cli.internal;

import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipesAuthenticationException;
import dev.cpcheck.clickpipes.ClickPipesException;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.runner.PipeFailedException;
import dev.cpcheck.core.runner.WaitTimeoutException;
import dev.cpcheck.emulator.EmulatorException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and the exit code of the design; {@code --debug}
 * adds the stack trace. Messages pass through {@link Secrets#redact} first.
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

    /** The exit code for an exception that ended a command. */
    public static ExitCode exitCode(Throwable ex) {
        if (ex instanceof WaitTimeoutException || ex instanceof PipeFailedException) {
            return ExitCode.INCONCLUSIVE;
        }
        Throwable api = ex instanceof InfrastructureException && ex.getCause() instanceof ClickPipesException
                ? ex.getCause()
                : ex;
        if (api instanceof ClickPipeNotFoundException || api instanceof ClickPipesAuthenticationException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof ClickPipesException || ex instanceof EmulatorException) {
            return ExitCode.INFRASTRUCTURE;
        }
        if (ex instanceof ParameterException
                || ex instanceof ConfigException
                || ex instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof InfrastructureException || ex instanceof UncheckedIOException) {
            return ExitCode.INFRASTRUCTURE;
        }
        if (ex instanceof CpcheckException) {
            // e.g. "not a run folder": a wrong argument, unless the cause is a failed system
            return ex.getCause() == null ? ExitCode.USAGE : ExitCode.INFRASTRUCTURE;
        }
        return ExitCode.INFRASTRUCTURE;
    }

    /** One line: the message, with the type when the message says too little. */
    public static String message(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof CpcheckException
                || ex instanceof IllegalArgumentException
                || ex instanceof ClickPipesException
                || ex instanceof EmulatorException) {
            return firstLine(m == null ? ex.getClass().getSimpleName() : m);
        }
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            return firstLine(m);
        }
        return "unexpected error: " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m))
                + " (run with --debug for the stack trace)";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
