package org.tokendesk.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCalls;

import org.tokendesk.token.Token;

/**
 * A puppet service as far as TokenDesk sees one, on loopback: grpc-java's health service, and
 * {@code wechaty.Puppet/Version} behind the token check wechaty-puppet-service does
 * ({@code auth-impl-token.ts}): metadata {@code authorization: Wechaty <token>}, or (a plaintext
 * server's fallback for old clients) the {@code :authority} when that metadata is missing; any other
 * token is UNAUTHENTICATED with {@code Invalid Wechaty TOKEN "<token sent>"}, as the real one says.
 */
public final class PuppetServer implements AutoCloseable {
    /** wechaty-grpc 1.5.2 {@code puppet.proto}: {@code package wechaty; service Puppet { rpc Version (VersionRequest) … } }. */
    public static final MethodDescriptor<byte[], byte[]> VERSION = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("wechaty.Puppet", "Version"))
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** Which forms of the token the server reads. */
    public enum Reads {
        /** The metadata only (the TLS service). */
        METADATA,
        /** The metadata, else the {@code :authority} (what the plaintext service does for old clients). */
        METADATA_OR_AUTHORITY,
        /** Only the {@code :authority}: a server that proves the probe sends it. */
        AUTHORITY
    }

    private final Server server;
    private final AtomicInteger versionCalls = new AtomicInteger();

    private final HealthStatusManager health = new HealthStatusManager();

    private PuppetServer(ServerCredentials credentials, Token valid, Reads reads) throws IOException {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        ServerServiceDefinition puppet = ServerServiceDefinition.builder("wechaty.Puppet")
                .addMethod(VERSION, ServerCalls.asyncUnaryCall((request, observer) -> {
                    versionCalls.incrementAndGet();
                    observer.onNext(versionResponse("1.19.9-test"));
                    observer.onCompleted();
                }))
                .build();
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
                .directExecutor()
                .addService(health.getHealthService())
                .addService(ServerInterceptors.intercept(puppet, new TokenCheck(valid, reads)))
                .build()
                .start();
    }

    public static PuppetServer tls(TestPki.Identity identity, Token valid) throws IOException {
        return new PuppetServer(TlsServerCredentials.newBuilder().keyManager(identity.keyManagers()).build(), valid, Reads.METADATA);
    }

    public static PuppetServer tls(InputStream certChain, InputStream key, Token valid) throws IOException {
        try (certChain; key) {
            return new PuppetServer(TlsServerCredentials.create(certChain, key), valid, Reads.METADATA);
        }
    }

    public static PuppetServer plaintext(Token valid, Reads reads) throws IOException {
        return new PuppetServer(InsecureServerCredentials.create(), valid, reads);
    }

    public int port() {
        return server.getPort();
    }

    /** What Health/Check answers from now on (the real service says SERVICE_UNKNOWN until its puppet's first heartbeat). */
    public PuppetServer health(ServingStatus status) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        return this;
    }

    /** Version calls that got past the token check. */
    public int accepted() {
        return versionCalls.get();
    }

    /** {@code VersionResponse { string version = 1; }} */
    static byte[] versionResponse(String version) {
        byte[] text = version.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 2];
        out[0] = 0x0a;
        out[1] = (byte) text.length;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    private static final class TokenCheck implements ServerInterceptor {
        private final Token valid;
        private final Reads reads;

        TokenCheck(Token valid, Reads reads) {
            this.valid = valid;
            this.reads = reads;
        }

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String authorization = reads == Reads.AUTHORITY ? null : headers.get(AUTHORIZATION);
            if (authorization == null && reads != Reads.METADATA) {
                authorization = "Wechaty " + call.getAuthority();
            }
            String error;
            if (authorization == null) {
                error = "No Authorization found.";
            } else if (!authorization.startsWith("Wechaty ")) {
                error = "Invalid authorization type: \"" + authorization.split("\\s+")[0] + "\"";
            } else if (authorization.substring(8).equals(valid.reveal())) {
                return next.startCall(call, headers);
            } else {
                error = "Invalid Wechaty TOKEN \"" + authorization.substring(8) + "\"";
            }
            call.close(Status.UNAUTHENTICATED.withDescription(error), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
