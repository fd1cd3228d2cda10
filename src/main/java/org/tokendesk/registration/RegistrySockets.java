package org.tokendesk.registration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.FailureKind;
import org.tokendesk.net.Workers;
import org.tokendesk.protocol.SubProtocol;
import org.tokendesk.protocol.TokenCredential;
import org.tokendesk.token.Token;

/**
 * The WebSocket side of keep-online: one JDK HTTP client for all tokens, with a small fixed
 * pool for its callbacks; the upgrade (token header, sub-protocol, handshake timeout), and what a
 * failed upgrade means.
 *
 * <p>The JDK's client, not Tyrus: Tyrus's Grizzly transport keeps each connection's whole HTTP
 * codec state (request, response, three header tables of pre-allocated fields) for the life of the
 * socket, about 33 KB of heap per token, which is what ran 10,000 tokens out of a 128 MB heap
 * (BENCHMARKS.md). The JDK's socket keeps a write buffer, which the properties below make small.
 * Its ~15 KB per socket still did not fit 10,000; Jetty's core client ({@link JettySockets}, ~3 KB)
 * does, with {@code -Dtokendesk.websocket=jetty} (issue 14).
 */
final class RegistrySockets implements AutoCloseable {
    /** Frames are handled in microseconds, so a few threads serve thousands of sockets. */
    private static final int IO_THREADS = 3;
    /**
     * Our frames are a few hundred bytes; the JDK's default is 16 KB for each of a socket's write
     * and encoding buffers, kept for the socket's life: 320 MB at 10,000 tokens. Larger frames are sent in parts.
     */
    private static final String BUFFER_BYTES = "1024";
    /** Reads: small, but not so small that a 1 MB frame takes thousands of reads. */
    private static final String READ_BUFFER_BYTES = "2048";
    /** Upgrades in flight at once, over all tokens. */
    static final int MAX_HANDSHAKES = 64;

    static {
        // Only keep-online uses java.net.http in this app (discovery is OkHttp), so these are ours to set.
        for (String name : new String[] {"jdk.httpclient.websocket.writeBufferSize", "jdk.httpclient.websocket.intermediateBufferSize"}) {
            System.setProperty(name, System.getProperty(name, BUFFER_BYTES));
        }
        // Each idle socket holds its last read buffer: 16 KB by default, 160 MB at 10,000 tokens (heap histogram).
        System.setProperty("jdk.httpclient.bufsize", System.getProperty("jdk.httpclient.bufsize", READ_BUFFER_BYTES));
    }

    private final Timing timing;
    private final int maxMessageChars;
    private final ExecutorService io = Workers.bounded("keep-online-io", IO_THREADS);
    private final HttpClient client;
    /** The transport with {@code -Dtokendesk.websocket=jetty}, else null. */
    private final JettySockets jetty;
    private final Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
    /** Upgrades not yet finished, and links open now: what quitting waits for and closes. */
    private final Set<CompletableFuture<?>> upgrading = ConcurrentHashMap.newKeySet();
    private final Set<RegistryLink> live = ConcurrentHashMap.newKeySet();
    private volatile ExtraTrust extraTrust;
    /** The client for the current grant of {@link #extraTrust}, made once per grant. */
    private final AtomicReference<Trusting> trusting = new AtomicReference<>();

    private record Trusting(ExtraTrust.Grant grant, HttpClient client) {
    }

    /** The result of one upgrade attempt that did not open a link. */
    sealed interface Refused {
    }

    /** HTTP 401/403: the registry rejects the token. */
    record Rejected(int status) implements Refused {
    }

    record Failed(Drop drop) implements Refused {
    }

    RegistrySockets(Timing timing, int maxMessageChars) {
        this.timing = timing;
        this.maxMessageChars = maxMessageChars;
        this.jetty = JettySockets.chosen() ? new JettySockets(timing.handshakeTimeout(), MAX_HANDSHAKES) : null;
        this.client = jetty != null ? null : HttpClient.newBuilder().executor(io).connectTimeout(timing.handshakeTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void trust(ExtraTrust trust) {
        this.extraTrust = trust;
    }

    /** The registry's own CA is trusted at the addresses granted, and only there. */
    private HttpClient clientFor(URI uri) {
        ExtraTrust trust = extraTrust;
        if (trust == null || !"wss".equalsIgnoreCase(uri.getScheme())) {
            return client;
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        ExtraTrust.Grant grant = trust.forAddress(uri.getHost(), port).orElse(null);
        if (grant == null) {
            return client;
        }
        return trusting.updateAndGet(t -> t != null && t.grant() == grant ? t
                : new Trusting(grant, HttpClient.newBuilder().executor(io).connectTimeout(timing.handshakeTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER).sslContext(grant.context()).build())).client();
    }

    RegistryLink newLink(RegistryLink.Handler handler, int generation, Token token) {
        return new RegistryLink(handler, generation, token, maxMessageChars);
    }

    /**
     * Starts opening {@code link} to {@code uri}; completes empty when it opened. Blocks only while
     * {@value #MAX_HANDSHAKES} upgrades are already in flight: the JDK's upgrade is asynchronous,
     * so a handful of connect threads keep many handshakes going after a registry restart.
     */
    CompletableFuture<Optional<Refused>> open(RegistryLink link, URI uri, Token token, SubProtocol offer) {
        try {
            if (!handshakes.tryAcquire(timing.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return CompletableFuture.completedFuture(Optional.of(new Failed(new Drop(Drop.Cause.TIMEOUT, "too many upgrades in flight"))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(Optional.of(new Failed(new Drop(Drop.Cause.OTHER, "interrupted"))));
        }
        CompletableFuture<WebSocket> upgrade;
        try {
            HttpClient trusted = clientFor(uri);
            // A registry whose own CA is trusted at its address only (ExtraTrust) goes over the JDK's client, which has that trust.
            upgrade = jetty != null && trusted == client ? jetty.open(uri, TokenCredential.header(token.reveal()), offer.format(), link) : trusted.newWebSocketBuilder()
                    .header("Authorization", TokenCredential.header(token.reveal()))
                    .subprotocols(offer.format())
                    .connectTimeout(timing.handshakeTimeout())
                    .buildAsync(uri, link);
        } catch (RuntimeException e) {
            handshakes.release();
            return CompletableFuture.completedFuture(Optional.of(new Failed(describe(e, 0, token))));
        }
        CompletableFuture<Optional<Refused>> done = upgrade.handle((socket, error) -> {
            handshakes.release();
            if (error == null) {
                link.attach(socket, () -> live.remove(link));
                live.add(link);
                return Optional.<Refused>empty();
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            int status = cause instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : JettySockets.status(cause);
            return Optional.of(status == 401 || status == 403 ? new Rejected(status) : new Failed(describe(cause, status, token)));
        });
        upgrading.add(done);
        done.whenComplete((r, e) -> upgrading.remove(done));
        return done;
    }

    /**
     * For quitting: lets upgrades in flight finish, then sends every open link a close frame and
     * waits for the echoes, all within {@code timeout}. Links that opened while the engine closed
     * would otherwise die without a close frame when the JVM exits.
     */
    void closeAll(String reason, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            CompletableFuture.allOf(upgrading.toArray(CompletableFuture[]::new)).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Bounded: whatever opened by now gets its close frame below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<RegistryLink> open = List.copyOf(live);
        for (RegistryLink link : open) {
            link.close(reason);
        }
        for (RegistryLink link : open) {
            link.awaitClosed(Duration.ofNanos(deadline - System.nanoTime()));
        }
    }

    @Override
    public void close() {
        if (jetty != null) {
            jetty.close();
        }
        io.shutdownNow();
    }

    /**
     * What a failed upgrade or a link's error means, by the exception's type ({@link FailureKind});
     * an HTTP status only when no network failure is in the chain. The detail is the deciding
     * exception's words, with the token scrubbed.
     */
    static Drop describe(Throwable e, int status, Token token) {
        FailureKind kind = FailureKind.of(e);
        if (kind == FailureKind.OTHER && status > 0) {
            return new Drop(Drop.Cause.HTTP_STATUS, "HTTP " + status);
        }
        Throwable evidence = FailureKind.evidence(e);
        String words = evidence.getMessage() == null || evidence.getMessage().isBlank() ? "" : Texts.scrub(evidence.getMessage(), token, 160);
        if (words.isEmpty()) {
            words = kind == FailureKind.REFUSED ? "connection refused" : evidence.getClass().getSimpleName();
        }
        return new Drop(Drop.Cause.of(kind), words);
    }
}
