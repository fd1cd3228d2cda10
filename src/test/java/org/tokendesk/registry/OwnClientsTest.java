package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.Http;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Timing;
import org.tokendesk.registration.Verification;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.token.Token;

/** TokenDesk's own keep-online and check, unchanged, against TokenDesk's own registry. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnClientsTest {
    static final Timing FAST = new Timing(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMillis(50),
            Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofMillis(300));

    @TempDir
    Path home;

    @Test
    void keepOnlineRegistersAndCheckResolvesOverHttpsWithTheGeneratedCa() throws Exception {
        Token token = Token.of(RegistryServerTest.TOKEN);
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0));
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        try (RegistryServer server = RegistryServer.start(options, new MemoryDirectory(), e -> { });
             ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DiscoveryClient discovery = new DiscoveryClient(http, 4);
             DiscoveryClient check = new DiscoveryClient(trusting(http, server.ownCa().orElseThrow()), 4);
             KeepOnline keep = new KeepOnline(discovery, FAST)) {
            // Keep-online registers over plain ws (as Wechaty does to any self-hosted apihost); the round trip it verifies is http.
            Registry plain = new Registry(URI.create("http://127.0.0.1:" + server.port()));
            keep.keep(token, plain, service.getLocalPort());
            RegistryFixture.await(Duration.ofSeconds(20), "online and verified",
                    () -> keep.state(token) instanceof RegistrationState.Online
                            && keep.status(token).map(s -> s.verification() instanceof Verification.Verified).orElse(false));
            Verification.Verified verified = (Verification.Verified) keep.status(token).orElseThrow().verification();
            assertEquals(service.getLocalPort(), verified.port());
            assertEquals(1, server.core().onlineCount());
            // The check, as the SDKs resolve: over https, trusting only the registry's CA.
            Registry secure = new Registry(URI.create("https://localhost:" + server.port()));
            Lookup lookup = check.lookupNow(secure, token);
            Lookup.Resolved resolved = assertInstanceOf(Lookup.Resolved.class, lookup, String.valueOf(lookup));
            assertEquals("127.0.0.1", resolved.host());
            assertEquals(service.getLocalPort(), resolved.port());
            // The registry tested the address it handed out, and says so.
            RegistryFixture.await(Duration.ofSeconds(5), "reachability", () -> server.core().online().get(0).reach() instanceof Reach.Reachable);
        } finally {
            Http.shutdown(http);
        }
    }

    static OkHttpClient trusting(OkHttpClient base, X509Certificate ca) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("registry-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            X509TrustManager manager = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new X509TrustManager[] {manager}, null);
            return Http.withTls(base).newBuilder().sslSocketFactory(tls.getSocketFactory(), manager).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
