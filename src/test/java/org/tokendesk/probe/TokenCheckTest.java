package org.tokendesk.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.net.Http;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.TestPki;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

/** After the health check, one authenticated call says whether the service takes the token; real grpc-java servers on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenCheckTest {
    private static final TestPki CA = TestPki.newCa("token-check-root");
    private static final TestPki OTHER_CA = TestPki.newCa("another-ca");
    private static final Token MINE = Token.of("insecure_" + UUID.randomUUID());
    private static final Token OTHER = Token.of("insecure_" + UUID.randomUUID());
    private static final Token PADLOCAL = Token.of("puppet_padlocal_" + UUID.randomUUID());
    private static final TokenLeaks LEAKS = TokenLeaks.of(MINE, OTHER, PADLOCAL);

    private static OkHttpClient http;
    private static Probe probe;

    @BeforeAll
    static void start() {
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        probe = new Probe(http, ProbeConfig.defaults().withTrust(List.of(CA.caCertificate()), ProbeConfig.TrustSource.CUSTOM), 2);
    }

    @AfterAll
    static void stop() {
        probe.close();
        Http.shutdown(http);
    }

    private static ProbeReport check(Probe p, Token token, int port) {
        ProbeReport report = p.probeNow(token, "127.0.0.1", port, true);
        LEAKS.assertNoneIn("probe report", report.toString());
        return report;
    }

    @Test
    void theServiceAcceptsItsOwnTokenOverTls() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), MINE)) {
            ProbeReport report = check(probe, MINE, server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertEquals(Optional.of(new TokenCheck.Accepted("1.19.9-test")), report.tokenCheck());
            assertEquals(1, server.accepted());
        }
    }

    @Test
    void anotherTokenIsRejectedWithTheServersReasonMasked() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), MINE)) {
            ProbeReport report = check(probe, OTHER, server.port());

            TokenCheck.Rejected rejected = assertInstanceOf(TokenCheck.Rejected.class, report.tokenCheck().orElseThrow());
            assertEquals("Invalid Wechaty TOKEN \"" + OTHER.masked() + "\"", rejected.reason());
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void aPlaintextServerThatReadsOnlyTheAuthorityAcceptsTheToken() throws Exception {
        try (PuppetServer server = PuppetServer.plaintext(MINE, PuppetServer.Reads.AUTHORITY)) {
            // TLS meets plaintext, the name is insecure: the probe goes on in plaintext, as the SDK with NO_TLS_INSECURE_CLIENT.
            ProbeReport report = check(probe, MINE, server.port());

            assertEquals(Optional.of(Attempt.Transport.PLAINTEXT), report.workedOver());
            assertInstanceOf(TokenCheck.Accepted.class, report.tokenCheck().orElseThrow());
            assertInstanceOf(TokenCheck.Rejected.class, check(probe, OTHER, server.port()).tokenCheck().orElseThrow());
        }
    }

    @Test
    void aPlaintextServiceReadsTheMetadataFirst() throws Exception {
        try (PuppetServer server = PuppetServer.plaintext(MINE, PuppetServer.Reads.METADATA_OR_AUTHORITY);
             Probe plaintext = new Probe(http, new ProbeConfig(List.of(CA.caCertificate()), ProbeConfig.TrustSource.CUSTOM,
                     Optional.empty(), true, ProbeConfig.TIMEOUTS), 1)) {
            assertInstanceOf(TokenCheck.Accepted.class, check(plaintext, MINE, server.port()).tokenCheck().orElseThrow());
            assertInstanceOf(TokenCheck.Rejected.class, check(plaintext, OTHER, server.port()).tokenCheck().orElseThrow());
        }
    }

    @Test
    void noTokenCallWhenTlsFailsOnACertificateForAnotherName() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), PADLOCAL)) {
            ProbeReport report = check(probe, PADLOCAL, server.port());

            assertEquals(new ProbeOutcome.NameMismatch("puppet_padlocal", List.of("insecure")), report.outcome());
            assertEquals(Optional.empty(), report.tokenCheck());
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void noTokenCallWhenAnotherCaSignedTheCertificate() throws Exception {
        try (PuppetServer server = PuppetServer.tls(OTHER_CA.v1Server("insecure"), MINE)) {
            ProbeReport report = check(probe, MINE, server.port());

            assertInstanceOf(ProbeOutcome.UntrustedCertificate.class, report.outcome());
            assertEquals(Optional.empty(), report.tokenCheck());
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void aHealthServerWithoutThePuppetServiceHasNoSuchMethod() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"))) {
            assertInstanceOf(TokenCheck.NoSuchMethod.class, check(probe, MINE, server.port()).tokenCheck().orElseThrow());
        }
    }

    @Test
    void theHealthProbeAloneSendsNoToken() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), MINE)) {
            ProbeReport report = probe.probeNow(MINE, "127.0.0.1", server.port());

            assertInstanceOf(ProbeOutcome.Serving.class, report.outcome());
            assertEquals(Optional.empty(), report.tokenCheck());
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void theVersionAnswerIsReadFromItsProtobuf() {
        assertEquals(Optional.of("1.2"), TokenCall.version(HealthWire.frame(new byte[] {0x0a, 3, '1', '.', '2'})));
        assertEquals(Optional.empty(), TokenCall.version(HealthWire.frame(new byte[] {0x0a, 9, '1'})));
        assertEquals(Optional.empty(), TokenCall.version(new byte[0]));
        assertTrue(TokenCall.PATH.startsWith("wechaty.Puppet/"));
    }
}
