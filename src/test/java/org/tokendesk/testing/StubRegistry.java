package org.tokendesk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.tokendesk.discovery.Registry;

/**
 * A discovery registry on loopback that answers {@code GET /v0/hosties/<token>} from a table:
 * known tokens get {@code {"host","ip","port"}}, unknown ones 404 with {@code 0.0.0.0}, as the
 * open-source registry does.
 */
public final class StubRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "stub-registry");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v0/hosties/", this::hosties);
        server.start();
    }

    /** The token resolves to host:port. */
    public StubRegistry register(String token, String host, int port) {
        answers.put(token, "{\"host\":\"" + host + "\",\"ip\":\"" + host + "\",\"port\":" + port + "}");
        return this;
    }

    public Registry registry() {
        return new Registry(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    public int requests() {
        return requests.get();
    }

    private void hosties(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String raw = exchange.getRequestURI().getRawPath().substring("/v0/hosties/".length());
        String token = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        String known = answers.get(token);
        byte[] body = (known != null ? known : "{\"ip\":\"0.0.0.0\",\"port\":0}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(known != null ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
