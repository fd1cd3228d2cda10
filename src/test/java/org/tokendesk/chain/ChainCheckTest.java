package org.tokendesk.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.i18n.Text;
import org.tokendesk.net.Http;
import org.tokendesk.probe.ProbeConfig;
import org.tokendesk.probe.TokenCheck;
import org.tokendesk.testing.GrpcHealthServer;
import org.tokendesk.testing.Ports;
import org.tokendesk.testing.PuppetServer;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TestPki;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;
import org.tokendesk.i18n.ChainWords;

/** The first failing link, for each link, against a registry stub and grpc-java puppet services on loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChainCheckTest {
    private static final TestPki CA = TestPki.newCa("chain-test-root");
    private static final TestPki OTHER_CA = TestPki.newCa("chain-other-ca");
    private static final Token INSECURE = Token.of("insecure_" + UUID.randomUUID());
    private static final Token STRANGER = Token.of("insecure_" + UUID.randomUUID());
    private static final Token PADLOCAL = Token.of("puppet_padlocal_" + UUID.randomUUID());
    private static final Token BARE = Token.of(UUID.randomUUID().toString());
    private static final TokenLeaks LEAKS = TokenLeaks.of(INSECURE, STRANGER, PADLOCAL, BARE);

    private static OkHttpClient http;
    private static DiscoveryClient discovery;
    private static RegistryStub registry;
    private static ChainCheck chains;

    @BeforeAll
    static void start() throws Exception {
        Text.use(Locale.ENGLISH);
        http = Http.newClient(Http.Timeouts.DISCOVERY);
        discovery = new DiscoveryClient(http, 4);
        registry = RegistryStub.start();
        chains = new ChainCheck(discovery, http, ProbeConfig.defaults().withTrust(List.of(CA.caCertificate()), ProbeConfig.TrustSource.CUSTOM));
    }

    @AfterAll
    static void stop() {
        registry.close();
        discovery.close();
        Http.shutdown(http);
    }

    private static Chain chain(Token token, int port) {
        registry.register(token.reveal(), "127.0.0.1", port);
        return checked(chains.run(registry.registry(), token));
    }

    private static Chain checked(Chain chain) {
        LEAKS.assertNoneIn("chain", chain.toString());
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Text.use(locale);
            String words = String.join("\n", ChainWords.lines(chain)) + ChainWords.verdict(chain);
            LEAKS.assertNoneIn("chain words", words);
            assertFalse(words.contains("!chain.") || words.contains("!probe."), words);
        }
        Text.use(Locale.ENGLISH);
        assertEquals(Link.Step.values().length, chain.links().size());
        return chain;
    }

    private static Optional<Link.Step> firstFailure(Chain chain) {
        return chain.firstFailure().map(Link::step);
    }

    private static SdkFix node(Chain chain) {
        return fix(chain, SdkFix.Sdk.NODE);
    }

    private static SdkFix fix(Chain chain, SdkFix.Sdk sdk) {
        return chain.fixes().stream().filter(f -> f.sdk() == sdk).findFirst().orElseThrow();
    }

    private static final SdkFix.Setting SERVE_PLAINTEXT = new SdkFix.Setting("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER", "true");

    @Test
    void everyLinkPassesForAStockLikeServiceAndItsToken() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), INSECURE)) {
            Chain chain = chain(INSECURE, server.port());

            assertEquals(Optional.empty(), firstFailure(chain));
            assertTrue(chain.tokenAccepted());
            // A loopback http registry: the SDK cannot reach it by authority, so Node dials the address.
            assertEquals(List.of(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_ENDPOINT", "127.0.0.1:" + server.port())), node(chain).settings());
            assertEquals(Link.State.WARNING, chain.link(Link.Step.SDK).state());
            // Go, Python and Java dial plaintext only: a TLS-only service is out of their reach until it serves plaintext.
            for (SdkFix.Sdk sdk : List.of(SdkFix.Sdk.GO, SdkFix.Sdk.PYTHON, SdkFix.Sdk.JAVA)) {
                SdkFix plain = fix(chain, sdk);
                assertEquals(Optional.of(SERVE_PLAINTEXT), plain.onService(), sdk.name());
                assertFalse(plain.verified(), sdk.name());
                assertTrue(ChainWords.of(plain).contains("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER=true"), ChainWords.of(plain));
            }
            assertTrue(fix(chain, SdkFix.Sdk.GO).settings().stream().noneMatch(s -> s.variable().contains("TLS")), fix(chain, SdkFix.Sdk.GO).toString());
            assertEquals(Optional.empty(), node(chain).onService());
        }
    }

    @Test
    void aTokenTheRegistryDoesNotKnowFailsAtTheRegistryWithWhereToRenewIt() {
        registry.answers(PADLOCAL.reveal(), 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");
        Chain chain = checked(chains.run(registry.registry(), PADLOCAL));

        assertEquals(Optional.of(Link.Step.REGISTRY), firstFailure(chain));
        assertTrue(ChainWords.of(chain.link(Link.Step.REGISTRY)).contains("likely expired or the service stopped"));
        assertTrue(ChainWords.of(chain.link(Link.Step.REGISTRY)).contains("token.rpachat.com"));
        assertEquals(Link.State.NOT_REACHED, chain.link(Link.Step.TCP).state());
        assertEquals(List.of(), chain.fixes());
    }

    @Test
    void aRegistryThatCannotReachTheServiceFailsAtTheAddress() {
        Chain chain = checked(chains.run(registry.registry(), INSECURE, new Lookup.Unreachable("203.0.113.7", 8788, Duration.ofMillis(5))));

        assertEquals(Link.State.PASSED, chain.link(Link.Step.REGISTRY).state());
        assertEquals(Optional.of(Link.Step.ADDRESS), firstFailure(chain));
    }

    @Test
    void nothingListeningFailsAtTcp() throws Exception {
        assertEquals(Optional.of(Link.Step.TCP), firstFailure(chain(INSECURE, Ports.closed())));
    }

    @Test
    void aProviderTokenAtAStockCertificateFailsAtTlsAndTheServerNameFixIsTried() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), PADLOCAL)) {
            Chain chain = chain(PADLOCAL, server.port());

            assertEquals(Optional.of(Link.Step.TRANSPORT), firstFailure(chain));
            assertTrue(ChainWords.of(chain.link(Link.Step.TRANSPORT)).contains("insecure"));
            // With the name the certificate has, health and the token call went through.
            assertTrue(chain.tokenAccepted());
            SdkFix node = node(chain);
            assertTrue(node.settings().contains(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME", "insecure")));
            assertTrue(node.verified());
        }
    }

    @Test
    void aPlaintextServiceFailsAtTlsAndGetsTheNoTlsLine() throws Exception {
        try (PuppetServer server = PuppetServer.plaintext(PADLOCAL, PuppetServer.Reads.METADATA_OR_AUTHORITY)) {
            Chain chain = chain(PADLOCAL, server.port());

            assertEquals(Optional.of(Link.Step.TRANSPORT), firstFailure(chain));
            assertTrue(chain.tokenAccepted());
            assertTrue(node(chain).settings().contains(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT", "true")));
            assertTrue(node(chain).verified());
            // Go ignores the TLS variables and reaches a plaintext service as it is, by its address here.
            SdkFix go = fix(chain, SdkFix.Sdk.GO);
            assertEquals(Optional.empty(), go.onService());
            assertTrue(go.verified());
            assertEquals(List.of(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_ENDPOINT", "127.0.0.1:" + server.port())), go.settings());
            assertEquals(Optional.empty(), fix(chain, SdkFix.Sdk.PYTHON).onService());
        }
    }

    @Test
    void anInsecureTokenAtAPlaintextServiceGetsTheNoTlsLineToo() throws Exception {
        try (PuppetServer server = PuppetServer.plaintext(INSECURE, PuppetServer.Reads.METADATA_OR_AUTHORITY)) {
            Chain chain = chain(INSECURE, server.port());

            assertEquals(Optional.of(Link.Step.TRANSPORT), firstFailure(chain));
            assertTrue(ChainWords.of(chain.link(Link.Step.TRANSPORT)).contains("plaintext"));
            assertTrue(node(chain).settings().contains(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT", "true")));
        }
    }

    @Test
    void aCertificateFromAnotherCaFailsAtTlsAndNamesTheCaVariable() throws Exception {
        try (PuppetServer server = PuppetServer.tls(OTHER_CA.v1Server("insecure"), INSECURE)) {
            Chain chain = chain(INSECURE, server.port());

            assertEquals(Optional.of(Link.Step.TRANSPORT), firstFailure(chain));
            assertEquals(Link.State.NOT_REACHED, chain.link(Link.Step.HEALTH).state());
            SdkFix node = node(chain);
            assertEquals("WECHATY_PUPPET_SERVICE_TLS_CA_CERT", node.settings().get(0).variable());
            assertTrue(node.settings().get(0).value().contains("chain-other-ca"));
            assertFalse(node.verified());
        }
    }

    @Test
    void aServiceWithoutPuppetHeartbeatFailsAtHealth() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure")).status(ServingStatus.NOT_SERVING)) {
            Chain chain = chain(INSECURE, server.port());

            assertEquals(Optional.of(Link.Step.HEALTH), firstFailure(chain));
        }
    }

    @Test
    void anotherTokenAtTheSameAddressFailsAtTokenAccepted() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), INSECURE)) {
            Chain chain = chain(STRANGER, server.port());

            assertEquals(Optional.of(Link.Step.TOKEN_ACCEPTED), firstFailure(chain));
            TokenCheck check = ((Finding.OfTokenCheck) chain.link(Link.Step.TOKEN_ACCEPTED).finding()).check();
            assertInstanceOf(TokenCheck.Rejected.class, check);
            assertTrue(ChainWords.of(chain.link(Link.Step.TOKEN_ACCEPTED)).contains(STRANGER.masked()));
            assertEquals(Link.State.NOT_REACHED, chain.link(Link.Step.SDK).state());
        }
    }

    @Test
    void aHealthServerWithoutPuppetFailsAtTokenAccepted() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.tls(CA.v1Server("insecure"))) {
            Chain chain = chain(INSECURE, server.port());

            assertEquals(Optional.of(Link.Step.TOKEN_ACCEPTED), firstFailure(chain));
            assertTrue(ChainWords.of(chain.link(Link.Step.TOKEN_ACCEPTED)).contains("not a puppet service"));
        }
    }

    @Test
    void aBareTokenIsWarnedAboutAndNeedsTheServerName() throws Exception {
        try (PuppetServer server = PuppetServer.tls(CA.v1Server("insecure"), BARE)) {
            Chain chain = chain(BARE, server.port());

            assertEquals(Link.State.WARNING, chain.link(Link.Step.TOKEN).state());
            assertTrue(chain.tokenAccepted());
            assertTrue(node(chain).settings().contains(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME", "insecure")));
            // go-wechaty refuses a token without SNI before it dials, TLS or not.
            assertTrue(fix(chain, SdkFix.Sdk.GO).settings().contains(new SdkFix.Setting("WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME", "insecure")));
        }
    }
}
