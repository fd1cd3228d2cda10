package org.tokendesk.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.net.Http;
import org.tokendesk.probe.Attempt.Check;
import org.tokendesk.probe.Attempt.Transport;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.TestPki;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** The probe against real servers on loopback: grpc-java's health service over TLS and plaintext, and things that are not gRPC. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeTest {
    private static final TestPki CA = TestPki.newCa("probe-test-root");
    private static final TestPki OTHER_CA = TestPki.newCa("someone-else");
    private static final Token INSECURE = Token.of("insecure_" + UUID.randomUUID());
    private static final Token PUPPET_X = Token.of("puppet_x_" + UUID.randomUUID());
    private static final Token BARE = Token.of(UUID.randomUUID().toString());
    private static final TokenLeaks LEAKS = TokenLeaks.of(INSECURE, PUPPET_X, BARE);

    private static OkHttpClient http;
    private static Probe probe;

    @BeforeAll
    static void start() {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        probe = new Probe(http, ProbeConfig.defaults().withTrust(List.of(CA.caCertificate()), ProbeConfig.TrustSource.CUSTOM), 4);
    }

    @AfterAll
    static void stop() {
        probe.close();
        Http.shutdown(http);
    }

    private static ProbeReport probe(Probe p, Token token, int port) {
        ProbeReport report = p.probeNow(token, "127.0.0.1", port);
        LEAKS.assertNoneIn("probe report", report.toString());
        return report;
    }

    @Test
    void stockLikeCertificateServesAnInsecureToken() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure")).status(ServingStatus.SERVING)) {
            ProbeReport report = probe(probe, INSECURE, server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertTrue(report.tcpConnect().isPresent());
            assertEquals(new ProbeReport.ServerName("insecure", ProbeReport.ServerName.Source.TOKEN), report.serverName());
            assertEquals(1, report.attempts().size());
            Attempt tls = report.attempts().get(0);
            assertEquals(Transport.TLS, tls.transport());
            assertEquals(Set.of(Check.CHAIN, Check.SERVER_NAME, Check.HTTP2, Check.GRPC_ANSWER), tls.passed());
            Attempt.Certificate cert = tls.certificate().orElseThrow();
            assertEquals(List.of("insecure"), cert.names());
            assertEquals(Attempt.NameSource.COMMON_NAME, cert.nameSource());
            assertEquals(Optional.of(Transport.TLS), report.workedOver());
        }
    }

    @Test
    void theStockServiceCertificateVerifiesAgainstTheBundledWechatyCa() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(
                ProbeTest.class.getResourceAsStream("stock-insecure-server.crt"), ProbeTest.class.getResourceAsStream("stock-insecure-server.key"));
             Probe wechaty = new Probe(http, ProbeConfig.defaults(), 1)) {
            ProbeReport ok = probe(wechaty, INSECURE, server.port());
            assertInstanceOf(ProbeOutcome.Serving.class, ok.outcome());
            assertEquals(Set.of(Check.CHAIN, Check.SERVER_NAME, Check.HTTP2, Check.GRPC_ANSWER), ok.attempts().get(0).passed());

            // What the SDK reports as "Host: puppet_x. is not cert's CN: insecure".
            assertEquals(new ProbeOutcome.NameMismatch("puppet_x", List.of("insecure")), probe(wechaty, PUPPET_X, server.port()).outcome());
        }
    }

    @Test
    void theSniIsSentEvenWithAnUnderscoreOrWithoutADot() throws Exception {
        assertEquals("puppet_x", sniSentFor(PUPPET_X));
        assertEquals("insecure", sniSentFor(INSECURE));
    }

    /** Reads the ClientHello the probe sends and returns the host name in its server_name extension. */
    private static String sniSentFor(Token token) throws Exception {
        Optional<String> name = Optional.empty();
        java.util.concurrent.CompletableFuture<ProbeReport> report;
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            report = probe.probe(token, "127.0.0.1", listener.getLocalPort());
            // The TCP check connects and closes at once; the next connection carries the hello.
            for (int i = 0; i < 3 && name.isEmpty(); i++) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5_000);
                    Optional<byte[]> hello = ClientHello.readRecord(s.getInputStream());
                    if (hello.isPresent()) {
                        name = Optional.of(ClientHello.serverName(hello.get()).orElse("(none)"));
                    }
                }
            }
        }
        // Closed without a TLS answer: the probe moves on (a plaintext try finds the port closed).
        report.get(10, TimeUnit.SECONDS);
        return name.orElseThrow(() -> new AssertionError("no ClientHello arrived"));
    }

    @Test
    void notServingAndServiceUnknownAreTold() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"))) {
            server.status(ServingStatus.NOT_SERVING);
            assertInstanceOf(ProbeOutcome.NotServing.class, probe(probe, INSECURE, server.port()).outcome());

            server.status(ServingStatus.SERVICE_UNKNOWN);
            ProbeOutcome unknown = probe(probe, INSECURE, server.port()).outcome();
            assertEquals(new ProbeOutcome.Unknown("SERVICE_UNKNOWN"), unknown);

            server.forget();
            ProbeOutcome notFound = probe(probe, INSECURE, server.port()).outcome();
            assertInstanceOf(ProbeOutcome.Unknown.class, notFound);
            assertTrue(((ProbeOutcome.Unknown) notFound).detail().startsWith("NOT_FOUND"), notFound.toString());
        }
    }

    @Test
    void aTokenWithAnotherSniIsRejectedByNameAsTheSdkDoes() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"))) {
            ProbeReport report = probe(probe, PUPPET_X, server.port());

            assertEquals(new ProbeOutcome.NameMismatch("puppet_x", List.of("insecure")), report.outcome());
            assertEquals(Set.of(Check.CHAIN), report.attempts().get(0).passed());
            assertEquals(1, report.attempts().size(), "a name mismatch is not a reason to try plaintext");
        }
    }

    @Test
    void theServerNameOverrideReplacesTheSni() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"));
             Probe overridden = new Probe(http, probe.config().withServerName("insecure"), 1)) {
            ProbeReport report = probe(overridden, PUPPET_X, server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertEquals(ProbeReport.ServerName.Source.OVERRIDE, report.serverName().source());
        }
    }

    @Test
    void aBareTokenIsCheckedAsInsecure() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"))) {
            ProbeReport report = probe(probe, BARE, server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertEquals(new ProbeReport.ServerName("insecure", ProbeReport.ServerName.Source.ASSUMED_INSECURE), report.serverName());
        }
    }

    @Test
    void subjectAltNamesWinOverTheCommonName() throws Exception {
        try (GrpcHealthServer named = GrpcHealthServer.tls(CA.v3Server("insecure", "puppet.example"));
             Probe byName = new Probe(http, probe.config().withServerName("PUPPET.example"), 1)) {
            ProbeReport ok = probe(byName, INSECURE, named.port());
            assertInstanceOf(ProbeOutcome.Serving.class, ok.outcome());
            assertEquals(Attempt.NameSource.SUBJECT_ALT_NAMES, ok.attempts().get(0).certificate().orElseThrow().nameSource());

            // CN=insecure no longer counts once the certificate has DNS names (Node's rule).
            assertEquals(new ProbeOutcome.NameMismatch("insecure", List.of("puppet.example")), probe(probe, INSECURE, named.port()).outcome());
        }
    }

    @Test
    void aProviderCertificateWithItsSniAsDnsNameVerifies() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v3Server("puppet_x", "puppet_x"))) {
            ProbeReport report = probe(probe, PUPPET_X, server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertEquals(Attempt.NameSource.SUBJECT_ALT_NAMES, report.attempts().get(0).certificate().orElseThrow().nameSource());
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRejected() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(OTHER_CA.v1Server("insecure"))) {
            ProbeReport report = probe(probe, INSECURE, server.port());

            ProbeOutcome.UntrustedCertificate untrusted = assertInstanceOf(ProbeOutcome.UntrustedCertificate.class, report.outcome());
            assertEquals(ProbeOutcome.UntrustedCertificate.Why.OTHER_CA, untrusted.why());
            assertEquals("CN=insecure", untrusted.subject());
            assertTrue(untrusted.issuer().contains("CN=someone-else"), untrusted.issuer());
            assertEquals(Set.of(), report.attempts().get(0).passed());
            assertEquals(1, report.attempts().size());
        }
    }

    @Test
    void anExpiredCertificateIsRejectedAsExpired() throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(10));
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure", past.minus(Duration.ofDays(10)), past))) {
            ProbeOutcome outcome = probe(probe, INSECURE, server.port()).outcome();

            assertEquals(ProbeOutcome.UntrustedCertificate.Why.EXPIRED,
                    assertInstanceOf(ProbeOutcome.UntrustedCertificate.class, outcome).why());
        }
    }

    @Test
    void theDefaultTrustsOnlyTheWechatyRootCa() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"));
             Probe wechatyOnly = new Probe(http, ProbeConfig.defaults(), 1)) {
            assertEquals("CN=wechaty-root-ca,OU=CA,O=Wechaty,L=Palo Alto,ST=San Francisco,C=US",
                    wechatyOnly.config().trust().get(0).getSubjectX500Principal().getName());
            assertInstanceOf(ProbeOutcome.UntrustedCertificate.class, probe(wechatyOnly, INSECURE, server.port()).outcome());
        }
    }

    @Test
    void aPlaintextServiceServesAnInsecureTokenAfterTlsFails() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.plaintext().status(ServingStatus.SERVING)) {
            ProbeReport report = probe(probe, INSECURE, server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertEquals(2, report.attempts().size());
            Attempt tls = report.attempts().get(0);
            assertEquals(Transport.TLS, tls.transport());
            assertEquals(ProbeOutcome.NotGrpc.Why.NOT_TLS, assertInstanceOf(ProbeOutcome.NotGrpc.class, tls.outcome()).why());
            Attempt plain = report.attempts().get(1);
            assertEquals(Transport.PLAINTEXT, plain.transport());
            assertEquals(Set.of(Check.HTTP2, Check.GRPC_ANSWER), plain.passed());
            assertEquals(Optional.of(Transport.PLAINTEXT), report.workedOver());
        }
    }

    @Test
    void aPlaintextServiceIsNotTriedForAPuppetToken() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.plaintext()) {
            ProbeReport report = probe(probe, PUPPET_X, server.port());

            assertEquals(ProbeOutcome.NotGrpc.Why.NOT_TLS, assertInstanceOf(ProbeOutcome.NotGrpc.class, report.outcome()).why());
            assertEquals(1, report.attempts().size());
        }
    }

    @Test
    void plaintextOnlyAsTheSdkVariableAsksSkipsTls() throws Exception {
        ProbeConfig noTls = ProbeConfig.fromEnvironment(java.util.Map.of(ProbeConfig.NO_TLS_VARIABLE, "true"))
                .withTrust(List.of(CA.caCertificate()), ProbeConfig.TrustSource.CUSTOM);
        try (GrpcHealthServer server = GrpcHealthServer.plaintext().status(ServingStatus.NOT_SERVING);
             Probe plain = new Probe(http, noTls, 1)) {
            ProbeReport report = probe(plain, PUPPET_X, server.port());

            assertInstanceOf(ProbeOutcome.NotServing.class, report.outcome());
            assertEquals(List.of(Transport.PLAINTEXT), report.attempts().stream().map(Attempt::transport).toList());
        }
    }

    @Test
    void aGrpcServerWithoutHealthServiceSaysUnimplemented() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.withoutHealth(CA.v1Server("insecure"))) {
            ProbeOutcome outcome = probe(probe, INSECURE, server.port()).outcome();

            assertEquals(12, assertInstanceOf(ProbeOutcome.GrpcError.class, outcome).code());
        }
    }

    @Test
    void aClosedPortIsPortClosed() throws Exception {
        ProbeReport report = probe(probe, INSECURE, Ports.closed());

        assertInstanceOf(ProbeOutcome.PortClosed.class, report.outcome());
        assertTrue(report.tcpConnect().isEmpty());
        assertTrue(report.attempts().isEmpty());
    }

    @Test
    void anUnresolvableHostIsUnreachable() {
        ProbeReport report = probe.probeNow(INSECURE, "no-such-host.invalid", 8788);

        assertInstanceOf(ProbeOutcome.Unreachable.class, report.outcome());
    }

    @Test
    void aServerThatNeverAnswersTimesOutInTheHandshake() throws Exception {
        ProbeConfig quick = probe.config().withTimeouts(new Http.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(2)));
        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             Probe impatient = new Probe(http, quick, 1)) {
            ProbeReport report = probe(impatient, INSECURE, silent.getLocalPort());

            assertEquals(new ProbeOutcome.TimedOut(ProbeOutcome.Stage.HANDSHAKE), report.outcome());
            assertTrue(report.tcpConnect().isPresent());
        }
    }

    @Test
    void anHttp1ServerIsNotAGrpcService() throws Exception {
        try (Http1Servers.Plain server = Http1Servers.plain()) {
            ProbeReport report = probe(probe, INSECURE, server.port());

            assertEquals(ProbeOutcome.NotGrpc.Why.HTTP1, assertInstanceOf(ProbeOutcome.NotGrpc.class, report.outcome()).why());
            assertEquals(2, report.attempts().size(), "TLS, then plaintext for an insecure token");

            ProbeOutcome forPuppet = probe(probe, PUPPET_X, server.port()).outcome();
            assertEquals(ProbeOutcome.NotGrpc.Why.NOT_TLS, assertInstanceOf(ProbeOutcome.NotGrpc.class, forPuppet).why());
        }
    }

    @Test
    void anHttpsServerWithoutH2IsNotAGrpcService() throws Exception {
        try (Http1Servers.Tls server = Http1Servers.tls(CA.v1Server("insecure"))) {
            ProbeReport report = probe(probe, INSECURE, server.port());

            assertEquals(ProbeOutcome.NotGrpc.Why.NO_H2, assertInstanceOf(ProbeOutcome.NotGrpc.class, report.outcome()).why());
            assertEquals(Set.of(Check.CHAIN, Check.SERVER_NAME), report.attempts().get(0).passed());
        }
    }

    @Test
    void probesRunOnThePoolAndDoNotShareConnections() throws Exception {
        try (GrpcHealthServer a = GrpcHealthServer.tls(CA.v1Server("insecure")).status(ServingStatus.SERVING);
             GrpcHealthServer b = GrpcHealthServer.tls(CA.v1Server("insecure")).status(ServingStatus.NOT_SERVING)) {
            var first = probe.probe(INSECURE, "127.0.0.1", a.port());
            var second = probe.probe(INSECURE, "127.0.0.1", b.port());

            assertInstanceOf(ProbeOutcome.Serving.class, first.get(10, TimeUnit.SECONDS).outcome());
            assertInstanceOf(ProbeOutcome.NotServing.class, second.get(10, TimeUnit.SECONDS).outcome());
            assertEquals(0, http.connectionPool().connectionCount(), "the shared pool keeps no probe connection");
        }
    }

    @Test
    void badCaVariableIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProbeConfig.fromEnvironment(java.util.Map.of(ProbeConfig.CA_CERT_VARIABLE, "not a cert")));
        assertTrue(e.getMessage().contains(ProbeConfig.CA_CERT_VARIABLE), e.getMessage());
    }

    @Test
    void environmentOverridesAreRead() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\\n" + java.util.Base64.getEncoder().encodeToString(CA.caCertificate().getEncoded())
                + "\\n-----END CERTIFICATE-----";
        ProbeConfig config = ProbeConfig.fromEnvironment(java.util.Map.of(
                ProbeConfig.CA_CERT_VARIABLE, pem.replace("\\n", "\\n"),
                ProbeConfig.SERVER_NAME_VARIABLE, " insecure ",
                ProbeConfig.NO_TLS_VARIABLE, "TRUE"));
        assertEquals(List.of(CA.caCertificate()), config.trust());
        assertEquals(ProbeConfig.TrustSource.CUSTOM, config.trustSource());
        assertEquals(Optional.of("insecure"), config.serverName());
        assertEquals(false, config.plaintextOnly(), "the SDK takes only the exact string true");
    }
}
