package org.tokendesk.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.http2.StreamResetException;
import okio.BufferedSource;

import org.tokendesk.Version;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.net.Detail;
import org.tokendesk.net.Elapsed;
import org.tokendesk.net.FailureKind;
import org.tokendesk.net.Workers;
import org.tokendesk.probe.Attempt.Check;
import org.tokendesk.probe.Attempt.Transport;
import org.tokendesk.probe.ProbeOutcome.NotGrpc;
import org.tokendesk.probe.ProbeReport.ServerName;
import org.tokendesk.token.Token;

/**
 * Is the address a token resolved to really a live puppet service? A TCP connect, then the gRPC
 * health check {@code grpc.health.v1.Health/Check} (it needs no token) the way the Wechaty SDK
 * connects: TLS trusting only Wechaty's root CA, the token's SNI as server name, HTTP/2. When TLS
 * meets a plaintext server and the server name is {@code insecure}, plaintext HTTP/2 is tried
 * next, as an SDK with {@code WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true} would.
 */
public final class Probe implements AutoCloseable {
    public static final int DEFAULT_IN_FLIGHT = 8;
    /** A health answer is 7 bytes; anything near this size is not one. */
    static final int MAX_BODY_BYTES = 4096;
    static final String INSECURE = "insecure";
    private static final MediaType GRPC = MediaType.get(HealthWire.CONTENT_TYPE);
    /** How long the server's first bytes are waited for after a failed plaintext call. */
    private static final Duration SNIFF = Duration.ofSeconds(1);

    private final OkHttpClient base;
    private final ProbeConfig config;
    private final ThreadPoolExecutor probes;

    /**
     * @param shared the app's client: the probe derives its own from it (same dispatcher and
     *               threads, its own time limits and a fresh connection for every attempt)
     */
    public Probe(OkHttpClient shared, ProbeConfig config, int maxInFlight) {
        this.config = config;
        this.base = shared.newBuilder()
                .connectTimeout(config.timeouts().connect())
                .readTimeout(config.timeouts().read())
                .writeTimeout(config.timeouts().read())
                .callTimeout(config.timeouts().call())
                .followRedirects(false)
                .followSslRedirects(false)
                // A failed handshake must be reported as it happened, not retried with other TLS settings.
                .retryOnConnectionFailure(false)
                .build();
        this.probes = Workers.bounded("probe", maxInFlight);
    }

    public ProbeConfig config() {
        return config;
    }

    /** Runs the probe on this prober's pool; at most {@code maxInFlight} run at once. */
    public CompletableFuture<ProbeReport> probe(Token token, String host, int port) {
        return CompletableFuture.supplyAsync(() -> probeNow(token, host, port), probes);
    }

    /** The address a lookup resolved to. */
    public CompletableFuture<ProbeReport> probe(Token token, Lookup.Resolved resolved) {
        return probe(token, resolved.host(), resolved.port());
    }

    /** Health, then (when it answered) whether the service accepts the token, on this prober's pool. */
    public CompletableFuture<ProbeReport> probeWithToken(Token token, String host, int port) {
        return CompletableFuture.supplyAsync(() -> probeNow(token, host, port, true), probes);
    }

    /** Blocks the calling thread (the CLI, or code already on a worker): at most about connect + 2 × call timeout. */
    public ProbeReport probeNow(Token token, String host, int port) {
        return probeNow(token, host, port, false);
    }

    /**
     * As {@link #probeNow(Token, String, int)}; with {@code checkToken}, a health answer is followed by one
     * authenticated call on the same client and connection ({@link TokenCheck}). That sends the token to the
     * address, as the SDK would.
     */
    public ProbeReport probeNow(Token token, String host, int port, boolean checkToken) {
        Optional<Token> withToken = checkToken ? Optional.of(token) : Optional.empty();
        long start = System.nanoTime();
        ServerName name = serverNameFor(token);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new ProbeReport(host, port, Optional.empty(), name, config.trustSource(), List.of(),
                    new ProbeOutcome.Unreachable("DNS: " + host + " does not resolve"), Elapsed.since(start));
        }
        TcpResult tcp = tcpConnect(address, port);
        if (tcp.failure().isPresent()) {
            return new ProbeReport(host, port, Optional.empty(), name, config.trustSource(), List.of(), tcp.failure().get(), Elapsed.since(start));
        }
        List<Attempt> attempts = new ArrayList<>();
        if (config.plaintextOnly()) {
            attempts.add(attempt(Transport.PLAINTEXT, host, port, address, Optional.empty(), withToken));
        } else {
            Attempt tls = attempt(Transport.TLS, host, port, address, Optional.of(new ProbeTls(config.trust(), name.name())), withToken);
            attempts.add(tls);
            if (isNotTls(tls.outcome()) && INSECURE.equals(name.name())) {
                attempts.add(attempt(Transport.PLAINTEXT, host, port, address, Optional.empty(), withToken));
            }
        }
        ProbeOutcome outcome = attempts.get(attempts.size() - 1).outcome();
        return new ProbeReport(host, port, Optional.of(tcp.took()), name, config.trustSource(), attempts, outcome, Elapsed.since(start));
    }

    /** The override, else the token's SNI, else (bare token) {@code insecure}, as the SDK's error message suggests. */
    ServerName serverNameFor(Token token) {
        if (config.serverName().isPresent()) {
            return new ServerName(config.serverName().get(), ServerName.Source.OVERRIDE);
        }
        return token.sni()
                .map(sni -> new ServerName(sni, ServerName.Source.TOKEN))
                .orElseGet(() -> new ServerName(INSECURE, ServerName.Source.ASSUMED_INSECURE));
    }

    private record TcpResult(Duration took, Optional<ProbeOutcome> failure) {
    }

    private TcpResult tcpConnect(InetAddress address, int port) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) config.timeouts().connect().toMillis());
            return new TcpResult(Elapsed.since(start), Optional.empty());
        } catch (IOException e) {
            ProbeOutcome failure = switch (FailureKind.of(e)) {
                case REFUSED -> new ProbeOutcome.PortClosed();
                case TIMEOUT -> new ProbeOutcome.TimedOut(ProbeOutcome.Stage.CONNECT);
                case NO_ROUTE -> new ProbeOutcome.Unreachable("no route to " + address.getHostAddress());
                default -> new ProbeOutcome.Unreachable(words(e));
            };
            return new TcpResult(Elapsed.since(start), Optional.of(failure));
        }
    }

    private Attempt attempt(Transport transport, String host, int port, InetAddress address, Optional<ProbeTls> tls, Optional<Token> withToken) {
        long start = System.nanoTime();
        Stages stages = new Stages();
        ConnectionPool pool = new ConnectionPool(1, 1, TimeUnit.SECONDS);
        OkHttpClient.Builder builder = base.newBuilder()
                .connectionPool(pool)
                .dns(hostname -> List.of(address))
                .eventListener(stages);
        if (tls.isPresent()) {
            builder.sslSocketFactory(tls.get().socketFactory(), tls.get().trustManager())
                    .hostnameVerifier(tls.get().verifier())
                    .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS))
                    .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        } else {
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                    .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        }
        OkHttpClient client = builder.build();
        HttpUrl url = new HttpUrl.Builder()
                .scheme(tls.isPresent() ? "https" : "http")
                .host(host)
                .port(port)
                .addPathSegments(HealthWire.PATH)
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header("te", "trailers")
                .header("user-agent", "tokendesk-probe/" + Version.current())
                .header("grpc-timeout", config.timeouts().call().toMillis() + "m")
                .post(RequestBody.create(HealthWire.EMPTY_REQUEST, GRPC))
                .build();
        Set<Check> passed = EnumSet.noneOf(Check.class);
        ProbeOutcome outcome;
        Optional<TokenCheck> tokenCheck = Optional.empty();
        try (Response response = client.newCall(request).execute()) {
            tls.ifPresent(t -> passed.addAll(tlsChecks(t)));
            outcome = interpret(response, tls.isPresent(), passed);
            response.close();
            if (withToken.isPresent() && outcome.answered()) {
                tokenCheck = Optional.of(TokenCall.check(client, url, withToken.get(), config.timeouts().call().toMillis()));
            }
        } catch (IOException e) {
            tls.ifPresent(t -> passed.addAll(tlsChecks(t)));
            outcome = classify(e, stages, tls, transport, address, port);
        } finally {
            pool.evictAll();
        }
        return new Attempt(transport, passed, tls.flatMap(ProbeTls::certificate), outcome, Elapsed.since(start), tokenCheck);
    }

    private static Set<Check> tlsChecks(ProbeTls tls) {
        Set<Check> out = EnumSet.noneOf(Check.class);
        if (tls.chainPassed()) {
            out.add(Check.CHAIN);
        }
        if (tls.namePassed().orElse(false)) {
            out.add(Check.SERVER_NAME);
        }
        return out;
    }

    private static ProbeOutcome interpret(Response response, boolean tls, Set<Check> passed) throws IOException {
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
        if (source.request(MAX_BODY_BYTES + 1L)) {
            return new NotGrpc(NotGrpc.Why.NOT_GRPC_ANSWER, "answer over " + MAX_BODY_BYTES + " bytes");
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

    private ProbeOutcome classify(IOException e, Stages stages, Optional<ProbeTls> tls, Transport transport, InetAddress address, int port) {
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
            return switch (FirstBytes.of(address, port, SNIFF.compareTo(config.timeouts().call()) < 0 ? SNIFF : config.timeouts().call())) {
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

    /** TLS met a server that does not speak TLS (probably a plaintext puppet service). */
    public static boolean isNotTlsOutcome(ProbeOutcome outcome) {
        return isNotTls(outcome);
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

    /** How far one attempt got, so that a timeout can say where it happened. */
    private static final class Stages extends EventListener {
        volatile boolean tcpConnected;
        volatile boolean secured;
        volatile boolean connected;
        volatile boolean answered;

        ProbeOutcome.Stage stage() {
            if (!tcpConnected) {
                return ProbeOutcome.Stage.CONNECT;
            }
            return connected ? ProbeOutcome.Stage.ANSWER : ProbeOutcome.Stage.HANDSHAKE;
        }

        @Override
        public void secureConnectStart(Call call) {
            tcpConnected = true;
        }

        @Override
        public void secureConnectEnd(Call call, Handshake handshake) {
            secured = true;
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            tcpConnected = true;
            connected = true;
        }

        @Override
        public void responseHeadersStart(Call call) {
            answered = true;
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }

    /** For callers that show progress of "Probe all". */
    public int waiting() {
        return probes.getQueue().size();
    }

}
