package org.tokendesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on loopback that answers every connection with what the test scripts, byte for
 * byte: misbehaviour no well-kept server library will produce (truncated bodies, invalid UTF-8,
 * frames that lie about their length, silence). Each connection gets a daemon thread.
 */
public final class HostileServer implements AutoCloseable {
    /** What to do with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void play(Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private volatile Script script;

    private HostileServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public static HostileServer start(Script script) throws IOException {
        return new HostileServer(script);
    }

    /** The script for connections accepted from now on. */
    public void play(Script next) {
        this.script = next;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                connections.incrementAndGet();
                Script now = script;
                threads.execute(() -> {
                    try {
                        now.play(s);
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        // The client hung up on us, as it should on garbage.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads up to and including the blank line that ends an HTTP request head; returns the head as text. */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && head.length() < 64 * 1024 && (b = in.read()) >= 0; ) {
            head.append((char) b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString();
    }

    /** Keeps the connection open and silent until the client or the test closes it. */
    public static void holdOpen(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // drain
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        threads.shutdownNow();
    }
}
