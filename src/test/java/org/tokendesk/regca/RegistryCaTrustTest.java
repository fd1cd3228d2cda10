package org.tokendesk.regca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.discovery.DiscoveryClient;
import org.tokendesk.discovery.Lookup;
import org.tokendesk.discovery.Registry;
import org.tokendesk.net.CaFile;
import org.tokendesk.net.ExtraTrust;
import org.tokendesk.net.Http;
import org.tokendesk.registration.KeepOnline;
import org.tokendesk.registration.RegistrationState;
import org.tokendesk.registration.Timing;
import org.tokendesk.testing.RegistryFixture;
import org.tokendesk.registry.RegistryServer;
import org.tokendesk.testing.OwnCaRegistry;
import org.tokendesk.testing.TestPki;
import org.tokendesk.token.Token;

/**
 * A self-hosted registry behind the user's own CA (TokenDesk's registry given a certificate the test
 * CA signed): a lookup fails as untrusted until the settings carry that CA's file, then resolves, and
 * the CA counts at that registry's host:port only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryCaTrustTest {
    static final Token TOKEN = Token.of("insecure_5c0c4c34-6b3a-4f0e-9b1e-0d2a6c7e8f90");

    @TempDir
    Path dir;

    static RegistryServer serve(Path dir, TestPki pki, String name) throws Exception {
        return OwnCaRegistry.serve(dir, pki, name);
    }

    static Path caFile(Path dir, TestPki pki) throws Exception {
        return OwnCaRegistry.caFile(dir, pki);
    }

    @Test
    void theCaFileOfARegistryIsTrustedAtItsHostAndPortOnly() throws Exception {
        TestPki pki = TestPki.newCa("Home lab CA");
        Path ca = caFile(dir, pki);
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        ExtraTrust trust = new ExtraTrust();
        try (RegistryServer server = serve(dir, pki, "a");
             RegistryServer other = serve(dir, pki, "b");
             DiscoveryClient discovery = new DiscoveryClient(http, 2).trust(trust)) {
            Registry mine = new Registry(URI.create("https://127.0.0.1:" + server.port()));
            Registry otherPort = new Registry(URI.create("https://127.0.0.1:" + other.port()));
            Registry otherName = new Registry(URI.create("https://localhost:" + server.port()));

            Lookup before = discovery.lookupNow(mine, TOKEN);
            assertTrue(assertInstanceOf(Lookup.Failed.class, before, String.valueOf(before)).untrusted(), String.valueOf(before));

            RegistryCas.Built built = RegistryCas.build(Map.of(mine.baseUrl().toString(), ca.toString()));
            assertEquals(1, built.grants().size(), String.valueOf(built));
            assertTrue(built.unusable().isEmpty(), String.valueOf(built));
            trust.useRegistryGrants(built.grants());

            // The registry's own 404 {"host":"0.0.0.0",…}: the handshake passed and the answer was read.
            Lookup granted = discovery.lookupNow(mine, TOKEN);
            assertInstanceOf(Lookup.NotRegistered.class, granted, String.valueOf(granted));

            // The same CA signed the other server's certificate too, but it was given for one registry only.
            Lookup elsewherePort = discovery.lookupNow(otherPort, TOKEN);
            assertTrue(assertInstanceOf(Lookup.Failed.class, elsewherePort, String.valueOf(elsewherePort)).untrusted(),
                    String.valueOf(elsewherePort));
            Lookup elsewhereName = discovery.lookupNow(otherName, TOKEN);
            assertTrue(assertInstanceOf(Lookup.Failed.class, elsewhereName, String.valueOf(elsewhereName)).untrusted(),
                    String.valueOf(elsewhereName));

            // The own registry's grant comes and goes beside it without taking it away.
            trust.grant(Set.of("127.0.0.1"), other.port(), pki.caCertificate());
            assertInstanceOf(Lookup.NotRegistered.class, discovery.lookupNow(otherPort, TOKEN));
            trust.revoke();
            assertInstanceOf(Lookup.NotRegistered.class, discovery.lookupNow(mine, TOKEN));
            assertTrue(assertInstanceOf(Lookup.Failed.class, discovery.lookupNow(otherPort, TOKEN)).untrusted());

            // Cleared in the settings: untrusted again.
            trust.useRegistryGrants(RegistryCas.build(Map.of()).grants());
            assertTrue(assertInstanceOf(Lookup.Failed.class, discovery.lookupNow(mine, TOKEN)).untrusted());
        } finally {
            Http.shutdown(http);
        }
    }

    @Test
    void aCaFileThatCannotBeUsedIsNamedWithWhyAndTheOthersStillCount() throws Exception {
        TestPki pki = TestPki.newCa("Home lab CA");
        Path ca = caFile(dir, pki);
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "just some notes, no certificate\n");
        Path brokenPem = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        RegistryCas.Built built = RegistryCas.build(Map.of(
                "https://good.example:8443", ca.toString(),
                "https://missing.example", dir.resolve("nowhere.pem").toString(),
                "https://notpem.example", notPem.toString(),
                "https://broken.example", brokenPem.toString(),
                "https://folder.example", folder.toString()));
        assertEquals(1, built.grants().size());
        assertTrue(built.grants().get(0).covers("good.example", 8443));
        Map<String, CaFile.Problem> why = new java.util.TreeMap<>();
        built.unusable().forEach(u -> why.put(u.registry(), u.problem()));
        assertEquals(Map.of(
                "https://missing.example", CaFile.Problem.MISSING,
                "https://notpem.example", CaFile.Problem.NOT_A_CERTIFICATE,
                "https://broken.example", CaFile.Problem.NOT_A_CERTIFICATE,
                "https://folder.example", CaFile.Problem.UNREADABLE), why);
    }

    @Test
    void aRegistryWithoutAPortIsGrantedAtItsSchemesDefaultPort() throws Exception {
        TestPki pki = TestPki.newCa("Home lab CA");
        CaFile.Read.Loaded loaded = assertInstanceOf(CaFile.Read.Loaded.class, CaFile.read(caFile(dir, pki)));
        ExtraTrust.Grant g = RegistryCas.grantFor(new Registry(URI.create("https://Registry.Example")), loaded);
        assertTrue(g.covers("registry.example", 443));
        assertTrue(!g.covers("registry.example", 8443));
    }

    @Test
    void theAppsTrustFollowsTheSettingsAndKeepsTheOwnRegistrysGrant() throws Exception {
        TestPki pki = TestPki.newCa("Home lab CA");
        Path ca = caFile(dir, pki);
        ExtraTrust trust = new ExtraTrust();
        trust.grant(Set.of("127.0.0.1"), 8780, pki.caCertificate());
        RegistryCaTrust cas = new RegistryCaTrust(trust);
        RegistryCas.Built built = cas.apply(Map.of("https://lab.example:8443", ca.toString(), "https://gone.example", dir.resolve("x.pem").toString()));
        assertEquals(1, built.unusable().size());
        assertTrue(trust.forAddress("lab.example", 8443).isPresent());
        assertTrue(trust.forAddress("127.0.0.1", 8780).isPresent());
        cas.apply(Map.of());
        assertTrue(trust.forAddress("lab.example", 8443).isEmpty());
        assertTrue(trust.forAddress("127.0.0.1", 8780).isPresent());
    }

    @Test
    void keepOnlineRegistersOverWssThroughTheCaFileAndTheTokenResolves() throws Exception {
        TestPki pki = TestPki.newCa("Home lab CA");
        Path ca = caFile(dir, pki);
        OkHttpClient http = Http.newClient(Http.Timeouts.DISCOVERY);
        ExtraTrust trust = new ExtraTrust();
        Timing fast = new Timing(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofMillis(300));
        try (RegistryServer server = serve(dir, pki, "ws");
             ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DiscoveryClient discovery = new DiscoveryClient(http, 2).trust(trust);
             KeepOnline keep = new KeepOnline(discovery, fast)) {
            keep.trust(trust);
            Registry mine = new Registry(URI.create("https://127.0.0.1:" + server.port()));
            new RegistryCaTrust(trust).apply(Map.of(mine.baseUrl().toString(), ca.toString()));
            keep.keep(TOKEN, mine, service.getLocalPort());
            RegistryFixture.await(Duration.ofSeconds(30), "online over wss",
                    () -> keep.state(TOKEN) instanceof RegistrationState.Online && server.core().onlineCount() == 1);
            RegistryFixture.await(Duration.ofSeconds(10), "the port answered", () -> server.core().online().get(0).lastPort().isPresent());
            Lookup.Resolved resolved = assertInstanceOf(Lookup.Resolved.class, discovery.lookupNow(mine, TOKEN));
            assertEquals(service.getLocalPort(), resolved.port());
        } finally {
            Http.shutdown(http);
        }
    }
}
