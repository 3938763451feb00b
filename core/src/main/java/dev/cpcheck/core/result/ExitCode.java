package dev.cpcheck.core.result;

/** Process exit codes of the CLI, as fixed by the design: stable, scripts depend on them. */
public enum ExitCode {
    /** Exactly once: no duplicates, no loss, quiet while paused. */
    PASS(0),
    /** Duplicates and/or loss and/or ingestion while paused. */
    FAIL(1),
    /** Bad flags, bad config, missing credentials. */
    USAGE(2),
    /** Could not decide: timeout waiting for ingestion, a check error. */
    INCONCLUSIVE(3),
    /** The cloud API, S3 or ClickHouse failed. */
    INFRASTRUCTURE(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
