package dev.cpcheck.cli;

import dev.cpcheck.cli.internal.Errors;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Shutdown;
import picocli.CommandLine;

/**
 * The {@code cpcheck} command. Exit codes: 0 PASS, 1 FAIL, 2 usage or configuration error,
 * 3 INCONCLUSIVE, 4 infrastructure error.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = run(args);
        if (Shutdown.inProgress()) {
            // a signal arrived: the shutdown hook is waiting for this thread and ends the JVM with this code
            Shutdown.exitCode(code);
            return;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (does not exit the JVM). */
    public static int run(String... args) {
        boolean debug = Errors.debugRequested(args);
        OutputOptions.debugOnCommandLine(debug);
        // every command stops on Ctrl-C/SIGTERM by interruption, so it records what it did and
        // ends with its exit code (3 for an interrupted step); run and local up guard their own work
        try (Shutdown.Guard guard = Shutdown.guard("stopping")) {
            return commandLine(debug).execute(args);
        } catch (Throwable t) {
            // picocli hands only Exceptions to the handler: errors of the JVM end here, as one line too
            return Errors.fatal(t, debug);
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(boolean debug) {
        CommandLine cl = new CommandLine(new CpcheckCommand());
        Errors errors = new Errors(debug);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }
}
