package org.tokendesk.registration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.ThreadPoolConfig;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;
import org.glassfish.tyrus.core.HandshakeException;

import org.tokendesk.protocol.SubProtocol;
import org.tokendesk.protocol.TokenCredential;
import org.tokendesk.token.Token;

/**
 * The WebSocket side of keep-online: one Tyrus client container for all tokens, the upgrade
 * (token header, sub-protocol, handshake timeout), frame size limits, and what a failed upgrade means.
 */
final class RegistrySockets implements AutoCloseable {
    /** Tyrus's minimum; frames are handled in microseconds, so a few threads serve hundreds of sockets. */
    private static final int WORKER_THREADS = 3;

    private final ClientManager client;
    private final int maxMessageChars;

    /** The result of one upgrade attempt that did not open a link. */
    sealed interface Refused {
    }

    /** HTTP 401/403: the registry rejects the token. */
    record Rejected(int status) implements Refused {
    }

    record Failed(Drop drop) implements Refused {
    }

    RegistrySockets(Timing timing, int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
        this.client = newContainer(timing, maxMessageChars);
    }

    /**
     * One shared Grizzly transport with a small fixed worker pool: without these settings Tyrus
     * starts a transport per connection or grows its pool without bound (TOOLCHAIN.md).
     */
    private static ClientManager newContainer(Timing timing, int maxMessageChars) {
        ClientManager client = ClientManager.createClient(GrizzlyClientContainer.class.getName());
        Map<String, Object> p = client.getProperties();
        p.put(ClientProperties.SHARED_CONTAINER, true);
        p.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 10);
        ThreadPoolConfig workers = ThreadPoolConfig.defaultConfig()
                .setPoolName("keep-online-io").setMaxPoolSize(WORKER_THREADS).setCorePoolSize(WORKER_THREADS).setDaemon(true);
        p.put(ClientProperties.WORKER_THREAD_POOL_CONFIG, workers);
        p.put(ClientProperties.HANDSHAKE_TIMEOUT, timing.handshakeTimeout().toMillis());
        p.put(ClientProperties.INCOMING_BUFFER_SIZE, maxMessageChars + 16);
        p.put(ClientProperties.REDIRECT_ENABLED, false);
        client.setDefaultMaxTextMessageBufferSize(maxMessageChars);
        client.setDefaultMaxBinaryMessageBufferSize(64 * 1024);
        return client;
    }

    RegistryLink newLink(RegistryLink.Handler handler, int generation, Token token) {
        return new RegistryLink(handler, generation, token, maxMessageChars);
    }

    /** Opens {@code link} to {@code uri}; blocks up to the handshake timeout. Empty when it opened. */
    Optional<Refused> open(RegistryLink link, URI uri, Token token, SubProtocol offer) {
        String secret = token.reveal();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(offer.format()))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Authorization", List.of(TokenCredential.header(secret)));
                    }
                })
                .build();
        try {
            client.connectToServer(link, config, uri);
            return Optional.empty();
        } catch (DeploymentException e) {
            int status = httpStatus(e);
            return Optional.of(status == 401 || status == 403 ? new Rejected(status) : new Failed(describe(e, status, token)));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Failed(describe(e, 0, token)));
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }

    private static int httpStatus(DeploymentException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeploymentHandshakeException h) {
                return h.getHttpStatusCode();
            }
            if (t instanceof HandshakeException h) {
                return h.getHttpStatusCode();
            }
        }
        return 0;
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
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return new Drop(Drop.Cause.TIMEOUT, m);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Drop(Drop.Cause.CANNOT_CONNECT, m.isEmpty() ? "connection refused" : m);
            }
        }
        if (status > 0) {
            return new Drop(Drop.Cause.HTTP_STATUS, "HTTP " + status);
        }
        // Tyrus reports some failures only as text.
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("timeout") || lower.contains("timed out") || lower.contains("not received")) {
            return new Drop(Drop.Cause.TIMEOUT, message);
        }
        if (lower.contains("connection refused") || lower.contains("connection closed") || lower.contains("connection reset")) {
            return new Drop(Drop.Cause.CANNOT_CONNECT, message);
        }
        return new Drop(Drop.Cause.OTHER, message);
    }
}
