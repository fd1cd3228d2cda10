package org.tokendesk.registration;

import java.net.URI;
import java.net.http.WebSocket;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;

/**
 * Keep-online's WebSockets over Jetty 12's core client: one HTTP client, one selector and a few
 * pooled threads for all tokens. Offered beside the JDK's client for its weight: an idle socket here
 * is ~3.3 KB of heap, the JDK's ~15 KB (WebSocketFootprintBenchmark, BENCHMARKS.md), which is
 * what decides whether 10,000 tokens fit in the launcher's 128 MB heap.
 */
final class JettySockets implements AutoCloseable {
    /**
     * {@code -Dtokendesk.websocket=jetty} chooses this client, {@code jdk} (the default) the JDK's. Not the
     * default yet: RegistrySocketsTest asks for the JDK's words for two upgrade failures (BENCHMARKS.md).
     */
    static final String PROPERTY = "tokendesk.websocket";
    /** Frames are handled in microseconds: a handful of threads serve thousands of sockets. */
    private static final int MAX_THREADS = 6;
    /** Our frames are a few hundred bytes; larger ones arrive in parts of this size. */
    private static final int INPUT_BUFFER_BYTES = 2048;
    private static final int OUTPUT_BUFFER_BYTES = 1024;
    private static final int MAX_FRAME_PART = 64 * 1024;

    private final HttpClient http;
    private final WebSocketCoreClient client;
    private final Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
    private final Duration handshakeTimeout;

    /** True when the property asks for this client. */
    static boolean chosen() {
        return "jetty".equalsIgnoreCase(System.getProperty(PROPERTY, "jdk").strip());
    }

    JettySockets(Duration handshakeTimeout, int maxConcurrentUpgrades) {
        this.handshakeTimeout = handshakeTimeout;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 1);
        threads.setName("keep-online-io");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setSslContextFactory(tls());
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        http.setScheduler(new ScheduledExecutorScheduler("keep-online-timer", true));
        http.setConnectTimeout(handshakeTimeout.toMillis());
        http.setFollowRedirects(false);
        http.setMaxConnectionsPerDestination(Math.max(64, maxConcurrentUpgrades * 2));
        http.setUserAgentField(null);
        // Our pool for its components too: left to itself it starts another 8 threads that sit idle.
        client = new WebSocketCoreClient(http, new WebSocketComponents(null, null, null, null, null, threads));
        // No idle timeout: the pings of TokenSession find a dead link, as with the JDK's client.
        configuration.setIdleTimeout(Duration.ZERO);
        configuration.setInputBufferSize(INPUT_BUFFER_BYTES);
        configuration.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
        configuration.setMaxFrameSize(MAX_FRAME_PART);
        configuration.setAutoFragment(true);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the WebSocket client", e);
        }
    }

    /** The JVM's default trust, as the JDK's client uses; host names checked as for https. */
    private static SslContextFactory.Client tls() {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        try {
            tls.setSslContext(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        return tls;
    }

    /** Starts the upgrade; completes with the socket once it is open (after the listener's onOpen). */
    CompletableFuture<WebSocket> open(URI uri, String authorization, String subProtocol, WebSocket.Listener listener) {
        JettyWebSocket socket = new JettyWebSocket(listener);
        CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, socket);
        request.headers(h -> h.put("Authorization", authorization));
        request.setSubProtocols(subProtocol);
        request.timeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        request.setConfiguration(configuration);
        try {
            return client.connect(request).thenApply(session -> socket);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The HTTP status of a refused upgrade, or 0. */
    static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UpgradeException u && u.getResponseStatusCode() > 0) {
                return u.getResponseStatusCode();
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            client.stop();
            http.stop();
        } catch (Exception e) {
            // Quitting: the sockets got their close frames before this.
        }
    }
}
