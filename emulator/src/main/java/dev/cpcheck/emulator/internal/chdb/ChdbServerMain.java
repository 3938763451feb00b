package dev.cpcheck.emulator.internal.chdb;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the child JVM that hosts the embedded ClickHouse. It calls chdb's
 * {@code chdb_query_cmdline} (clickhouse-local) with a query that starts the HTTP listener and then
 * keeps the call alive; the call blocks for the life of the server. Running it in its own JVM keeps
 * ClickHouse's signal handlers and memory out of the user's JVM.
 *
 * <p>The child exits at once when its standard input reaches end of file, which happens when the
 * parent closes it or dies, so no ClickHouse outlives the JVM that started it.
 *
 * <p>Arguments: {@code <libchdb.so> <data dir> <http port> [extra clickhouse-local options...]}.
 */
public final class ChdbServerMain {
    /** Printed once the native call is made, for the log. */
    static final String STARTING = "cpcheck-chdb: starting ClickHouse";

    // Keeps the native call alive forever at negligible cost: one row per second, no output.
    static final String KEEP_ALIVE_QUERY = "SYSTEM START LISTEN HTTP; "
            + "SELECT sleepEachRow(1) FROM system.numbers "
            + "SETTINGS function_sleep_max_microseconds_per_block = 0, max_block_size = 1 FORMAT Null";

    private ChdbServerMain() {}

    interface Chdb extends Library {
        Pointer chdb_query_cmdline(int argc, String[] argv);

        String chdb_result_error(Pointer result);
    }

    interface LibC extends Library {
        void _exit(int status);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ChdbServerMain <libchdb.so> <data dir> <http port> [options...]");
            System.exit(64);
        }
        String library = args[0];
        String dataDir = args[1];
        int port = Integer.parseInt(args[2]);
        watchParent();

        List<String> argv = new ArrayList<>();
        argv.add("clickhouse");
        argv.add("--path=" + dataDir);
        argv.add("--http_port=" + port);
        argv.add("--listen_host=127.0.0.1");
        for (int i = 3; i < args.length; i++) {
            argv.add(args[i]);
        }
        argv.add("--query=" + KEEP_ALIVE_QUERY);

        Chdb chdb = Native.load(library, Chdb.class);
        System.out.println(STARTING + " on 127.0.0.1:" + port + " with data in " + dataDir);
        System.out.flush();
        // ClickHouse runs the query on the calling thread: give it a native-sized stack.
        Thread server = new Thread(
                null,
                () -> {
                    String[] a = argv.toArray(String[]::new);
                    Pointer result = chdb.chdb_query_cmdline(a.length, a);
                    String error = result == null ? "no result" : chdb.chdb_result_error(result);
                    System.out.println("cpcheck-chdb: ClickHouse stopped: " + (error == null ? "no error" : error));
                    System.out.flush();
                    exitNow(2);
                },
                "chdb-server",
                64L << 20);
        server.start();
        server.join();
    }

    /** Exits when stdin closes: the parent closed it or died. */
    private static void watchParent() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        byte[] buffer = new byte[256];
                        while (System.in.read(buffer) >= 0) {
                            // the parent never writes; anything read is ignored
                        }
                    } catch (Exception e) {
                        // a broken pipe means the same as end of file
                    }
                    exitNow(0);
                },
                "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Leaves without running exit handlers: ClickHouse's static destructors must not run while its
     * threads are still busy, and its data on disk is crash-safe by design.
     */
    static void exitNow(int status) {
        System.out.flush();
        System.err.flush();
        try {
            LibC libc = Native.load("c", LibC.class);
            libc._exit(status);
        } catch (Throwable t) {
            Runtime.getRuntime().halt(status);
        }
    }
}
