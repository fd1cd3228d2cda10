package org.tokendesk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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

import org.tokendesk.discovery.Registry;

/**
 * A discovery registry on loopback, for tests and the benchmark: the JDK's HTTP server answering
 * {@code GET /v0/hosties/<token>} from a table the way the open-source registry does (known tokens
 * 200 {@code {"host","ip","port"}}, unknown ones 404 {@code {"ip":"0.0.0.0","port":0}}), or with any
 * handler a test needs. {@link #stall()} holds every request until {@link #release()} or close.
 */
public final class RegistryStub implements AutoCloseable {
    static {
        // The JDK server writes head and body apart; with Nagle on, each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String HOSTIES = "/v0/hosties/";

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger stalled = new AtomicInteger();
    private volatile boolean stall;
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
                holdWhileStalled();
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

    /** A registry whose port nothing listens on: connection refused. */
    public static Registry down() throws IOException {
        return new Registry(URI.create("http://127.0.0.1:" + Ports.closed()));
    }

    /** Answers every request with this handler instead of the token table. */
    public RegistryStub handle(HttpHandler newHandler) {
        this.handler = newHandler;
        return this;
    }

    /** Makes lookups of {@code token} answer 200 {@code {"host":…,"ip":…,"port":…}}. */
    public RegistryStub register(String token, String host, int port) {
        return answers(token, 200, "{\"host\":\"" + host + "\",\"ip\":\"" + host + "\",\"port\":" + port + "}");
    }

    /** Makes lookups of {@code token} answer exactly this. */
    public RegistryStub answers(String token, int status, String body) {
        answers.put(token, new Answer(status, body));
        return this;
    }

    /** Every request from now on waits until {@link #release()} or {@link #close()}. */
    public RegistryStub stall() {
        stall = true;
        return this;
    }

    /** Lets every held request, and every later one, through. */
    public RegistryStub release() {
        release.countDown();
        return this;
    }

    /** Requests being held right now: proof that the stall has not ended. */
    public int stalledNow() {
        return stalled.get();
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

    /** Requests received so far, answered or not. */
    public int requests() {
        return requests.get();
    }

    /** The table's answer; the token is the decoded path segment ({@code +} stays {@code +}, as in any path). */
    public void answerFromTable(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Answer answer = path.startsWith(HOSTIES) ? answers.get(path.substring(HOSTIES.length())) : null;
        if (answer == null) {
            send(exchange, 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");
        } else {
            send(exchange, answer.status(), answer.body());
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

    private void holdWhileStalled() {
        if (!stall) {
            return;
        }
        stalled.incrementAndGet();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stalled.decrementAndGet();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
