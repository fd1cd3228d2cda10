package org.tokendesk.probe;

import java.util.List;

/**
 * What the address a token resolved to turned out to be, in the user's terms. Details are
 * technical words from the network stack and never hold the token.
 */
public sealed interface ProbeOutcome {

    /** The health check answered SERVING: the puppet behind the service has a heartbeat. */
    record Serving() implements ProbeOutcome {
    }

    /** The service runs, but its puppet sent no heartbeat for 60 s (NOT_SERVING). */
    record NotServing() implements ProbeOutcome {
    }

    /**
     * The service runs but cannot tell yet: SERVICE_UNKNOWN (no heartbeat since it started), an
     * UNKNOWN status, or a health service that does not know the server (gRPC NOT_FOUND).
     */
    record Unknown(String detail) implements ProbeOutcome {
    }

    /** Nothing listens on the port: the connection was refused. */
    record PortClosed() implements ProbeOutcome {
    }

    /** The host cannot be reached at all: its name does not resolve, or there is no route to it. */
    record Unreachable(String detail) implements ProbeOutcome {
    }

    /** No answer in time, at {@code stage}. */
    record TimedOut(Stage stage) implements ProbeOutcome {
    }

    /**
     * The certificate is signed by the trusted CA but is not for the name the SDK expects:
     * {@code expected} is the server name (the token's SNI), {@code seen} the names in the
     * certificate (DNS subjectAltNames, or its CN when it has none, as Node checks).
     */
    record NameMismatch(String expected, List<String> seen) implements ProbeOutcome {
        public NameMismatch {
            seen = List.copyOf(seen);
        }
    }

    /** The certificate chain does not lead to the trusted CA (Wechaty's root unless overridden), or is expired. */
    record UntrustedCertificate(Why why, String subject, String issuer) implements ProbeOutcome {
        public enum Why {
            /** Signed by another CA, or self-signed. */
            OTHER_CA,
            /** Not valid today. */
            EXPIRED,
            /** The server sent no certificate at all, or one the JDK cannot parse. */
            UNUSABLE
        }
    }

    /** Something answers on the port, but not a gRPC service the SDK could use. */
    record NotGrpc(Why why, String detail) implements ProbeOutcome {
        public enum Why {
            /** A plain HTTP/1 server (it answered a TLS hello or an HTTP/2 preface with HTTP/1 text). */
            HTTP1,
            /** The server began HTTP/2 and then broke it: refused or reset the stream, went away, sent frames that do not decode. */
            HTTP2_ERROR,
            /** What the server sends is neither HTTP/2 nor HTTP/1 (another protocol, or noise). */
            NOT_HTTP,
            /** A TLS server that does not speak HTTP/2 (no {@code h2} in ALPN). */
            NO_H2,
            /** TLS was expected (the token's SNI is not {@code insecure}), but the server does not speak TLS. */
            NOT_TLS,
            /** HTTP/2 works, but the answer is not a gRPC one (no grpc-status, wrong content type, bad message). */
            NOT_GRPC_ANSWER
        }
    }

    /** A gRPC service answered the health check with an error status, e.g. UNIMPLEMENTED (12): no health service. */
    record GrpcError(int code, String message) implements ProbeOutcome {
        static final int OK = 0;
        static final int NOT_FOUND = 5;
        public static final int UNIMPLEMENTED = 12;

        /** The service has no health check: a gRPC server, probably not a puppet service. */
        public boolean unimplemented() {
            return code == UNIMPLEMENTED;
        }
    }

    /** The TLS handshake failed for another reason (protocol version, cipher, an alert). */
    record TlsFailed(String detail) implements ProbeOutcome {
    }

    /** The connection broke in a way none of the above explains. */
    record Failed(String detail) implements ProbeOutcome {
    }

    enum Stage {
        /** Opening the TCP connection. */
        CONNECT,
        /** The TLS handshake, or the HTTP/2 connection preface. */
        HANDSHAKE,
        /** Waiting for the health answer. */
        ANSWER
    }

    /** True for the three answers of a working health service. */
    default boolean answered() {
        return this instanceof Serving || this instanceof NotServing || this instanceof Unknown;
    }
}
