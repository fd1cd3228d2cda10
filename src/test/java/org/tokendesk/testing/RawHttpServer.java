package org.tokendesk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP/1.1 server on a raw loopback socket, for answers no well-behaved server library would
 * send: the script gets the request line and returns the bytes to write (it may also sleep).
 * One request per connection; the connection closes after the answer.
 */
public final class RawHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "raw-http");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    private RawHttpServer(Function<String, byte[]> script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    threads.execute(() -> serve(client, script));
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-http-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public static RawHttpServer start(Function<String, byte[]> script) throws IOException {
        return new RawHttpServer(script);
    }

    private void serve(Socket client, Function<String, byte[]> script) {
        try (client) {
            client.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // headers are not needed
            }
            requests.incrementAndGet();
            byte[] answer = script.apply(requestLine == null ? "" : requestLine);
            OutputStream out = client.getOutputStream();
            out.write(answer);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing to answer
        }
    }

    /** {@code status} with a JSON body and Content-Length, connection closed after it. */
    public static byte[] json(int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    public static byte[] concat(String head, byte[] rest) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + rest.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(rest, 0, all, h.length, rest.length);
        return all;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
