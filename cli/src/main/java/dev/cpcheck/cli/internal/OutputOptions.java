package dev.cpcheck.cli.internal;

import picocli.CommandLine.Option;

/** {@code --quiet}, {@code --json}, {@code --debug}. */
public final class OutputOptions {
    @Option(
            names = {"-q", "--quiet"},
            description = "No progress on stderr; only the result.")
    public boolean quiet;

    @Option(names = "--json", description = "Machine-readable JSON on stdout instead of the console report.")
    public boolean json;

    @Option(names = "--debug", description = "Debug logging, and stack traces with errors.")
    public boolean debug;

    private static volatile boolean debugOnCommandLine;
    private Progress progress;

    /** Set by the entry point when --debug appears anywhere, so {@code cpcheck --debug run} means {@code cpcheck run --debug}. */
    public static void debugOnCommandLine(boolean debug) {
        debugOnCommandLine = debug;
    }

    /** The progress display for this command (created on first use, after logging is set up). */
    public Progress progress() {
        if (progress == null) {
            Logging.console(debug || debugOnCommandLine, quiet || json);
            progress = Progress.stderr(quiet);
        }
        return progress;
    }
}
