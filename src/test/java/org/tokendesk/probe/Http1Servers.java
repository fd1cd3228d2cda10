package org.tokendesk.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.tokendesk.testing.TestPki;

/** Web servers that are not gRPC services: Jetty speaking HTTP/1.1 only, in plaintext or over TLS without ALPN. */
final class Http1Servers {
    private Http1Servers() {
    }

    static Plain plain() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        return new Plain(start(server, connector));
    }

    static Tls tls(TestPki.Identity identity) throws Exception {
        Server server = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(identity.keyStore());
        ssl.setKeyStorePassword(new String(TestPki.Identity.password()));
        ServerConnector connector = new ServerConnector(server, ssl);
        return new Tls(start(server, connector));
    }

    private static Server start(Server server, ServerConnector connector) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put("content-type", "text/html");
                response.write(true, ByteBuffer.wrap("<h1>hello</h1>".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    private static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    record Plain(Server server) implements AutoCloseable {
        int port() {
            return Http1Servers.port(server);
        }

        @Override
        public void close() {
            stop(server);
        }
    }

    record Tls(Server server) implements AutoCloseable {
        int port() {
            return Http1Servers.port(server);
        }

        @Override
        public void close() {
            stop(server);
        }
    }
}
