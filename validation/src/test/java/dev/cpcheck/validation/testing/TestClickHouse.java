package dev.cpcheck.validation.testing;

import dev.cpcheck.emulator.EmbeddedClickHouse;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTarget;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded ClickHouse per test JVM (started on first use, stopped when the JVM exits) and one
 * client for it. Tests make their own tables with {@link #newTableName}. The server keeps no part
 * log, so landing times come from parts and polled counts, the evidence left when a service's part
 * log cannot be read; {@code PartLogIT} starts a server with the part log for the finer evidence.
 */
public final class TestClickHouse {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static ClickHouseSql sql;
    private static ClickHouseTarget target;
    private static EmbeddedClickHouse server;

    private TestClickHouse() {}

    public static synchronized ClickHouseTarget target() {
        if (target == null) {
            target = ClickHouseTarget.of(
                    server().endpoint().url(),
                    server().endpoint().user(),
                    server().endpoint().password(),
                    "default");
        }
        return target;
    }

    public static synchronized ClickHouseSql sql() {
        if (sql == null) {
            sql = ClickHouseSql.connect(target());
        }
        return sql;
    }

    /** Process id of the embedded server (a child JVM), to read its CPU time. */
    public static long serverPid() {
        return server().pid();
    }

    private static synchronized EmbeddedClickHouse server() {
        if (server == null || !server.isRunning()) {
            server = EmbeddedClickHouse.builder().partLog(false).start(); // stops when the JVM exits
        }
        return server;
    }

    /** A table name no other test uses. */
    public static String newTableName(String hint) {
        return "t_" + hint.replaceAll("[^A-Za-z0-9_]", "_") + "_" + TABLES.incrementAndGet() + "_"
                + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
