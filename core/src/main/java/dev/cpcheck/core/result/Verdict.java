package dev.cpcheck.core.result;

import java.util.Collection;

/** The overall answer of a run. */
public enum Verdict {
    /** Every file exactly once, nothing ingested while paused (warnings allowed). */
    PASS(ExitCode.PASS),
    /** Duplicates, loss or ingestion while paused, each named by a failed check. */
    FAIL(ExitCode.FAIL),
    /** Could not decide: a wait timed out, a check could not run, the run was interrupted. */
    INCONCLUSIVE(ExitCode.INCONCLUSIVE),
    /** The infrastructure failed (cloud API, S3, ClickHouse): nothing can be said of the pipe. */
    ERROR(ExitCode.INFRASTRUCTURE);

    private final ExitCode exitCode;

    Verdict(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /**
     * Decides the verdict of a run. Evidence of an anomaly wins over everything (a FAIL check is a
     * FAIL even if the run timed out afterwards); otherwise an infrastructure error gives ERROR, a
     * run that did not complete or a check that could not decide gives INCONCLUSIVE, and no checks
     * at all is INCONCLUSIVE too.
     */
    public static Verdict decide(RunStatus status, Collection<CheckResult> checks) {
        CheckStatus worst =
                CheckStatus.worstOf(checks.stream().map(CheckResult::status).toList());
        if (worst == CheckStatus.FAIL) {
            return FAIL;
        }
        if (status == RunStatus.INFRASTRUCTURE_ERROR) {
            return ERROR;
        }
        if (status != RunStatus.COMPLETED || checks.isEmpty() || worst == CheckStatus.UNKNOWN) {
            return INCONCLUSIVE;
        }
        return PASS;
    }
}
