package org.tokendesk.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.internal.http2.StreamResetException;
import okio.BufferedSource;

import org.tokendesk.net.Detail;
import org.tokendesk.net.FailureKind;
import org.tokendesk.probe.Attempt.Check;
import org.tokendesk.probe.Attempt.Transport;
import org.tokendesk.probe.ProbeOutcome.NotGrpc;

/**
 * What a probe found, from what came back: the TCP connect's failure, the health call's answer
 * (HTTP/2, gRPC status in headers or trailers, the health message) or its failure (certificate,
 * kind of network failure, how far the call got). {@link Probe} makes the calls; this reads them.
 */
final class ProbeOutcomes {
    private ProbeOutcomes() {
    }

    /** A TCP connect that threw. */
    static ProbeOutcome ofConnect(IOException e, InetAddress address) {
        return switch (FailureKind.of(e)) {
            case REFUSED -> new ProbeOutcome.PortClosed();
            case TIMEOUT -> new ProbeOutcome.TimedOut(ProbeOutcome.Stage.CONNECT);
            case NO_ROUTE -> new ProbeOutcome.Unreachable("no route to " + address.getHostAddress());
            default -> new ProbeOutcome.Unreachable(words(e));
        };
    }

    /** The TLS checks an attempt passed, whatever came of the call. */
    static Set<Check> tlsChecks(ProbeTls tls) {
        Set<Check> out = EnumSet.noneOf(Check.class);
        if (tls.chainPassed()) {
            out.add(Check.CHAIN);
        }
        if (tls.namePassed().orElse(false)) {
            out.add(Check.SERVER_NAME);
        }
        return out;
    }

    /** What a health call's answer means; {@code passed} gains the checks it passed. Reads at most {@link Probe#MAX_BODY_BYTES} of body. */
    static ProbeOutcome ofAnswer(Response response, boolean tls, Set<Check> passed) throws IOException {
        Protocol protocol = response.protocol();
        if (protocol != Protocol.HTTP_2 && protocol != Protocol.H2_PRIOR_KNOWLEDGE) {
            return new NotGrpc(tls ? NotGrpc.Why.NO_H2 : NotGrpc.Why.HTTP1, "the server speaks " + protocol);
        }
        passed.add(Check.HTTP2);
        Optional<Integer> headerStatus = HealthWire.status(response.header("grpc-status"));
        String contentType = response.header("content-type", "");
        if (headerStatus.isEmpty() && (response.code() != 200 || !contentType.startsWith(HealthWire.CONTENT_TYPE))) {
            return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, "HTTP " + response.code()
                    + (contentType.isEmpty() ? "" : ", content-type " + Detail.shorten(contentType, 200)));
        }
        BufferedSource source = response.body().source();
        if (source.request(Probe.MAX_BODY_BYTES + 1L)) {
            return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, "answer over " + Probe.MAX_BODY_BYTES + " bytes");
        }
        byte[] body = source.getBuffer().readByteArray();
        int status;
        String message;
        if (headerStatus.isPresent()) {
            status = headerStatus.get();
            message = HealthWire.message(response.header("grpc-message"));
        } else {
            Optional<Integer> trailerStatus = HealthWire.status(response.trailers().get("grpc-status"));
            if (trailerStatus.isEmpty()) {
                return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, "no grpc-status in the answer");
            }
            status = trailerStatus.get();
            message = HealthWire.message(response.trailers().get("grpc-message"));
        }
        return health(status, message, body, passed);
    }

    private static ProbeOutcome health(int grpcStatus, String message, byte[] body, Set<Check> passed) {
        if (grpcStatus == ProbeOutcome.GrpcError.NOT_FOUND) {
            passed.add(Check.GRPC_ANSWER);
            return new ProbeOutcome.Unknown("NOT_FOUND" + (message.isEmpty() ? "" : ": " + message));
        }
        if (grpcStatus != ProbeOutcome.GrpcError.OK) {
            passed.add(Check.GRPC_ANSWER);
            return new ProbeOutcome.GrpcError(grpcStatus, message);
        }
        HealthWire.Decoded decoded = HealthWire.decodeBody(body);
        if (decoded instanceof HealthWire.Decoded.Malformed m) {
            return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, m.why());
        }
        if (decoded instanceof HealthWire.Decoded.NoMessage) {
            return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, "OK status without a health message");
        }
        passed.add(Check.GRPC_ANSWER);
        int value = ((HealthWire.Decoded.Status) decoded).value();
        switch (value) {
            case HealthWire.SERVING:
                return new ProbeOutcome.Serving();
            case HealthWire.NOT_SERVING:
                return new ProbeOutcome.NotServing();
            case HealthWire.SERVICE_UNKNOWN:
                return new ProbeOutcome.Unknown("SERVICE_UNKNOWN");
            case HealthWire.UNKNOWN:
                return new ProbeOutcome.Unknown("UNKNOWN");
            default:
                return new ProbeOutcome.Unknown("status " + value);
        }
    }

    /** What a failed health call means: certificate problems first, then the failure's kind, then how far the call got. */
    /** @param sniff how long to wait for the server's first bytes when a plaintext call failed before any answer */
    static ProbeOutcome ofFailure(IOException e, CallStages stages, Optional<ProbeTls> tls, Transport transport,
                                  InetAddress address, int port, Duration sniff) {
        if (tls.isPresent() && tls.get().namePassed().filter(ok -> !ok).isPresent()) {
            Attempt.Certificate cert = tls.get().certificate().orElseThrow();
            return new ProbeOutcome.NameMismatch(tls.get().serverName(), cert.names());
        }
        if (tls.isPresent() && tls.get().chainFailure().isPresent()) {
            return untrusted(tls.get());
        }
        FailureKind kind = FailureKind.of(e);
        Throwable root = FailureKind.root(e);
        switch (kind) {
            case TIMEOUT:
                return new ProbeOutcome.TimedOut(stages.stage());
            case REFUSED:
                return new ProbeOutcome.PortClosed();
            case NO_ROUTE:
                return new ProbeOutcome.Unreachable(words(root));
            default:
                break;
        }
        if (tls.isPresent() && kind == FailureKind.TLS && !stages.secured) {
            return tlsFailure(e, tls.get());
        }
        if (transport == Transport.PLAINTEXT && !stages.answered) {
            // A reset stream (RST_STREAM, or GOAWAY before our stream) comes only from an HTTP/2 server.
            if (FailureKind.has(e, StreamResetException.class)) {
                return new NotGrpc(NotGrpc.Why.HTTP2_ERROR, words(root));
            }
            // An HTTP/1 server answers the HTTP/2 preface with "HTTP/1.1 400 …", which OkHttp reads as a bad
            // frame, as it reads noise; the server's first bytes tell which.
            return switch (FirstBytes.of(address, port, sniff)) {
                case HTTP1 -> new NotGrpc(NotGrpc.Why.HTTP1, words(root));
                case HTTP2 -> new NotGrpc(NotGrpc.Why.HTTP2_ERROR, words(root));
                case OTHER, NOTHING -> new NotGrpc(NotGrpc.Why.NOT_HTTP, words(root));
            };
        }
        if (FailureKind.has(e, ProtocolException.class)) {
            return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, words(root));
        }
        return new ProbeOutcome.Failed(words(root));
    }

    private static ProbeOutcome untrusted(ProbeTls tls) {
        Throwable failure = tls.chainFailure().get();
        ProbeOutcome.UntrustedCertificate.Why why = ProbeOutcome.UntrustedCertificate.Why.OTHER_CA;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED)
                    || (t instanceof CertPathValidatorException v2 && v2.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                why = ProbeOutcome.UntrustedCertificate.Why.EXPIRED;
            }
        }
        Optional<Attempt.Certificate> cert = tls.certificate();
        if (cert.isEmpty()) {
            return new ProbeOutcome.UntrustedCertificate(ProbeOutcome.UntrustedCertificate.Why.UNUSABLE, "", "");
        }
        return new ProbeOutcome.UntrustedCertificate(why, cert.get().subject(), cert.get().issuer());
    }

    /** What a TLS hello sent to something that does not speak TLS comes back as. */
    private static ProbeOutcome tlsFailure(IOException e, ProbeTls tls) {
        String text = allMessages(e);
        if (text.contains("no_application_protocol")) {
            return new NotGrpc(NotGrpc.Why.NO_H2, "the server refused ALPN h2 (no_application_protocol)");
        }
        // JSSE's words when the first bytes back are not a TLS record, e.g. "HTTP/1.1 400" or an HTTP/2 GOAWAY frame.
        if (text.contains("Unsupported or unrecognized SSL message") || text.contains("plaintext connection?")) {
            return new NotGrpc(NotGrpc.Why.NOT_TLS, "the server answered the TLS hello with something that is not TLS");
        }
        // The server closed the connection on our hello without sending a single TLS byte.
        if (text.contains("Remote host terminated the handshake") && tls.leaf().isEmpty()) {
            return new NotGrpc(NotGrpc.Why.NOT_TLS, "the server closed the connection on the TLS hello");
        }
        return new ProbeOutcome.TlsFailed(words(FailureKind.root(e)));
    }

    static boolean isNotTls(ProbeOutcome outcome) {
        return outcome instanceof NotGrpc n && n.why() == NotGrpc.Why.NOT_TLS;
    }

    /** JSSE names "the peer does not speak TLS" only in its messages; no exception type says it. */
    private static String allMessages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t.getMessage()).append(" | ");
        }
        return out.toString();
    }

    private static String words(Throwable e) {
        return Detail.of(e, 200);
    }
}
