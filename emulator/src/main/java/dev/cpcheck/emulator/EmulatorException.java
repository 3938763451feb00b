package dev.cpcheck.emulator;

/**
 * Base of every unchecked exception thrown by the emulator module: the embedded ClickHouse, the
 * embedded S3 and the ClickPipes emulator.
 */
public class EmulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulatorException(String message) {
        super(message);
    }

    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
