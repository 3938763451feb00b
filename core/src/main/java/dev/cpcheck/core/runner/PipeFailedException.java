package dev.cpcheck.core.runner;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.spi.PipeState;

/** The pipe entered Failed or InternalError while the runner waited for another state. */
public class PipeFailedException extends CpcheckException {
    private static final long serialVersionUID = 1L;
    private final PipeState state;

    public PipeFailedException(String pipeId, PipeState state, String waitingFor) {
        super(
                "pipe " + pipeId + " entered state " + state.apiName() + " while waiting for " + waitingFor
                        + "; look at the pipe's errors (system.clickpipes_log, <table>_clickpipes_error) in the ClickHouse console");
        this.state = state;
    }

    public PipeState state() {
        return state;
    }
}
