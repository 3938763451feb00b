package dev.cpcheck.core;

/** Base of the unchecked exceptions thrown by cpcheck core. */
public class CpcheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CpcheckException(String message) {
        super(message);
    }

    public CpcheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
