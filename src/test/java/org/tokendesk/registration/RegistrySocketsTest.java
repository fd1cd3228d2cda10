package org.tokendesk.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.protocol.SubProtocol;
import org.tokendesk.testing.HostileServer;
import org.tokendesk.token.Token;

/**
 * What a failed upgrade means, one test per kind of failure, from real loopback sockets through
 * the JDK client keep-online uses: the cause is read from the exception's type, never its words.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistrySocketsTest {
    /** Long enough for a TLS client to start on a loaded machine; only the silent server waits it out. */
    private static final Timing PATIENT = Timing.DEFAULT.withHandshakeTimeout(Duration.ofSeconds(8));
    private static final Timing QUICK = Timing.DEFAULT.withHandshakeTimeout(Duration.ofMillis(700));
    private static final Token TOKEN = Token.of("insecure_sockets-" + UUID.randomUUID());

    private final RegistrySockets sockets = new RegistrySockets(PATIENT, 1 << 20);
    private final RegistrySockets impatient = new RegistrySockets(QUICK, 1 << 20);

    @AfterEach
    void close() {
        sockets.close();
        impatient.close();
    }

    @Test
    void aClosedPortIsCannotConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Drop drop = failedUpgrade("ws://127.0.0.1:" + port + "/");
        assertEquals(new Drop(Drop.Cause.CANNOT_CONNECT, "connection refused"), drop);
    }

    @Test
    void aResetBeforeTheAnswerIsCannotConnectAndSaysReset() throws Exception {
        try (HostileServer server = HostileServer.start(s -> {
            HostileServer.readHead(s.getInputStream());
            s.setSoLinger(true, 0);
            s.close();
        })) {
            Drop drop = failedUpgrade("ws://127.0.0.1:" + server.port() + "/");
            assertEquals(Drop.Cause.CANNOT_CONNECT, drop.cause(), drop::toString);
            // The JDK wraps it as "header parser received no bytes"; the reset is in the cause.
            assertTrue(drop.detail().toLowerCase().contains("reset"), drop::toString);
        }
    }

    @Test
    void aHangUpBeforeTheAnswerIsCannotConnect() throws Exception {
        try (HostileServer server = HostileServer.start(s -> {
            HostileServer.readHead(s.getInputStream());
            s.close();
        })) {
            Drop drop = failedUpgrade("ws://127.0.0.1:" + server.port() + "/");
            assertEquals(Drop.Cause.CANNOT_CONNECT, drop.cause(), drop::toString);
        }
    }

    @Test
    void aSilentServerIsATimeout() throws Exception {
        try (HostileServer server = HostileServer.start(HostileServer::holdOpen)) {
            long start = System.nanoTime();
            Drop drop = failedUpgrade(impatient, "ws://127.0.0.1:" + server.port() + "/");
            assertEquals(Drop.Cause.TIMEOUT, drop.cause(), drop::toString);
            assertTrue(System.nanoTime() - start >= QUICK.handshakeTimeout().toNanos() / 2, "gave up before the handshake timeout");
        }
    }

    @Test
    void wssToAPlainSocketIsATlsFailure() throws Exception {
        // A plain HTTP server answers the ClientHello's bytes with an HTTP error.
        try (HostileServer server = HostileServer.start(s -> {
            s.getInputStream().read(new byte[512]);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            HostileServer.holdOpen(s);
        })) {
            Drop drop = failedUpgrade("wss://127.0.0.1:" + server.port() + "/");
            assertEquals(Drop.Cause.TLS, drop.cause(), drop::toString);
        }
    }

    @Test
    void anAnswerOtherThan101IsItsStatusAnd401IsARejection() throws Exception {
        for (int status : new int[] {500, 401}) {
            try (HostileServer server = HostileServer.start(s -> {
                HostileServer.readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 " + status + " No\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                HostileServer.holdOpen(s);
            })) {
                RegistrySockets.Refused refused = upgrade("ws://127.0.0.1:" + server.port() + "/").orElseThrow();
                if (status == 401) {
                    assertEquals(new RegistrySockets.Rejected(401), refused);
                } else {
                    assertEquals(new Drop(Drop.Cause.HTTP_STATUS, "HTTP 500"), assertInstanceOf(RegistrySockets.Failed.class, refused).drop());
                }
            }
        }
    }

    @Test
    void namesAndWordsDoNotDecide() {
        assertEquals(Drop.Cause.DNS, RegistrySockets.describe(new IOException(new UnknownHostException("registry.example")), 0, TOKEN).cause());
        assertEquals(Drop.Cause.CANNOT_CONNECT, RegistrySockets.describe(new IOException("closed", new EOFException()), 0, TOKEN).cause());
        // A live link that lost its TCP connection: the JDK hands onError the bare SocketException.
        assertEquals(new Drop(Drop.Cause.CANNOT_CONNECT, "Connection reset"), RegistrySockets.describe(new SocketException("Connection reset"), 0, TOKEN));
        // Words that once decided by substring now decide nothing.
        assertEquals(Drop.Cause.OTHER, RegistrySockets.describe(new IOException("connection closed: timed out, reset, eof"), 0, TOKEN).cause());
        assertEquals(Drop.Cause.OTHER, RegistrySockets.describe(new IllegalStateException("timeout"), 0, TOKEN).cause());
    }

    @Test
    void theTokenNeverReachesTheDetail() {
        Drop drop = RegistrySockets.describe(new IOException("bad header Authorization: " + TOKEN.reveal()), 0, TOKEN);
        assertFalse(drop.detail().contains(TOKEN.reveal()), drop::toString);
        Drop reset = RegistrySockets.describe(new IOException("x", new SocketException("reset for " + TOKEN.reveal())), 0, TOKEN);
        assertEquals(Drop.Cause.CANNOT_CONNECT, reset.cause());
        assertFalse(reset.detail().contains(TOKEN.reveal()), reset::toString);
    }

    private Drop failedUpgrade(String uri) throws Exception {
        return failedUpgrade(sockets, uri);
    }

    private static Drop failedUpgrade(RegistrySockets through, String uri) throws Exception {
        return assertInstanceOf(RegistrySockets.Failed.class, upgrade(through, uri).orElseThrow()).drop();
    }

    private Optional<RegistrySockets.Refused> upgrade(String uri) throws Exception {
        return upgrade(sockets, uri);
    }

    private static Optional<RegistrySockets.Refused> upgrade(RegistrySockets through, String uri) throws Exception {
        RegistryLink link = through.newLink(new Ignoring(), 1, TOKEN);
        return through.open(link, URI.create(uri), TOKEN, SubProtocol.io("test", "", 8788)).get(20, TimeUnit.SECONDS);
    }

    private static final class Ignoring implements RegistryLink.Handler {
        @Override
        public void opened(RegistryLink link) {
        }

        @Override
        public void text(RegistryLink link, String message) {
        }

        @Override
        public void tooLarge(RegistryLink link, long size) {
        }

        @Override
        public void binary(RegistryLink link, int size) {
        }

        @Override
        public void pong(RegistryLink link) {
        }

        @Override
        public void closed(RegistryLink link, Drop drop) {
        }
    }
}
