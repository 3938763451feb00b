package dev.cpcheck.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binding the stack's servers to ports they used before, which may still be held for a moment. */
final class Ports {
    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);

    private Ports() {}

    /**
     * Starts a server, retrying a failed start a few times: a port just released, or one seen free
     * a moment ago (another server of the stack picking a free port at the same time), can refuse
     * a bind briefly.
     *
     * @param attempts    starts at the most (1: no retry)
     * @param pauseMillis pause between attempts
     * @throws EmulatorException or {@link UncheckedIOException} of the last attempt
     */
    static <T> T retryBind(Supplier<T> start, int attempts, long pauseMillis) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (EmulatorException | UncheckedIOException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.debug("Bind attempt {} failed, retrying: {}", attempt, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether {@code port} on 127.0.0.1 can be bound now. */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
