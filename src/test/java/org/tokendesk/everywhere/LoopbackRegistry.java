package org.tokendesk.everywhere;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.tokendesk.discovery.Registry;

/**
 * A registry on loopback with a table of answers. Unknown tokens get 404 {@code {"ip":"0.0.0.0","port":0}}
 * as the open-source registry gives; {@link #stall()} makes it hold every request until closed.
 */
public final class LoopbackRegistry implements AutoCloseable {
    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger stalled = new AtomicInteger();
    private volatile boolean stall;

    private LoopbackRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "loopback-registry");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/v0/hosties/", this::hosties);
        server.start();
    }

    public static LoopbackRegistry start() throws IOException {
        return new LoopbackRegistry();
    }

    /** A registry whose port nothing listens on: connection refused. */
    public static Registry down() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return new Registry(URI.create("http://127.0.0.1:" + port));
    }

    public LoopbackRegistry knows(String token, String host, int port) {
        return answers(token, 200, "{\"host\":\"" + host + "\",\"ip\":\"" + host + "\",\"port\":" + port + "}");
    }

    public LoopbackRegistry answers(String token, int status, String body) {
        answers.put(token, new Answer(status, body));
        return this;
    }

    /** Every request from now on waits until {@link #close()}. */
    public LoopbackRegistry stall() {
        stall = true;
        return this;
    }

    /** Lets every held request, and every later one, through. */
    public LoopbackRegistry release() {
        release.countDown();
        return this;
    }

    /** Requests being held right now: proof that the stall has not ended. */
    public int stalledNow() {
        return stalled.get();
    }

    public Registry registry() {
        return new Registry(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    public int requests() {
        return requests.get();
    }

    private void hosties(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (stall) {
            stalled.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stalled.decrementAndGet();
            }
        }
        String raw = exchange.getRequestURI().getRawPath().substring("/v0/hosties/".length());
        String token = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        Answer answer = answers.getOrDefault(token, new Answer(404, "{\"ip\":\"0.0.0.0\",\"port\":0}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
