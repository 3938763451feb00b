package dev.cpcheck.emulator;

/**
 * The chdb library (the ClickHouse engine behind {@link EmbeddedClickHouse}) could not be found
 * nor downloaded. The message says what to install or which variable to set.
 */
public class ChdbLibraryUnavailableException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    public ChdbLibraryUnavailableException(String message) {
        super(message);
    }

    public ChdbLibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
