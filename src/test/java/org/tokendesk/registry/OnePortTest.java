package org.tokendesk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.tokendesk.testing.Puppet;
import org.tokendesk.registry.tls.MachineCertificate;
import org.tokendesk.registry.tls.MachineNames;
import org.tokendesk.registry.tls.Pem;
import org.tokendesk.testing.RegistryFixture;

/** https/wss and http/ws on one port, TLS told apart by the first bytes; clients trust only the generated CA. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnePortTest {
    @TempDir
    Path home;

    static HttpClient trusting(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("registry-ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void httpsLookupsAndPlainWsRegistrationOnTheSamePort() throws Exception {
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0));
        try (RegistryServer registry = RegistryServer.start(options, new MemoryDirectory(), e -> { })) {
            X509Certificate ca = Pem.readCertificates(home.resolve(MachineCertificate.CA_FILE)).get(0);
            assertEquals(ca, registry.ownCa().orElseThrow());
            HttpClient https = trusting(ca);
            HttpClient plain = HttpClient.newHttpClient();
            int port = registry.port();
            try (Puppet overWs = Puppet.connect(plain, URI.create("ws://127.0.0.1:" + port + "/v0/websocket"), RegistryServerTest.TOKEN, "8788", "");
                 Puppet overWss = Puppet.connect(https, URI.create("wss://localhost:" + port + "/v0/websocket"),
                         "uuid_0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "8799", "")) {
                RegistryFixture.await(Duration.ofSeconds(10), "both online", () -> registry.core().onlineCount() == 2);
                for (String base : new String[] {"https://127.0.0.1:" + port, "https://localhost:" + port, "http://127.0.0.1:" + port}) {
                    HttpClient client = base.startsWith("https") ? https : plain;
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/v0/hosties/" + RegistryServerTest.TOKEN)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, answer.statusCode(), base);
                    assertEquals(8788, new ObjectMapper().readTree(answer.body()).get("port").asInt(), base);
                }
                HttpResponse<String> wss = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v0/hosties/uuid_0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(8799, new ObjectMapper().readTree(wss.body()).get("port").asInt());
            }
            // A client with only the system's trust refuses the registry's own CA, as it should.
            HttpClient system = HttpClient.newHttpClient();
            assertThrows(SSLHandshakeException.class, () -> system.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v0/hosties/x")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void plainServesNoTls() throws Exception {
        RegistryOptions options = RegistryOptions.defaults(home).listenOn(new InetSocketAddress("127.0.0.1", 0)).plainOnly(true);
        try (RegistryServer registry = RegistryServer.start(options, new MemoryDirectory(), e -> { })) {
            assertEquals(Optional.empty(), registry.ownCa());
            HttpClient plain = HttpClient.newHttpClient();
            assertEquals(404, plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registry.port() + "/v0/hosties/x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThrows(IOException.class, () -> trusting(selfCa())
                    .send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + registry.port() + "/v0/hosties/x")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    private X509Certificate selfCa() throws IOException {
        return new MachineCertificate(home.resolve("other"), Clock.systemUTC())
                .ensure(MachineNames.ofThisMachine()).identity().ownCa().orElseThrow();
    }
}
