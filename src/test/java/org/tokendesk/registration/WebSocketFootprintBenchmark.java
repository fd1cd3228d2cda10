package org.tokendesk.registration;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import org.tokendesk.net.Workers;

/**
 * Heap per idle WebSocket for each client transport we could use (BENCHMARKS.md, not part of
 * {@code mvn verify}). The parent runs a Jetty WebSocket server on loopback that accepts and then
 * says nothing; for each transport a child JVM with the launcher's heap ({@code -Xmx128m
 * -XX:+UseSerialGC}) opens N connections, 64 upgrades in flight at most, and prints heap used
 * after a full GC before and after, and the top of {@code jcmd PID GC.class_histogram}.
 *
 * <p>Run like KeepOnlineBenchmark: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.tokendesk.registration.WebSocketFootprintBenchmark 2000 jdk jetty-core jetty-api}.
 */
public final class WebSocketFootprintBenchmark {
    private static final int IN_FLIGHT = 64;

    private WebSocketFootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], URI.create(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> transports = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("jdk", "jetty-core", "jetty-api");
        AtomicInteger open = new AtomicInteger();
        Server server = new Server(new QueuedThreadPool(16, 4));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(600_000);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/ws", (request, response, callback) -> new Silent(open));
        }));
        server.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws");
            for (String transport : transports) {
                List<String> command = List.of(System.getProperty("java.home") + "/bin/java", "-Xmx128m", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"), WebSocketFootprintBenchmark.class.getName(),
                        "--child", transport, uri.toString(), Integer.toString(n));
                Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                if (!child.waitFor(15, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    System.out.println(transport + ": child did not finish in 15 min");
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (open.get() > 0 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
            }
        } finally {
            server.stop();
        }
    }

    /** Server side: keeps the socket and says nothing. Public: Jetty reaches listeners through public lookups. */
    public static final class Silent implements Session.Listener.AutoDemanding {
        private final AtomicInteger open;

        Silent(AtomicInteger open) {
            this.open = open;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            open.incrementAndGet();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            open.decrementAndGet();
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            open.decrementAndGet();
        }
    }

    private static void child(String transport, URI uri, int n) throws Exception {
        Opener opener = switch (transport) {
            case "jdk" -> jdk();
            case "jetty-core" -> jettyCore();
            case "jetty-api" -> jettyApi();
            default -> throw new IllegalArgumentException("transport: jdk, jetty-core or jetty-api, not " + transport);
        };
        List<Object> sockets = new ArrayList<>();
        // One connection first, so the classes and shared pools are in the baseline.
        sockets.add(opener.open(uri).get(10, TimeUnit.SECONDS));
        long base = heapAfterGc();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 1; i < n; i++) {
            inFlight.acquire();
            CompletableFuture<?> f = opener.open(uri).whenComplete((s, e) -> {
                inFlight.release();
                if (e != null && failed.getAndIncrement() < 3) {
                    System.out.println("  upgrade failed: " + e);
                }
            });
            pending.add(f);
        }
        for (CompletableFuture<?> f : pending) {
            try {
                sockets.add(f.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                // Counted above.
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(2000);
        long used = heapAfterGc();
        int count = sockets.size();
        System.out.printf("%s: %d of %d open in %d ms (%d failed); heap after full GC %.1f MiB (baseline %.1f MiB), %.1f KB per connection; threads %d; RSS %s%n",
                transport, count, n, millis, failed.get(), used / 1048576.0, base / 1048576.0, (used - base) / 1024.0 / Math.max(1, count - 1),
                Thread.activeCount(), rss());
        long pid = ProcessHandle.current().pid();
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = r.lines().toList();
            lines.stream().skip(1).limit(28).forEach(l -> System.out.println("  " + l));
            lines.stream().filter(l -> l.startsWith("Total")).forEach(l -> System.out.println("  " + l));
        }
        jcmd.waitFor(60, TimeUnit.SECONDS);
        System.out.flush();
        System.exit(0);
    }

    private interface Opener {
        CompletableFuture<?> open(URI uri) throws Exception;
    }

    /** As keep-online configures it today: RegistrySockets' buffer properties, 3 IO threads. */
    private static Opener jdk() throws Exception {
        Class.forName(RegistrySockets.class.getName(), true, WebSocketFootprintBenchmark.class.getClassLoader());
        ExecutorService io = Workers.bounded("jdk-io", 3);
        HttpClient client = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(20)).build();
        WebSocket.Listener listener = new WebSocket.Listener() {
        };
        return uri -> client.newWebSocketBuilder().header("Authorization", "Token bench").subprotocols("io|0.0.1|bench")
                .buildAsync(uri, listener);
    }

    /** Jetty's core client: one HttpClient, its selector and a small pool shared by all sockets. */
    private static Opener jettyCore() throws Exception {
        org.eclipse.jetty.client.HttpClient http = jettyHttp();
        WebSocketCoreClient client = new WebSocketCoreClient(http, null);
        client.start();
        Configuration.ConfigurationCustomizer config = new Configuration.ConfigurationCustomizer();
        config.setInputBufferSize(2048);
        config.setOutputBufferSize(1024);
        config.setIdleTimeout(Duration.ofMinutes(10));
        return uri -> {
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, new Quiet());
            request.headers(h -> h.put("Authorization", "Token bench"));
            request.setSubProtocols("io|0.0.1|bench");
            request.setConfiguration(config);
            return client.connect(request);
        };
    }

    /** Jetty's API client (org.eclipse.jetty.websocket.client) over the same HttpClient settings. */
    private static Opener jettyApi() throws Exception {
        WebSocketClient client = new WebSocketClient(jettyHttp());
        client.setInputBufferSize(2048);
        client.setOutputBufferSize(1024);
        client.setIdleTimeout(Duration.ofMinutes(10));
        client.start();
        Supplier<Session.Listener.AutoDemanding> endpoint = () -> new Session.Listener.AutoDemanding() {
        };
        return uri -> {
            org.eclipse.jetty.websocket.client.ClientUpgradeRequest request = new org.eclipse.jetty.websocket.client.ClientUpgradeRequest();
            request.setHeader("Authorization", "Token bench");
            request.setSubProtocols("io|0.0.1|bench");
            return client.connect(endpoint.get(), uri, request);
        };
    }

    private static org.eclipse.jetty.client.HttpClient jettyHttp() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("jetty-io");
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        http.setExecutor(pool);
        http.setMaxConnectionsPerDestination(100_000);
        http.setMaxRequestsQueuedPerDestination(100_000);
        http.setConnectTimeout(20_000);
        http.start();
        return http;
    }

    /** Core-level handler that demands frames and drops them. */
    private static final class Quiet implements FrameHandler {
        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(new File("/proc/self/status").toPath())) {
            if (line.startsWith("VmRSS:")) {
                return String.format("%.0f MiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            }
        }
        return "?";
    }
}
