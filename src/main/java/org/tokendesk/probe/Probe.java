package org.tokendesk.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.tokendesk.Version;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.net.Elapsed;
import org.tokendesk.net.Workers;
import org.tokendesk.probe.Attempt.Check;
import org.tokendesk.probe.Attempt.Transport;
import org.tokendesk.probe.ProbeReport.ServerName;
import org.tokendesk.token.Token;

/**
 * Is the address a token resolved to really a live puppet service? A TCP connect, then the gRPC
 * health check {@code grpc.health.v1.Health/Check} (it needs no token) the way the Wechaty SDK
 * connects: TLS trusting only Wechaty's root CA, the token's SNI as server name, HTTP/2. When TLS
 * meets a plaintext server and the server name is {@code insecure}, plaintext HTTP/2 is tried
 * next, as an SDK with {@code WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true} would.
 *
 * <p>This class makes the calls (client per attempt, TLS or h2c, the request's framing);
 * {@link ProbeOutcomes} reads what came back.
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
            return new TcpResult(Elapsed.since(start), Optional.of(ProbeOutcomes.ofConnect(e, address)));
        }
    }

    private Attempt attempt(Transport transport, String host, int port, InetAddress address, Optional<ProbeTls> tls, Optional<Token> withToken) {
        long start = System.nanoTime();
        CallStages stages = new CallStages();
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
            tls.ifPresent(t -> passed.addAll(ProbeOutcomes.tlsChecks(t)));
            outcome = ProbeOutcomes.ofAnswer(response, tls.isPresent(), passed);
            response.close();
            if (withToken.isPresent() && outcome.answered()) {
                tokenCheck = Optional.of(TokenCall.check(client, url, withToken.get(), config.timeouts().call().toMillis()));
            }
        } catch (IOException e) {
            tls.ifPresent(t -> passed.addAll(ProbeOutcomes.tlsChecks(t)));
            outcome = ProbeOutcomes.ofFailure(e, stages, tls, transport, address, port,
                    SNIFF.compareTo(config.timeouts().call()) < 0 ? SNIFF : config.timeouts().call());
        } finally {
            pool.evictAll();
        }
        return new Attempt(transport, passed, tls.flatMap(ProbeTls::certificate), outcome, Elapsed.since(start), tokenCheck);
    }

    /** TLS met a server that does not speak TLS (probably a plaintext puppet service). */
    public static boolean isNotTlsOutcome(ProbeOutcome outcome) {
        return isNotTls(outcome);
    }

    static boolean isNotTls(ProbeOutcome outcome) {
        return ProbeOutcomes.isNotTls(outcome);
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
