package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.Http;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

/**
 * The registry on this computer made its own CA: TokenDesk's lookups and keep-online trust it at
 * that registry's address, over https and wss, and nowhere else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnRegistryTrustTest {
    @TempDir
    Path home;

    @Test
    void lookupsOverHttpsTrustTheGeneratedCaAtTheGrantedAddressOnly() throws Exception {
        Token token = Token.of(RegistryServerTest.TOKEN);
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        ExtraTrust trust = new ExtraTrust();
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0));
        try (RegistryServer server = RegistryServer.start(options, new MemoryDirectory(), e -> { });
             DiscoveryClient discovery = new DiscoveryClient(http, 2).trust(trust)) {
            Registry own = new Registry(URI.create("https://127.0.0.1:" + server.port()));
            Registry sameServerOtherName = new Registry(URI.create("https://localhost:" + server.port()));

            // Before the grant only the system's roots count: the generated CA is not among them.
            Lookup before = discovery.lookupNow(own, token);
            assertTrue(assertInstanceOf(Lookup.Failed.class, before, String.valueOf(before)).untrusted(), String.valueOf(before));

            trust.grant(Set.of("127.0.0.1"), server.port(), server.ownCa().orElseThrow());
            Lookup granted = discovery.lookupNow(own, token);
            // The registry's own 404 {"host":"0.0.0.0",…}: the TLS handshake passed and the answer was read.
            assertInstanceOf(Lookup.NotRegistered.class, granted, String.valueOf(granted));

            // Another name (or port) than the one granted is not covered, even for the same server.
            Lookup elsewhere = discovery.lookupNow(sameServerOtherName, token);
            assertTrue(assertInstanceOf(Lookup.Failed.class, elsewhere, String.valueOf(elsewhere)).untrusted(), String.valueOf(elsewhere));

            trust.revoke();
            Lookup revoked = discovery.lookupNow(own, token);
            assertTrue(assertInstanceOf(Lookup.Failed.class, revoked, String.valueOf(revoked)).untrusted(), String.valueOf(revoked));
        } finally {
            Http.shutdown(http);
        }
    }

    @Test
    void keepOnlineRegistersOverWssWithTheGeneratedCaAndTheLookupResolvesOverHttps() throws Exception {
        Token token = Token.of(RegistryServerTest.TOKEN);
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        ExtraTrust trust = new ExtraTrust();
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0));
        try (RegistryServer server = RegistryServer.start(options, new MemoryDirectory(), e -> { });
             ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DiscoveryClient discovery = new DiscoveryClient(http, 2).trust(trust);
             KeepOnline keep = new KeepOnline(discovery, OwnClientsTest.FAST)) {
            keep.trust(trust);
            trust.grant(Set.of("127.0.0.1", "localhost"), server.port(), server.ownCa().orElseThrow());
            Registry own = new Registry(URI.create("https://127.0.0.1:" + server.port()));
            assertEquals("wss", own.websocketUrl().getScheme());
            keep.keep(token, own, service.getLocalPort());
            RegistryFixture.await(Duration.ofSeconds(30), "online over wss",
                    () -> keep.state(token) instanceof RegistrationState.Online && server.core().onlineCount() == 1);
            RegistryFixture.await(Duration.ofSeconds(10), "the port answered", () -> server.core().online().get(0).lastPort().isPresent());
            Lookup.Resolved resolved = assertInstanceOf(Lookup.Resolved.class, discovery.lookupNow(own, token));
            assertEquals(service.getLocalPort(), resolved.port());
        } finally {
            Http.shutdown(http);
        }
    }
}
