package dev.cpcheck.core;

/**
 * A part the run depends on failed: the cloud API, S3 or ClickHouse. Port implementations wrap
 * their client exceptions in this type so the runner can report an infrastructure error
 * (exit code 4) instead of a verdict about the pipe. Messages must never contain secrets.
 */
public class InfrastructureException extends CpcheckException {
    private static final long serialVersionUID = 1L;
    private final String component;

    /**
     * @param component what failed, e.g. {@code "clickpipes-api"}, {@code "s3"}, {@code "clickhouse"}
     */
    public InfrastructureException(String component, String message, Throwable cause) {
        super(message, cause);
        this.component = component;
    }

    public InfrastructureException(String component, String message) {
        this(component, message, null);
    }

    /** What failed, e.g. {@code "clickpipes-api"}, {@code "s3"}, {@code "clickhouse"}. */
    public String component() {
        return component;
    }
}
