package org.tokendesk.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/** A socket factory that hands every socket its delegate makes through one set-up step (TCP_NODELAY, a server name). */
public final class DecoratingSocketFactory extends SocketFactory {
    /** What is done to each new socket before it is handed out. */
    @FunctionalInterface
    public interface Setup {
        Socket apply(Socket socket) throws IOException;
    }

    private final SocketFactory delegate;
    private final Setup setup;

    public DecoratingSocketFactory(SocketFactory delegate, Setup setup) {
        this.delegate = delegate;
        this.setup = setup;
    }

    /** The TLS twin: layered sockets (how OkHttp makes TLS ones) get the set-up too. */
    public static SSLSocketFactory tls(SSLSocketFactory delegate, Setup setup) {
        return new Tls(delegate, setup);
    }

    /** OkHttp leaves Nagle on, which costs ~40 ms on every new connection. */
    public static SocketFactory noDelay() {
        return new DecoratingSocketFactory(SocketFactory.getDefault(), socket -> {
            socket.setTcpNoDelay(true);
            return socket;
        });
    }

    @Override
    public Socket createSocket() throws IOException {
        return setup.apply(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return setup.apply(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return setup.apply(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return setup.apply(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return setup.apply(delegate.createSocket(address, port, localAddress, localPort));
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final Setup setup;
        private final DecoratingSocketFactory plain;

        Tls(SSLSocketFactory delegate, Setup setup) {
            this.delegate = delegate;
            this.setup = setup;
            this.plain = new DecoratingSocketFactory(delegate, setup);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return setup.apply(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket() throws IOException {
            return plain.createSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return plain.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return plain.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return plain.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return plain.createSocket(address, port, localAddress, localPort);
        }
    }
}
