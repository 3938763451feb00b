package dev.cpcheck.clickpipes;

/**
 * 400 because the pipe is in the wrong state for the command, e.g. {@code "ClickPipe is already
 * running"} on start, or a stop of a pipe that is not running.
 */
public class ClickPipeStateConflictException extends ClickPipesBadRequestException {

    private static final long serialVersionUID = 2L;

    public ClickPipeStateConflictException(Details details) {
        super(details);
    }
}
