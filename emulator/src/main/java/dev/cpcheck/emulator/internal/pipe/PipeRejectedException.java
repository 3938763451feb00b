package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.EmulatorException;

/** A request about a pipe that the API answers with 400 BAD_REQUEST and this message. */
public final class PipeRejectedException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    public PipeRejectedException(String message) {
        super(message);
    }
}
