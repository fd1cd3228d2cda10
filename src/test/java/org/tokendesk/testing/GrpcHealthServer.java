package org.tokendesk.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * grpc-java's own health service on loopback, over TLS with a test identity or over plaintext
 * HTTP/2 (what the puppet service does with {@code WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER=true}).
 * The server-wide status (service "") starts SERVING, as grpc-java sets it.
 */
public final class GrpcHealthServer implements AutoCloseable {
    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();

    private GrpcHealthServer(ServerCredentials credentials, boolean withHealth) throws IOException {
        this(credentials, withHealth, 0);
    }

    private GrpcHealthServer(ServerCredentials credentials, boolean withHealth, int port) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), credentials)
                .directExecutor();
        if (withHealth) {
            builder.addService(health.getHealthService());
        }
        this.server = builder.build().start();
    }

    public static GrpcHealthServer tls(TestPki.Identity identity) throws IOException {
        return new GrpcHealthServer(TlsServerCredentials.newBuilder().keyManager(identity.keyManagers()).build(), true);
    }

    /** A PEM certificate chain and PKCS#8 key, e.g. the stock service identity. */
    public static GrpcHealthServer tls(java.io.InputStream certChain, java.io.InputStream key) throws IOException {
        try (certChain; key) {
            return new GrpcHealthServer(TlsServerCredentials.create(certChain, key), true);
        }
    }

    public static GrpcHealthServer plaintext() throws IOException {
        return plaintext(0);
    }

    /** On {@code port} (0: any free one); an IOException when it is taken. */
    public static GrpcHealthServer plaintext(int port) throws IOException {
        return new GrpcHealthServer(InsecureServerCredentials.create(), true, port);
    }

    /** A gRPC server with no service at all: every call is UNIMPLEMENTED. */
    public static GrpcHealthServer withoutHealth(TestPki.Identity identity) throws IOException {
        return new GrpcHealthServer(TlsServerCredentials.newBuilder().keyManager(identity.keyManagers()).build(), false);
    }

    public GrpcHealthServer status(ServingStatus status) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        return this;
    }

    /** Forget the server-wide status: Check("") then fails with NOT_FOUND. */
    public GrpcHealthServer forget() {
        health.clearStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES);
        return this;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
