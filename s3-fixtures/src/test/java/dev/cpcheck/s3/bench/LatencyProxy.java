package dev.cpcheck.s3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A TCP relay on 127.0.0.1 that holds every chunk the client sends for a fixed time before
 * passing it on: a crude stand-in for the network round trip to a remote store, so the
 * benchmark can show what concurrency buys when latency, not local CPU, dominates.
 */
final class LatencyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    LatencyProxy(URI target, long delayMillis) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket client = server.accept();
                            Socket upstream = new Socket(target.getHost(), target.getPort());
                            client.setTcpNoDelay(true);
                            upstream.setTcpNoDelay(true);
                            pump(client, upstream, delayMillis);
                            pump(upstream, client, 0);
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private static void pump(Socket from, Socket to, long delayMillis) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            if (delayMillis > 0) {
                                Thread.sleep(delayMillis);
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // connection closed
                    } finally {
                        try {
                            to.shutdownOutput();
                        } catch (IOException e) {
                            // already closed
                        }
                    }
                },
                "latency-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
