package org.tokendesk.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import org.tokendesk.discovery.Registry;

/**
 * An in-process token registry on loopback that speaks the protocol as the open-source registry
 * (Chatie/server with @chatie/io) does: {@code GET /v0/hosties/<token>} asks the token's OLDEST
 * {@code io} connection for its port over JSON-RPC, TCP-tests host:port and answers
 * {@code {host, ip, port}} (host {@code 127.0.0.1} when the test fails, 404 when nobody holds the
 * token); {@code /v0/websocket} takes {@code Authorization: Token <t>} or {@code /token/<t>},
 * greets with {@code sys registered} and answers every client frame with {@code sys roger}.
 *
 * <p>For tests it can also refuse chosen tokens, stop answering pings (a half-open link), be
 * stopped and restarted on the same port, and it counts upgrade attempts over time.
 */
public final class RegistryFixture implements AutoCloseable {
    public static final int DEFAULT_GRPC_PORT = 8788;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final Map<String, List<Connection>> connections = new ConcurrentHashMap<>();
    private final Map<String, List<Connection>> history = new ConcurrentHashMap<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final List<Instant> attempts = new CopyOnWriteArrayList<>();
    private final List<Instant> lookups = new CopyOnWriteArrayList<>();
    private final AtomicInteger rpcIds = new AtomicInteger();
    private volatile boolean pongs = true;
    private volatile int port;
    private volatile Server server;

    /** How the fixture behaves; the defaults are the real registry's, except shorter waits. */
    public record Options(Duration portQueryTimeout, Duration tcpTestTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(1));
        }

        public Options withPortQueryTimeout(Duration timeout) {
            return new Options(timeout, tcpTestTimeout);
        }
    }

    /** One WebSocket connection as the registry holds it. */
    public static final class Connection {
        private final String token;
        private final String protocol;
        private final String advertisedHost;
        private final String remoteIp;
        private final Instant opened = Instant.now();
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private volatile Session session;
        private volatile boolean closed;
        private volatile int closeStatus;
        private volatile Instant closedAt;
        private volatile String closeReason = "";

        Connection(String token, String protocol, String advertisedHost, String remoteIp) {
            this.token = token;
            this.protocol = protocol;
            this.advertisedHost = advertisedHost;
            this.remoteIp = remoteIp;
        }

        /** {@code io} for a registrant, {@code web} for a browser-side client of the same token. */
        public String protocol() {
            return protocol;
        }

        public String token() {
            return token;
        }

        public Instant opened() {
            return opened;
        }

        /** Every text frame the client sent, in order. */
        public List<String> received() {
            return List.copyOf(received);
        }

        /** The close code the client sent (0 while open, or when the TCP connection just dropped). */
        public int closeStatus() {
            return closeStatus;
        }

        /** When the registry saw the connection end; null while open. */
        public Instant closedAt() {
            return closedAt;
        }

        public String closeReason() {
            return closeReason;
        }

        /** Sends one text message split into frames of {@code fragment} characters. */
        public void sendFragmented(String text, int fragment) {
            Session s = session;
            for (int i = 0; s != null && i < text.length(); i += fragment) {
                boolean last = i + fragment >= text.length();
                s.sendPartialText(text.substring(i, Math.min(text.length(), i + fragment)), last,
                        org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        /** Open until the registry has fully seen it go (close code recorded). */
        public boolean isOpen() {
            return !closed && session != null;
        }

        /** The address the registry hands out: the 4th sub-protocol field when set, else the peer's IP. */
        public String host() {
            return advertisedHost.isEmpty() ? remoteIp : advertisedHost;
        }

        /** Sends a raw text frame to this client, as the registry (or a {@code web} client) would. */
        public void send(String text) {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }
    }

    private RegistryFixture(Options options) {
        this.options = options;
    }

    /** Starts on a free loopback port. */
    public static RegistryFixture start() {
        return start(Options.defaults());
    }

    public static RegistryFixture start(Options options) {
        return start(options, 0);
    }

    /** Starts on {@code port} (0: any free one); fails with IllegalStateException when it is taken. */
    public static RegistryFixture start(Options options, int port) {
        RegistryFixture fixture = new RegistryFixture(options);
        fixture.listen(port);
        return fixture;
    }

    /** {@code http://127.0.0.1:<port>}: discovery and registration both use it. */
    public Registry registry() {
        return new Registry(URI.create("http://127.0.0.1:" + port));
    }

    public int port() {
        return port;
    }

    /**
     * Stops as a crashed process would: every connection is dropped without a close frame, then
     * the port closes. {@link #restart()} opens it again.
     */
    public synchronized void stop() {
        Server s = server;
        if (s == null) {
            return;
        }
        server = null;
        // Stop accepting first, so no new connection slips in while the old ones are dropped.
        for (org.eclipse.jetty.server.Connector connector : s.getConnectors()) {
            try {
                connector.stop();
            } catch (Exception e) {
                throw new IllegalStateException("fixture connector did not stop", e);
            }
        }
        for (List<Connection> list : connections.values()) {
            for (Connection c : list) {
                c.closed = true;
                Session session = c.session;
                if (session != null) {
                    session.disconnect();
                }
            }
        }
        connections.clear();
        try {
            s.stop();
        } catch (Exception e) {
            throw new IllegalStateException("fixture did not stop", e);
        }
    }

    /** Listens again on the same port (after {@link #stop()}). */
    public synchronized void restart() {
        if (server == null) {
            listen(port);
        }
    }

    public boolean running() {
        return server != null;
    }

    /** Refuses WebSocket upgrades for this token with {@code status} (401 or 403); 0 accepts again. */
    public void refuse(String token, int status) {
        if (status == 0) {
            refused.remove(token);
        } else {
            refused.put(token, status);
        }
    }

    /** With {@code false}, pings get no pong while everything else still flows: a half-open link as a client sees it. */
    public void answerPings(boolean answer) {
        this.pongs = answer;
    }

    /** Every WebSocket upgrade request seen since start, accepted or not, with its time. */
    public List<Instant> attempts() {
        return List.copyOf(attempts);
    }

    public int attemptCount() {
        return attempts.size();
    }

    /** Completed {@code /v0/hosties} lookups since start. */
    public int lookupCount() {
        return lookups.size();
    }

    /** Most upgrade attempts seen in any window of {@code width}. */
    public int peakAttempts(Duration width) {
        List<Instant> times = new ArrayList<>(attempts);
        times.sort(null);
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (Duration.between(times.get(start), times.get(end)).compareTo(width) >= 0) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    public void resetCounts() {
        attempts.clear();
        lookups.clear();
    }

    /** Open connections of one token, oldest first. */
    public List<Connection> connections(String token) {
        List<Connection> list = connections.getOrDefault(token, List.of());
        List<Connection> open = new ArrayList<>();
        for (Connection c : list) {
            if (c.isOpen()) {
                open.add(c);
            }
        }
        return open;
    }

    /** Every connection the token ever opened since start, open or closed, oldest first. */
    public List<Connection> history(String token) {
        return List.copyOf(history.getOrDefault(token, List.of()));
    }

    /** Open {@code io} connections over all tokens. */
    public int onlineCount() {
        int n = 0;
        for (List<Connection> list : connections.values()) {
            for (Connection c : list) {
                if (c.isOpen() && c.protocol.equals("io")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Sends a frame to every open {@code io} connection of the token. */
    public void sendToRegistrant(String token, String text) {
        for (Connection c : connections(token)) {
            if (c.protocol.equals("io")) {
                c.send(text);
            }
        }
    }

    /** One port query as the registry makes it for a lookup, and how long the registrant took to answer. */
    public record PortQuery(JsonNode port, Duration latency) {
    }

    /** Asks the token's oldest {@code io} connection for its port (8788 after no answer), timing the round trip. */
    public PortQuery queryPort(String token) {
        for (Connection c : connections(token)) {
            if (c.protocol.equals("io")) {
                long start = System.nanoTime();
                JsonNode port = askPort(c);
                return new PortQuery(port, Duration.ofNanos(System.nanoTime() - start));
            }
        }
        throw new IllegalStateException("no io connection for that token");
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void listen(int wanted) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("registry-fixture");
        threads.setDaemon(true);
        Server s = new Server(threads);
        ServerConnector connector = new ServerConnector(s);
        connector.setHost("127.0.0.1");
        connector.setPort(wanted);
        connector.setReuseAddress(true);
        connector.setAcceptQueueSize(1024);
        s.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(s, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.setMaxTextMessageSize(4L * 1024 * 1024);
            container.addMapping("/v0/websocket/*", this::upgrade);
        });
        ws.setHandler(new Hosties());
        s.setHandler(ws);
        try {
            s.start();
        } catch (Exception e) {
            throw new IllegalStateException("fixture could not listen on port " + wanted, e);
        }
        port = connector.getLocalPort();
        server = s;
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        attempts.add(Instant.now());
        String token = tokenOf(request);
        if (token == null) {
            Response.writeError(request, response, callback, 401);
            return null;
        }
        Integer status = refused.get(token);
        if (status != null) {
            Response.writeError(request, response, callback, status);
            return null;
        }
        List<String> protocols = request.getSubProtocols();
        String offered = protocols.isEmpty() ? "web" : protocols.get(0);
        if (!protocols.isEmpty()) {
            response.setAcceptedSubProtocol(offered);
        }
        String[] fields = offered.split("\\|", -1);
        String advertised = fields.length > 3 ? fields[3] : "";
        String remote = Request.getRemoteAddr(request);
        Connection connection = new Connection(token, fields[0], advertised, remote);
        return new Endpoint(connection);
    }

    private static String tokenOf(ServerUpgradeRequest request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            String[] parts = authorization.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("token") && !parts[1].isBlank()) {
                return parts[1];
            }
        }
        String path = request.getHttpURI().getDecodedPath();
        int at = path.indexOf("/token/");
        if (at >= 0 && path.length() > at + 7) {
            return path.substring(at + 7);
        }
        return null;
    }

    /** Public: Jetty reaches listener methods through public lookups only. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final Connection connection;

        Endpoint(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            connection.session = session;
            connections.computeIfAbsent(connection.token, t -> new CopyOnWriteArrayList<>()).add(connection);
            history.computeIfAbsent(connection.token, t -> new CopyOnWriteArrayList<>()).add(connection);
            connection.send(frame("sys", JsonNodeFactory.instance.textNode("registered")));
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            if (pongs) {
                connection.session.sendPong(payload, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketText(String text) {
            connection.received.add(text);
            JsonNode message = parse(text);
            String name = message == null ? "" : message.path("name").asText("");
            JsonNode payload = message == null ? null : message.get("payload");
            if (name.equals("jsonrpc") && payload != null && payload.path("id").canConvertToInt()
                    && (payload.has("result") || payload.has("error"))) {
                CompletableFuture<JsonNode> waiting = connection.pending.remove(payload.get("id").intValue());
                if (waiting != null) {
                    waiting.complete(payload);
                }
            }
            connection.send(frame("sys", JsonNodeFactory.instance.textNode("roger")));
            if (name.equals("hostie")) {
                String host = connection.host();
                CompletableFuture.runAsync(() -> connection.send(frame("hostie",
                        JsonNodeFactory.instance.textNode(answerHost(host, askPort(connection))))));
            }
            // The registry relays frames between a token's io and web connections.
            String other = connection.protocol.equals("io") ? "web" : "io";
            for (Connection c : connections(connection.token)) {
                if (c.protocol.equals(other)) {
                    c.send(text);
                }
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            connection.closeStatus = statusCode;
            connection.closeReason = reason == null ? "" : reason;
            gone();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            if (connection.closeReason.isEmpty()) {
                connection.closeReason = String.valueOf(cause);
            }
            gone();
        }

        private void gone() {
            if (connection.closedAt == null) {
                connection.closedAt = Instant.now();
            }
            connection.closed = true;
            List<Connection> list = connections.get(connection.token);
            if (list != null) {
                list.remove(connection);
            }
        }
    }

    /** Asks the connection for its gRPC port as the registry does; 8788 on no answer in time or on an error. */
    private JsonNode askPort(Connection connection) {
        int id = rpcIds.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        connection.pending.put(id, answer);
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("jsonrpc", "2.0");
        call.put("id", id);
        call.put("method", "getHostieGrpcPort");
        connection.send(frame("jsonrpc", call));
        try {
            JsonNode reply = answer.get(options.portQueryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            JsonNode result = reply.get("result");
            return result == null || result.isNull() ? JsonNodeFactory.instance.numberNode(DEFAULT_GRPC_PORT) : result;
        } catch (TimeoutException | ExecutionException e) {
            return JsonNodeFactory.instance.numberNode(DEFAULT_GRPC_PORT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JsonNodeFactory.instance.numberNode(DEFAULT_GRPC_PORT);
        } finally {
            connection.pending.remove(id);
        }
    }

    private String answerHost(String host, JsonNode port) {
        return port.canConvertToInt() && tcpTest(host, port.asInt()) ? host : "127.0.0.1";
    }

    private boolean tcpTest(String host, int port) {
        if (port < 1 || port > 65535) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) options.tcpTestTimeout().toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private final class Hosties extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // Decoded as a path: a '+' stays a '+' (URLDecoder, made for forms, would turn it into a space).
            String path = request.getHttpURI().getDecodedPath();
            if (!path.startsWith("/v0/hosties/") || !request.getMethod().equals("GET")) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            String token = path.substring("/v0/hosties/".length());
            Connection oldest = null;
            for (Connection c : connections(token)) {
                if (c.protocol.equals("io")) {
                    oldest = c;
                    break;
                }
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (oldest == null) {
                body.put("ip", "0.0.0.0");
                body.put("port", 0);
                response.setStatus(404);
            } else {
                JsonNode port = askPort(oldest);
                String host = oldest.host();
                body.put("host", answerHost(host, port));
                body.put("ip", host);
                body.set("port", port);
                response.setStatus(200);
            }
            lookups.add(Instant.now());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, body.toString(), callback);
            return true;
        }
    }

    private static String frame(String name, JsonNode payload) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("name", name);
        frame.set("payload", payload);
        return frame.toString();
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RegistryFixture[" + Objects.toString(registry()) + "]";
    }
}
