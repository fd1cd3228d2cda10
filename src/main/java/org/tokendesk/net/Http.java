package org.tokendesk.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The one OkHttp client of the app. Everything that talks HTTP derives from it, so they share pools and threads. */
public final class Http {
    private Http() {
    }

    /** Time limits of one HTTP exchange. A real registry lookup can take 10 s: read must stay above 15 s. */
    public record Timeouts(Duration connect, Duration read, Duration call) {
        public static final Timeouts DISCOVERY = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(16), Duration.ofSeconds(20));
    }

    public static OkHttpClient newClient(Timeouts timeouts) {
        return builder(timeouts).build();
    }

    /**
     * A client that speaks plain HTTP only, for a run that never leaves an {@code http://} registry:
     * OkHttp then skips loading the TLS trust store, a quarter of a second of a CLI run.
     */
    public static OkHttpClient newPlainClient(Timeouts timeouts) {
        return builder(timeouts).connectionSpecs(java.util.List.of(okhttp3.ConnectionSpec.CLEARTEXT)).build();
    }

    /** A plain client's twin that speaks TLS too (the system's trust), sharing its pool and threads. */
    public static OkHttpClient withTls(OkHttpClient plain) {
        return plain.newBuilder().connectionSpecs(java.util.List.of(okhttp3.ConnectionSpec.MODERN_TLS, okhttp3.ConnectionSpec.CLEARTEXT)).build();
    }

    private static OkHttpClient.Builder builder(Timeouts timeouts) {
        return new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .followRedirects(false)
                .followSslRedirects(false)
                .socketFactory(new NoDelaySocketFactory())
                .connectionPool(new ConnectionPool(16, 1, TimeUnit.MINUTES));
    }

    /** Releases idle connections and threads, e.g. before the CLI exits (saves ~350 ms of JVM shutdown). */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }

    /** OkHttp leaves Nagle on, which costs ~40 ms on every new connection. */
    static final class NoDelaySocketFactory extends SocketFactory {
        private final SocketFactory delegate = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
