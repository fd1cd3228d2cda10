package org.tokendesk.discovery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A registry on loopback, for tests and the benchmark: the JDK's HTTP server answering
 * {@code /v0/hosties/<token>} the way Chatie's registry does, or with any handler a test needs.
 */
public final class RegistryStub implements AutoCloseable {
    static {
        // The JDK server writes head and body apart; with Nagle on, each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile HttpHandler handler;

    private RegistryStub(HttpServer server, int threadCount) {
        this.server = server;
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "registry-stub");
            t.setDaemon(true);
            return t;
        });
        this.handler = this::answerFromTable;
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** A registry that knows no token until {@link #register} is called. */
    public static RegistryStub start() throws IOException {
        return start(64);
    }

    public static RegistryStub start(int threadCount) throws IOException {
        return new RegistryStub(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024), threadCount);
    }

    public static RegistryStub startHttps(SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new RegistryStub(https, 16);
    }

    /** Answers every request with this handler instead of the token table. */
    public RegistryStub handle(HttpHandler newHandler) {
        this.handler = newHandler;
        return this;
    }

    /** Makes lookups of {@code token} answer 200 {@code {"host":…,"port":…}}. */
    public RegistryStub register(String token, String host, int port) {
        answers.put(token, "{\"host\":\"" + host + "\",\"ip\":\"" + host + "\",\"port\":" + port + "}");
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public Registry registry() {
        return new Registry(URI.create(url()));
    }

    public int requests() {
        return requests.get();
    }

    public void answerFromTable(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String prefix = "/v0/hosties/";
        String answer = path.startsWith(prefix) ? answers.get(path.substring(prefix.length())) : null;
        if (answer == null) {
            send(exchange, 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");
        } else {
            send(exchange, 200, answer);
        }
    }

    public static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
