package org.tokendesk.registration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

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
 */
final class RegistrySockets implements AutoCloseable {
    /** Frames are handled in microseconds, so a few threads serve thousands of sockets. */
    private static final int IO_THREADS = 3;
    /** Our frames are a few hundred bytes; the JDK's default is 16 KB per socket. */
    private static final String WRITE_BUFFER = "4096";

    static {
        System.setProperty("jdk.httpclient.websocket.writeBufferSize",
                System.getProperty("jdk.httpclient.websocket.writeBufferSize", WRITE_BUFFER));
        System.setProperty("jdk.httpclient.websocket.intermediateBufferSize",
                System.getProperty("jdk.httpclient.websocket.intermediateBufferSize", WRITE_BUFFER));
    }

    private final Timing timing;
    private final int maxMessageChars;
    private final ExecutorService io = Workers.bounded("keep-online-io", IO_THREADS);
    private final HttpClient client;

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
        this.client = HttpClient.newBuilder().executor(io).connectTimeout(timing.handshakeTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    RegistryLink newLink(RegistryLink.Handler handler, int generation, Token token) {
        return new RegistryLink(handler, generation, token, maxMessageChars);
    }

    /** Opens {@code link} to {@code uri}; blocks up to the handshake timeout. Empty when it opened. */
    Optional<Refused> open(RegistryLink link, URI uri, Token token, SubProtocol offer) {
        long timeout = timing.handshakeTimeout().toMillis();
        try {
            client.newWebSocketBuilder()
                    .header("Authorization", TokenCredential.header(token.reveal()))
                    .subprotocols(offer.format())
                    .connectTimeout(timing.handshakeTimeout())
                    .buildAsync(uri, link)
                    // A little beyond the handshake timeout: the client's own timeout names the failure.
                    .get(timeout + 1000, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            int status = cause instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : 0;
            return Optional.of(status == 401 || status == 403 ? new Rejected(status) : new Failed(describe(cause, status, token)));
        } catch (TimeoutException e) {
            return Optional.of(new Failed(new Drop(Drop.Cause.TIMEOUT, "no upgrade within " + timeout + " ms")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Failed(new Drop(Drop.Cause.OTHER, "interrupted")));
        } catch (RuntimeException e) {
            return Optional.of(new Failed(describe(e, 0, token)));
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }

    static Drop describe(Throwable e, int status, Token token) {
        String message = Texts.scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), token, 160);
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : Texts.scrub(t.getMessage(), token, 160);
            if (t instanceof UnknownHostException) {
                return new Drop(Drop.Cause.DNS, m);
            }
            if (t instanceof SSLException) {
                return new Drop(Drop.Cause.TLS, m);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return new Drop(Drop.Cause.TIMEOUT, m);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Drop(Drop.Cause.CANNOT_CONNECT, m.isEmpty() ? "connection refused" : m);
            }
        }
        if (status > 0) {
            return new Drop(Drop.Cause.HTTP_STATUS, "HTTP " + status);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof IOException && (lower.contains("closed") || lower.contains("reset") || lower.contains("eof"))) {
            return new Drop(Drop.Cause.CANNOT_CONNECT, message);
        }
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return new Drop(Drop.Cause.TIMEOUT, message);
        }
        return new Drop(Drop.Cause.OTHER, message);
    }
}
