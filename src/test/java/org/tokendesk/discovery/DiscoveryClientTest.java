package org.tokendesk.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.tokendesk.discovery.Lookup.Failure;
import org.tokendesk.net.Http;
import org.tokendesk.testing.RegistryStub;
import org.tokendesk.testing.TokenLeaks;
import org.tokendesk.token.Token;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryClientTest {
    /** Short limits so that the timeout tests take a second, not twenty. */
    private static final Http.Timeouts QUICK = new Http.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(3));
    private static final Token TOKEN = Token.of("insecure_5c0c4c34-8a1e-4b4e-9d2f-0a1b2c3d4e5f");

    private static HeldCertificate certificate;
    private static OkHttpClient http;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private DiscoveryClient client;

    @BeforeAll
    static void createClient() {
        http = Http.newClient(QUICK);
        certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
    }

    @AfterAll
    static void shutdownClient() {
        Http.shutdown(http);
    }

    @AfterEach
    void closeServers() throws Exception {
        if (client != null) {
            client.close();
        }
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeAfter.add(c);
        return c;
    }

    private Lookup lookup(RegistryStub stub) {
        return lookup(http, stub.registry());
    }

    private Lookup lookup(OkHttpClient with, Registry registry) {
        client = new DiscoveryClient(with, 4);
        Lookup result = client.lookupNow(registry, TOKEN);
        assertFalse(result.latency().isNegative());
        if (result instanceof Lookup.Failed failed) {
            assertFalse(failed.detail().contains(TOKEN.reveal()), failed.detail());
            assertFalse(failed.detail().contains("5c0c4c34-8a1e"), failed.detail());
        }
        return result;
    }

    private RegistryStub answering(int status, String body) throws IOException {
        return closing(RegistryStub.start(4)).handle(exchange -> RegistryStub.send(exchange, status, body));
    }

    private static <T> T expect(Class<T> type, Lookup lookup) {
        return assertInstanceOf(type, lookup, lookup::toString);
    }

    private static void expectFailure(Failure failure, Lookup lookup) {
        assertEquals(failure, expect(Lookup.Failed.class, lookup).failure(), lookup::toString);
    }

    @Test
    void modernAnswerWithHostResolves() throws IOException {
        Lookup.Resolved r = expect(Lookup.Resolved.class, lookup(answering(200, "{\"host\":\"1.2.3.4\",\"port\":8788}")));
        assertEquals("1.2.3.4", r.host());
        assertEquals(8788, r.port());
        assertEquals("1.2.3.4:8788", r.address());
    }

    @Test
    void olderAnswerWithIpResolves() throws IOException {
        Lookup.Resolved r = expect(Lookup.Resolved.class, lookup(answering(200, "{\"ip\":\"5.6.7.8\",\"port\":1234}")));
        assertEquals("5.6.7.8:1234", r.address());
    }

    @Test
    void hostIsPreferredWhenBothAreSent() throws IOException {
        Lookup.Resolved r = expect(Lookup.Resolved.class, lookup(answering(200, "{\"ip\":\"5.6.7.8\",\"host\":\"gw.example.org\",\"port\":8788}")));
        assertEquals("gw.example.org:8788", r.address());
    }

    @Test
    void anIpv6HostIsBracketedInTheAddress() throws IOException {
        Lookup.Resolved r = expect(Lookup.Resolved.class, lookup(answering(200, "{\"host\":\"2001:db8::7\",\"port\":8788}")));
        assertEquals("[2001:db8::7]:8788", r.address());
    }

    @Test
    void fieldsItDoesNotKnowAreSkippedHoweverDeep() throws IOException {
        String body = "{\"meta\":{\"a\":[1,{\"host\":\"9.9.9.9\"}]},\"host\":\"1.2.3.4\",\"list\":[[]],\"port\":8788,\"x\":null}";
        assertEquals("1.2.3.4:8788", expect(Lookup.Resolved.class, lookup(answering(200, body))).address());
    }

    @Test
    void aPortSentAsDigitsInAStringIsAccepted() throws IOException {
        assertEquals(8788, expect(Lookup.Resolved.class, lookup(answering(200, "{\"host\":\"1.2.3.4\",\"port\":\"8788\"}"))).port());
    }

    @ParameterizedTest(name = "{0} is not registered")
    @CsvSource({"404", "400", "401", "403", "410"})
    void fourHundredsMeanNotRegistered(int status) throws IOException {
        assertEquals(status, expect(Lookup.NotRegistered.class, lookup(answering(status, "{\"ip\":\"0.0.0.0\",\"port\":0}"))).status());
    }

    @Test
    void aFourHundredWithoutABodyIsNotRegisteredToo() throws IOException {
        assertEquals(404, expect(Lookup.NotRegistered.class, lookup(answering(404, ""))).status());
    }

    @ParameterizedTest(name = "{0} is an error")
    @CsvSource({"500", "502", "503", "408", "429", "204"})
    void otherStatusesAreErrorsNotNotRegistered(int status) throws IOException {
        Lookup result = lookup(answering(status, status == 204 ? "" : "{\"ip\":\"0.0.0.0\",\"port\":0}"));
        Lookup.Failed failed = expect(Lookup.Failed.class, result);
        assertEquals(status == 204 ? Failure.MALFORMED : Failure.HTTP_STATUS, failed.failure());
    }

    @Test
    void zeroAddressWith200IsNotRegistered() throws IOException {
        assertEquals(200, expect(Lookup.NotRegistered.class, lookup(answering(200, "{\"host\":\"0.0.0.0\",\"ip\":\"0.0.0.0\",\"port\":0}"))).status());
    }

    @Test
    void zeroAddressWith404IsNotRegistered() throws IOException {
        assertEquals(404, expect(Lookup.NotRegistered.class, lookup(answering(404, "{\"host\":\"0.0.0.0\",\"port\":0}"))).status());
    }

    @Test
    void portZeroIsNotRegisteredWhateverTheHost() throws IOException {
        expect(Lookup.NotRegistered.class, lookup(answering(200, "{\"host\":\"1.2.3.4\",\"port\":0}")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | <html>Service Unavailable</html>",
        "empty body | ''",
        "truncated JSON | {\"host\":\"1.2.3.4\",\"po",
        "JSON array | [{\"host\":\"1.2.3.4\",\"port\":8788}]",
        "JSON string | \"1.2.3.4:8788\"",
        "port 70000 | {\"host\":\"1.2.3.4\",\"port\":70000}",
        "port -5 | {\"host\":\"1.2.3.4\",\"port\":-5}",
        "port abc | {\"host\":\"1.2.3.4\",\"port\":\"abc\"}",
        "port as fraction | {\"host\":\"1.2.3.4\",\"port\":8788.5}",
        "port as boolean | {\"host\":\"1.2.3.4\",\"port\":true}",
        "port beyond int | {\"host\":\"1.2.3.4\",\"port\":99999999999}",
        "port as object | {\"host\":\"1.2.3.4\",\"port\":{\"n\":8788}}",
        "port missing | {\"host\":\"1.2.3.4\"}",
        "port null | {\"host\":\"1.2.3.4\",\"port\":null}",
        "host missing | {\"port\":8788}",
        "host as number | {\"host\":1234,\"port\":8788}",
        "host as object | {\"host\":{\"a\":1},\"port\":8788}",
        "host empty | {\"host\":\"  \",\"port\":8788}",
        "host with spaces | {\"host\":\"evil host\",\"port\":8788}",
        "host with terminal escape | {\"host\":\"1.2.3.4\\u001b[2J\",\"port\":8788}",
    })
    void unusableAnswersAreMalformed(String what, String body) throws IOException {
        expectFailure(Failure.MALFORMED, lookup(answering(200, body)));
    }

    @Test
    void aHostLongerThanAnyDnsNameIsMalformed() throws IOException {
        expectFailure(Failure.MALFORMED, lookup(answering(200, "{\"host\":\"" + "a".repeat(254) + "\",\"port\":8788}")));
    }

    @Test
    void portProblemsAreDescribedInTheDetail() throws IOException {
        Lookup.Failed failed = expect(Lookup.Failed.class, lookup(answering(200, "{\"host\":\"1.2.3.4\",\"port\":70000}")));
        assertEquals("port 70000 is not 1..65535", failed.detail());
    }

    @Test
    void aPortThatEchoesTheTokenShowsNoMoreOfItThanAMask() throws IOException {
        Token legacy = Token.of("my-old-provider-secret-0123456789");
        RegistryStub stub = closing(RegistryStub.start(4)).answers(legacy.reveal(), 200, "{\"host\":\"1.2.3.4\",\"port\":\"" + legacy.reveal() + "\"}");
        client = new DiscoveryClient(http, 4);
        Lookup.Failed failed = expect(Lookup.Failed.class, client.lookupNow(stub.registry(), legacy));
        assertEquals("port \"my-old-p…\" is not 1..65535", failed.detail());
        TokenLeaks.of(legacy).assertNoneIn("detail", failed.detail());
    }

    @Test
    void loopbackAnswerFromARemoteRegistryMeansRegisteredButUnreachable() throws IOException {
        RegistryStub stub = answering(200, "{\"host\":\"127.0.0.1\",\"ip\":\"203.0.113.7\",\"port\":8788}");
        Lookup.Unreachable u = expect(Lookup.Unreachable.class, lookup(viaFakeDns(), remoteNamed(stub)));
        assertEquals("203.0.113.7", u.publicIp());
        assertEquals(8788, u.port());
    }

    @Test
    void loopbackAnswerWithoutAPublicIpIsUnreachableWithoutOne() throws IOException {
        RegistryStub stub = answering(200, "{\"host\":\"127.0.0.1\",\"port\":8788}");
        Lookup.Unreachable u = expect(Lookup.Unreachable.class, lookup(viaFakeDns(), remoteNamed(stub)));
        assertEquals(null, u.publicIp());
    }

    @Test
    void loopbackAnswerFromARegistryStubIsAPlainResolve() throws IOException {
        RegistryStub stub = answering(200, "{\"host\":\"127.0.0.1\",\"ip\":\"127.0.0.1\",\"port\":8788}");
        assertEquals("127.0.0.1:8788", expect(Lookup.Resolved.class, lookup(stub)).address());
    }

    /** A registry known by a name that is not loopback, reached on loopback through the client's own DNS. */
    private static Registry remoteNamed(RegistryStub stub) {
        return new Registry(URI.create("http://registry.example:" + stub.port()));
    }

    private static OkHttpClient viaFakeDns() {
        return http.newBuilder().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
    }

    @Test
    void theTokenTravelsAsOnePercentEncodedPathSegment() throws IOException {
        Token odd = Token.of("insecure_a:b;c=d+e&f'g!h$i*j(k)l~m,n");
        AtomicReference<URI> seen = new AtomicReference<>();
        RegistryStub stub = closing(RegistryStub.start(4)).handle(exchange -> {
            seen.set(exchange.getRequestURI());
            RegistryStub.send(exchange, 404, "");
        });
        client = new DiscoveryClient(http, 4);
        expect(Lookup.NotRegistered.class, client.lookupNow(new Registry(URI.create(stub.url() + "/base")), odd));
        String raw = seen.get().getRawPath();
        assertTrue(raw.startsWith("/base/v0/hosties/"), raw);
        assertEquals(4, raw.substring(1).split("/").length, raw);
        assertEquals("/base/v0/hosties/" + odd.reveal(), seen.get().getPath());
    }

    @Test
    void aTokenWithAPlusIsLookedUpAsItIs() throws IOException {
        Token plus = Token.of("puppet_legacy_Kq7+Zx9mT2pL+vR4");
        RegistryStub stub = closing(RegistryStub.start(4)).register(plus.reveal(), "198.51.100.4", 8788);
        client = new DiscoveryClient(http, 4);
        assertEquals("198.51.100.4:8788", expect(Lookup.Resolved.class, client.lookupNow(stub.registry(), plus)).address());
    }

    @Test
    void theRequestAsksForJsonAndNamesTheApp() throws IOException {
        AtomicReference<String> accept = new AtomicReference<>();
        AtomicReference<String> agent = new AtomicReference<>();
        RegistryStub stub = closing(RegistryStub.start(4)).handle(exchange -> {
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            RegistryStub.send(exchange, 404, "");
        });
        lookup(stub);
        assertEquals("application/json", accept.get());
        assertTrue(agent.get().startsWith("TokenDesk/"), agent.get());
    }

    @Test
    void anEndlessBodyIsCutAt64KiB() throws IOException {
        AtomicInteger sent = new AtomicInteger();
        RegistryStub stub = closing(RegistryStub.start(4)).handle(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "{\"host\":\"1.2.3.4\",\"port\":8788,\"pad\":\"".concat("x".repeat(8000)).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the client stops reading
            }
        });
        Lookup.Failed failed = expect(Lookup.Failed.class, lookup(stub));
        assertEquals(Failure.TOO_LARGE, failed.failure());
        assertTrue(sent.get() < 80_000_000, "the client kept reading: " + sent.get());
    }

    @Test
    void aBodyOfExactly64KiBIsStillRead() throws IOException {
        String head = "{\"host\":\"1.2.3.4\",\"port\":8788,\"pad\":\"";
        String body = head + "x".repeat(DiscoveryClient.MAX_BODY_BYTES - head.length() - 2) + "\"}";
        assertEquals(DiscoveryClient.MAX_BODY_BYTES, body.length());
        expect(Lookup.Resolved.class, lookup(answering(200, body)));
        expectFailure(Failure.TOO_LARGE, lookup(answering(200, body + " ")));
    }

    @Test
    void aServerThatStallsMidBodyTimesOut() throws IOException {
        RawServer raw = closing(new RawServer(socket -> {
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"host\":\"1.2")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }));
        long start = System.nanoTime();
        expectFailure(Failure.TIMEOUT, lookup(http, raw.registry()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0, "the read limit was not applied");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        RawServer raw = closing(new RawServer(socket -> { }));
        expectFailure(Failure.TIMEOUT, lookup(http, raw.registry()));
    }

    @Test
    void aServerThatHangsUpIsAConnectionError() throws IOException {
        RawServer raw = closing(new RawServer(Socket::close));
        expectFailure(Failure.CANNOT_CONNECT, lookup(http, raw.registry()));
    }

    @Test
    void aSameHostRedirectIsFollowed() throws IOException {
        RegistryStub stub = closing(RegistryStub.start(4));
        stub.handle(exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/v0/")) {
                exchange.getResponseHeaders().set("Location", "/moved" + path);
                exchange.sendResponseHeaders(301, -1);
            } else {
                RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}");
            }
        });
        expect(Lookup.Resolved.class, lookup(stub));
        assertEquals(2, stub.requests());
    }

    @Test
    void aRedirectToAnotherHostIsRefused() throws IOException {
        RegistryStub stub = closing(RegistryStub.start(4)).handle(exchange -> {
            exchange.getResponseHeaders().set("Location", "http://elsewhere.example" + exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(302, -1);
        });
        Lookup.Failed failed = expect(Lookup.Failed.class, lookup(stub));
        assertEquals(Failure.REDIRECT, failed.failure());
        assertTrue(failed.detail().contains("elsewhere.example"), failed.detail());
        assertEquals(1, stub.requests());
    }

    @Test
    void aRedirectLoopEnds() throws IOException {
        RegistryStub stub = closing(RegistryStub.start(4)).handle(exchange -> {
            exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(307, -1);
        });
        expectFailure(Failure.REDIRECT, lookup(stub));
        assertTrue(stub.requests() <= 3, "requests: " + stub.requests());
    }

    @Test
    void aRedirectWithoutLocationIsRefused() throws IOException {
        expectFailure(Failure.REDIRECT, lookup(answering(302, "")));
    }

    @Test
    void aRedirectFromHttpsToPlainHttpIsRefused() throws IOException {
        RegistryStub plain = closing(RegistryStub.start(4)).handle(exchange -> RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}"));
        RegistryStub https = closing(RegistryStub.startHttps(serverTls())).handle(exchange -> {
            exchange.getResponseHeaders().set("Location", plain.url() + exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(302, -1);
        });
        Lookup.Failed failed = expect(Lookup.Failed.class, lookup(trustingTheTestCertificate(), https.registry()));
        assertEquals(Failure.REDIRECT, failed.failure());
        assertEquals(0, plain.requests());
    }

    @Test
    void aPlainHttpRegistryRedirectingToHttpsIsFollowedOverTls() throws IOException {
        // The CLI on an http registry starts with a client that speaks plain HTTP only (no TLS set-up).
        OkHttpClient plainOnly = Http.newPlainClient(QUICK);
        try {
            RegistryStub https = closing(RegistryStub.startHttps(serverTls())).handle(exchange -> RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}"));
            RegistryStub plain = closing(RegistryStub.start(4)).handle(exchange -> {
                exchange.getResponseHeaders().set("Location", https.url() + exchange.getRequestURI().getRawPath());
                exchange.sendResponseHeaders(301, -1);
            });
            AtomicInteger made = new AtomicInteger();
            client = new DiscoveryClient(plainOnly, () -> {
                made.incrementAndGet();
                return trustingTheTestCertificate();
            }, 4);
            expect(Lookup.Resolved.class, client.lookupNow(plain.registry(), TOKEN));
            expect(Lookup.Resolved.class, client.lookupNow(plain.registry(), TOKEN));
            assertEquals(2, https.requests());
            assertEquals(1, made.get(), "the TLS client is made once, on the first https URL");
        } finally {
            Http.shutdown(plainOnly);
        }
    }

    @Test
    void aPlainClientsTlsTwinTrustsTheSystemNotTheTestCertificate() throws IOException {
        OkHttpClient plainOnly = Http.newPlainClient(QUICK);
        try {
            RegistryStub https = closing(RegistryStub.startHttps(serverTls())).handle(exchange -> RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}"));
            // Speaks TLS (a handshake happens and fails on trust), where the plain client cannot even try.
            client = new DiscoveryClient(plainOnly, () -> Http.withTls(plainOnly), 1);
            expectFailure(Failure.TLS, client.lookupNow(https.registry(), TOKEN));
            assertEquals(0, https.requests());
        } finally {
            Http.shutdown(plainOnly);
        }
    }

    @Test
    void httpsWithATrustedCertificateResolves() throws IOException {
        RegistryStub https = closing(RegistryStub.startHttps(serverTls())).handle(exchange -> RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}"));
        expect(Lookup.Resolved.class, lookup(trustingTheTestCertificate(), https.registry()));
    }

    @Test
    void aSelfSignedCertificateIsATlsFailure() throws IOException {
        RegistryStub https = closing(RegistryStub.startHttps(serverTls())).handle(exchange -> RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}"));
        expectFailure(Failure.TLS, lookup(http, https.registry()));
        assertEquals(0, https.requests());
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailure() throws IOException {
        // What web servers do with a TLS hello: answer in plain text.
        RawServer plain = closing(new RawServer(false, socket -> {
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }));
        expectFailure(Failure.TLS, lookup(http, new Registry(URI.create("https://127.0.0.1:" + plain.port()))));
    }

    private static SSLContext serverTls() {
        return new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslContext();
    }

    private static OkHttpClient trustingTheTestCertificate() {
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        return http.newBuilder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
    }

    @Test
    void aRefusedConnectionCannotConnect() throws IOException {
        expectFailure(Failure.CANNOT_CONNECT, lookup(http, RegistryStub.down()));
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        expectFailure(Failure.DNS, lookup(http, new Registry(URI.create("http://registry.invalid"))));
    }

    @Test
    void neverMoreThanMaxInFlightLookupsReachTheRegistryAtOnce() throws Exception {
        int max = 16;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch full = new CountDownLatch(max);
        RegistryStub stub = closing(RegistryStub.start(64)).handle(exchange -> {
            highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            full.countDown();
            try {
                // Hold the first requests until max are in flight at once; a 17th would show in the count.
                full.await(10, TimeUnit.SECONDS);
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            RegistryStub.send(exchange, 200, "{\"host\":\"1.2.3.4\",\"port\":8788}");
        });
        client = new DiscoveryClient(http, max);
        List<CompletableFuture<Lookup>> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(client.lookup(stub.registry(), Token.of("insecure_" + i)));
        }
        for (CompletableFuture<Lookup> f : all) {
            expect(Lookup.Resolved.class, f.get(20, TimeUnit.SECONDS));
        }
        assertEquals(max, highest.get());
        assertEquals(60, stub.requests());
    }

    @Test
    void concurrentLookupsShareConnections() throws Exception {
        Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
        RegistryStub stub = closing(RegistryStub.start(8)).handle(exchange -> {
            ports.merge(Integer.toString(exchange.getRemoteAddress().getPort()), 1, Integer::sum);
            RegistryStub.send(exchange, 404, "{\"ip\":\"0.0.0.0\",\"port\":0}");
        });
        client = new DiscoveryClient(http, 4);
        List<CompletableFuture<Lookup>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(client.lookup(stub.registry(), Token.of("insecure_" + i)));
        }
        for (CompletableFuture<Lookup> f : all) {
            expect(Lookup.NotRegistered.class, f.get(20, TimeUnit.SECONDS));
        }
        assertTrue(ports.size() <= 8, "connections opened: " + ports.size());
    }

    /** A TCP server on loopback that reads one request head and then does what the test says, for misbehaviour the JDK server will not do. */
    static final class RawServer implements AutoCloseable {
        interface Behaviour {
            void on(Socket socket) throws IOException;
        }

        private final ServerSocket server;
        private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;

        RawServer(Behaviour behaviour) throws IOException {
            this(true, behaviour);
        }

        RawServer(boolean readRequestHead, Behaviour behaviour) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.add(s);
                        if (readRequestHead) {
                            readHead(s.getInputStream());
                        }
                        behaviour.on(s);
                    } catch (IOException e) {
                        // closed by the test or by the client
                    }
                }
            }, "raw-server");
            thread.setDaemon(true);
            thread.start();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        Registry registry() {
            return new Registry(URI.create("http://127.0.0.1:" + server.getLocalPort()));
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
            thread.join(5000);
        }
    }
}
