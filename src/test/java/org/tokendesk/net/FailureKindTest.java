package org.tokendesk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.registration.Drop;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FailureKindTest {

    @Test
    void refusedFromAClosedLoopbackPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        });
        assertEquals(FailureKind.REFUSED, FailureKind.of(e));
    }

    @Test
    void timeoutFromASilentLoopbackServer() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.setSoTimeout(100);
            IOException e = assertThrows(IOException.class, () -> socket.getInputStream().read());
            assertEquals(FailureKind.TIMEOUT, FailureKind.of(e));
        }
    }

    @Test
    void resetFromALoopbackServerThatAborts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            try (Socket peer = server.accept()) {
                peer.setSoLinger(true, 0);
            }
            socket.setSoTimeout(5000);
            IOException e = assertThrows(IOException.class, () -> socket.getInputStream().read());
            assertEquals(FailureKind.RESET, FailureKind.of(e), e::toString);
            // The JDK's HTTP client wraps the reset in a bare IOException; the cause decides, and is the evidence.
            IOException wrapped = new IOException("HTTP/1.1 header parser received no bytes", e);
            assertEquals(FailureKind.RESET, FailureKind.of(wrapped));
            assertEquals(e, FailureKind.evidence(wrapped));
        }
    }

    @Test
    void aHangUpMidReadIsAReset() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(new byte[] {1, 2});
            }
            socket.setSoTimeout(5000);
            IOException e = assertThrows(IOException.class, () -> new DataInputStream(socket.getInputStream()).readFully(new byte[8]));
            assertEquals(FailureKind.RESET, FailureKind.of(e), e::toString);
        }
    }

    @Test
    void tlsFromAPlainLoopbackServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    out.flush();
                    peer.getInputStream().read(new byte[4096]);
                } catch (IOException ignored) {
                    // The client gave up first.
                }
            });
            answer.start();
            try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                socket.setSoTimeout(5000);
                IOException e = assertThrows(IOException.class, socket::startHandshake);
                assertEquals(FailureKind.TLS, FailureKind.of(e));
            }
            answer.join(5000);
        }
    }

    @Test
    void theCauseChainDecidesByTypeNeverByWords() {
        assertEquals(FailureKind.DNS, FailureKind.of(new IOException(new UnknownHostException("registry.example"))));
        assertEquals(FailureKind.NO_ROUTE, FailureKind.of(new NoRouteToHostException()));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new InterruptedIOException("timeout")));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new IOException(new TimeoutException())));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new IOException(new HttpTimeoutException("upgrade"))));
        // A handshake that timed out is a timeout, not a TLS problem.
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new SSLException("handshake", new SocketTimeoutException())));
        assertEquals(FailureKind.TLS, FailureKind.of(new IOException(new SSLException("bad certificate"))));
        assertEquals(FailureKind.OTHER, FailureKind.of(new IOException("Connection refused: timed out")));
        assertEquals(FailureKind.OTHER, FailureKind.of(new IOException("connection reset, eof, closed")));
        // A refusal is a SocketException too, and the JDK puts a ClosedChannelException under it: still REFUSED.
        assertEquals(FailureKind.REFUSED, FailureKind.of(new ConnectException()));
        IOException other = new IOException("bare");
        assertEquals(other, FailureKind.evidence(other));
    }

    @Test
    void lookupsAndRegistrationsMapFromTheKind() {
        assertEquals(Lookup.Failure.CANNOT_CONNECT, Lookup.Failure.of(FailureKind.REFUSED));
        assertEquals(Lookup.Failure.CANNOT_CONNECT, Lookup.Failure.of(FailureKind.NO_ROUTE));
        assertEquals(Lookup.Failure.CANNOT_CONNECT, Lookup.Failure.of(FailureKind.OTHER));
        assertEquals(Lookup.Failure.TIMEOUT, Lookup.Failure.of(FailureKind.TIMEOUT));
        assertEquals(Lookup.Failure.DNS, Lookup.Failure.of(FailureKind.DNS));
        assertEquals(Lookup.Failure.TLS, Lookup.Failure.of(FailureKind.TLS));
        assertEquals(Drop.Cause.CANNOT_CONNECT, Drop.Cause.of(FailureKind.REFUSED));
        assertEquals(Drop.Cause.OTHER, Drop.Cause.of(FailureKind.OTHER));
        assertEquals(Drop.Cause.TIMEOUT, Drop.Cause.of(FailureKind.TIMEOUT));
        assertEquals(Drop.Cause.TLS, Drop.Cause.of(FailureKind.TLS));
        assertEquals(Lookup.Failure.CANNOT_CONNECT, Lookup.Failure.of(FailureKind.RESET));
        assertEquals(Drop.Cause.CANNOT_CONNECT, Drop.Cause.of(FailureKind.RESET));
    }
}
