package dev.cpcheck.engine;

import dev.cpcheck.core.result.ExitCode;
import java.util.List;

/**
 * What a cleanup did, per resource.
 *
 * @param runId   the run cleaned up
 * @param actions one line per resource, e.g. {@code pipe 7d3a...: deleted}
 * @param failed  resources that could not be removed
 */
public record CleanupReport(String runId, List<String> actions, List<String> failed) {
    public CleanupReport {
        actions = List.copyOf(actions);
        failed = List.copyOf(failed);
    }

    public boolean ok() {
        return failed.isEmpty();
    }

    /** 0 when everything is gone, 4 (infrastructure) when something could not be removed. */
    public ExitCode exitCode() {
        return ok() ? ExitCode.PASS : ExitCode.INFRASTRUCTURE;
    }
}
