package org.raylens.viewer.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a test server: counts the GET requests that pass (to prove a cache hit sends
 * none), and optionally cuts every connection after the server has sent a number of bytes, as a dropped connection or
 * a broken middlebox would truncate a body.
 */
final class ForwardingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final long cutAfterBytes;
    private final AtomicInteger gets = new AtomicInteger();
    private final Thread acceptor;

    /** @param cutAfterBytes server-to-client bytes after which each connection is closed; Long.MAX_VALUE for never */
    ForwardingProxy(int targetPort, long cutAfterBytes) throws IOException {
        this.targetPort = targetPort;
        this.cutAfterBytes = cutAfterBytes;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxied URL for {@code path}, e.g. {@code /dicom-web}. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
    }

    int getRequests() {
        return gets.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, server, Long.MAX_VALUE, true);
                pump(server, client, cutAfterBytes, false);
            } catch (IOException closed) {
                return; // the listener was closed: the test is over
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, boolean countGets) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (countGets) {
                        countGets(buffer, n);
                    }
                    int allowed = (int) Math.min(n, limit - sent);
                    out.write(buffer, 0, allowed);
                    out.flush();
                    sent += allowed;
                    if (sent >= limit) {
                        break;
                    }
                }
            } catch (IOException e) {
                // one side closed: close the other too (below)
            } finally {
                closeBoth(from, to);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Counts request lines; GET requests have no body, so "GET /" only appears at a request's start. */
    private void countGets(byte[] buffer, int n) {
        String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        for (int i = text.indexOf("GET /"); i >= 0; i = text.indexOf("GET /", i + 1)) {
            gets.incrementAndGet();
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        try {
            a.close();
            b.close();
        } catch (IOException e) {
            // test proxy: nothing more to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
