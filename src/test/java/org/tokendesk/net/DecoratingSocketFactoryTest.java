package org.tokendesk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DecoratingSocketFactoryTest {

    @Test
    void noDelayOnEverySocket() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (Socket unconnected = DecoratingSocketFactory.noDelay().createSocket();
                 Socket connected = DecoratingSocketFactory.noDelay().createSocket(loopback, server.getLocalPort())) {
                assertTrue(unconnected.getTcpNoDelay());
                assertTrue(connected.getTcpNoDelay());
                assertTrue(connected.isConnected());
            }
        }
    }

    @Test
    void theTlsTwinSetsUpLayeredAndPlainSockets() throws IOException {
        List<Socket> seen = new CopyOnWriteArrayList<>();
        SSLSocketFactory tls = DecoratingSocketFactory.tls((SSLSocketFactory) SSLSocketFactory.getDefault(), s -> {
            seen.add(s);
            return s;
        });
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            try (Socket layered = tls.createSocket(raw, "localhost", server.getLocalPort(), true);
                 Socket plain = tls.createSocket()) {
                assertEquals(List.of(layered, plain), seen);
            }
        }
        assertEquals(((SSLSocketFactory) SSLSocketFactory.getDefault()).getDefaultCipherSuites().length, tls.getDefaultCipherSuites().length);
    }
}
