package dev.cpcheck.validation;

import dev.cpcheck.core.InfrastructureException;

/**
 * ClickHouse failed: either it was never reached ({@link #reachedServer()} is {@code false}:
 * connection refused, TLS, timeout) or it refused the statement (with ClickHouse's
 * {@link #errorCode()}, e.g. 60 for an unknown table). The base exception of this module; an
 * {@link InfrastructureException} with component {@code clickhouse}, so a run that hits it ends
 * with the infrastructure exit code. Messages never contain the password.
 */
public class ClickHouseException extends InfrastructureException {
    private static final long serialVersionUID = 1L;

    /** ClickHouse's error code for an unknown table. */
    public static final int UNKNOWN_TABLE = 60;
    /** ClickHouse's error code for an unknown database. */
    public static final int UNKNOWN_DATABASE = 81;
    /** ClickHouse's error code for wrong credentials. */
    public static final int AUTHENTICATION_FAILED = 516;

    private final int errorCode;
    private final boolean reachedServer;

    public ClickHouseException(String message, int errorCode, boolean reachedServer, Throwable cause) {
        super("clickhouse", message, cause);
        this.errorCode = errorCode;
        this.reachedServer = reachedServer;
    }

    /** ClickHouse's numeric error code, 0 when the server gave none or was not reached. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the server answered (and refused); {@code false} when it was never reached. */
    public boolean reachedServer() {
        return reachedServer;
    }

    /** Whether retrying the same statement later may succeed (never reached, or overloaded). */
    public boolean isRetryable() {
        // 159 timeout, 164 readonly (no), 202 too many simultaneous queries, 209 socket timeout,
        // 210 network error, 241 memory limit, 242 table is read only (no)
        return !reachedServer
                || errorCode == 159
                || errorCode == 202
                || errorCode == 209
                || errorCode == 210
                || errorCode == 241;
    }
}
