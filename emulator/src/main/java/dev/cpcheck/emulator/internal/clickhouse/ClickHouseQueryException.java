package dev.cpcheck.emulator.internal.clickhouse;

import dev.cpcheck.emulator.EmulatorException;

/** ClickHouse answered a query with an error, or could not be reached. */
public final class ClickHouseQueryException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    /** ClickHouse error code; 0 when the server was not reached. */
    private final int code;

    public ClickHouseQueryException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True when the server never answered (connection refused, timeout). */
    public boolean isUnreachable() {
        return code == 0;
    }
}
